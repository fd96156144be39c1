"""Reporting periods: a year ("2026"), a quarter ("2026-Q3") or a month ("2026-09").

A period runs from its first day up to and including its last day; `previous()` is the period
of the same length just before it (for the comparison on the dashboard), and `months()` the
months in it (for the trend lines).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    pass


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    first: date
    last: date
    code: str

    @classmethod
    def parse(cls, code: str) -> "Period":
        """The period of a code; `PeriodError` with a Dutch message when it is not one."""
        code = (code or "").strip().upper()
        if match := _YEAR.match(code):
            year = int(match[1])
            return cls._checked(date(year, 1, 1), date(year, 12, 31), code)
        if match := _QUARTER.match(code):
            year, quarter = int(match[1]), int(match[2])
            first_month = 3 * quarter - 2
            last = _month_end(year, first_month + 2)
            return cls._checked(date(year, first_month, 1), last, f"{year}-Q{quarter}")
        if match := _MONTH.match(code):
            year, month = int(match[1]), int(match[2])
            return cls._checked(date(year, month, 1), _month_end(year, month), code)
        raise PeriodError(
            _("Geef een periode als jaar (2026), kwartaal (2026-Q3) of maand (2026-09).")
        )

    @classmethod
    def _checked(cls, first: date, last: date, code: str) -> "Period":
        if not 2000 <= first.year <= 2100:
            raise PeriodError(_("Kies een jaar tussen 2000 en 2100."))
        return cls(first=first, last=last, code=code)

    @classmethod
    def quarter_of(cls, day: date) -> "Period":
        return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")

    @property
    def kind(self) -> str:
        return "quarter" if "-Q" in self.code else ("month" if "-" in self.code else "year")

    @property
    def label(self) -> str:
        if self.kind == "year":
            return self.code
        if self.kind == "quarter":
            return _("%(quarter)se kwartaal %(year)s") % {
                "quarter": self.code[-1],
                "year": self.first.year,
            }
        return date_format(self.first, "F Y")

    def previous(self) -> "Period":
        if self.kind == "year":
            return Period.parse(str(self.first.year - 1))
        if self.kind == "quarter":
            return Period.quarter_of(self.first - timedelta(days=1))
        day = self.first - timedelta(days=1)
        return Period.parse(f"{day.year}-{day.month:02d}")

    def months(self) -> list["Period"]:
        months, day = [], self.first
        while day <= self.last:
            months.append(Period.parse(f"{day.year}-{day.month:02d}"))
            day = _month_end(day.year, day.month) + timedelta(days=1)
        return months

    def __str__(self) -> str:
        return self.code
