"""Date arithmetic and date formatting every app shares."""

from datetime import date, datetime, timedelta
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.translation import get_language


def add_working_days(start: date, days: int) -> date:
    """`start` plus `days` working days (Monday to Friday; public holidays are not known)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


# --- Formatting, remembered --------------------------------------------------------------------

# What Django's `dateformat.format` reads besides the value and the format: the language (month
# and day names, named formats such as DATE_FORMAT) and the settings below; the default time
# zone for a naive datetime, the value's own zone (and fold) for an aware one.
_FORMAT_SETTINGS = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "FORMAT_MODULE_PATH",
    "INSTALLED_APPS",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "LOCALE_PATHS",
    "MONTH_DAY_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "TIME_ZONE",
    "USE_TZ",
    "YEAR_MONTH_FORMAT",
}


def format_date(value, format: str | None = None) -> str:
    """`django.utils.formats.date_format(value, format)`, remembered per value, format and
    language for dates and datetimes.

    Django reads the format letter by letter and looks up month and day names on every call
    (about 10 µs); a list page formats a date or two per row, often the same few dates. Other
    values go to Django every time.
    """
    kind = type(value)
    if kind is date:
        return _formatted(value, kind, None, 0, format, get_language())
    if kind is datetime:
        return _formatted(value, kind, value.tzinfo, value.fold, format, get_language())
    return formats.date_format(value, format)


@lru_cache(maxsize=4096)
def _formatted(value, kind, tzinfo, fold, format, language) -> str:
    # `kind`, `tzinfo` and `fold` are part of the key: equal datetimes may show differently
    # (another zone, the repeated hour of the autumn change), and a date equals no datetime.
    return formats.date_format(value, format)


@receiver(setting_changed)
def _forget_formatted_dates(*, setting, **kwargs) -> None:
    if setting in _FORMAT_SETTINGS:
        _formatted.cache_clear()
