"""Date arithmetic every app shares."""

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """`start` plus `days` working days (Monday to Friday; public holidays are not known)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
