"""The phase of the 1000 days, computed from dates and today; never stored by hand.

Conventions (Dutch obstetric and JGZ practice; DESIGN.md section 3):

- Gestational age counts from the due date: day 280 (40+0 weeks) is the due date, so
  gestational age in days = 280 - (due_date - today). It is written weeks+days ("20+3").
  A due date more than 40 weeks ahead gives a negative age; it is shown as 0+0.
- Pregnancy trimester 1 runs up to and including 12+6, trimester 2 from 13+0 to 26+6,
  trimester 3 from 27+0 until the birth is recorded (also after 40+0: the phase does not
  guess a birth).
- After birth, day 0 is the day of birth. Kraamperiode: days 0..7 (kraamzorg ends on day 8).
  The gap ("het gat") between the end of kraamzorg and the first JGZ visit at about week 5:
  days 8..34. Infancy: day 35 up to the day before the first birthday. Toddler: from the
  first birthday up to the day before the second birthday. Closed: from the second birthday,
  when the 1000 days are over.
- A child born on 29 February has its birthday on 28 February in other years.
- Without a pregnancy the family is in preconception.

`compute_phase` is a pure function of its arguments; `family_phase` picks which pregnancy
of a family counts.
"""

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DUE_DATE_DAY = 280
TRIMESTER_2_FROM_DAY = 13 * 7  # 13+0
TRIMESTER_3_FROM_DAY = 27 * 7  # 27+0
GAP_FROM_DAY = 8
INFANCY_FROM_DAY = 35  # week 5


class PhaseCode(models.TextChoices):
    PRECONCEPTION = "preconception", _("Voor de zwangerschap")
    TRIMESTER_1 = "trimester_1", _("Zwangerschap, 1e trimester")
    TRIMESTER_2 = "trimester_2", _("Zwangerschap, 2e trimester")
    TRIMESTER_3 = "trimester_3", _("Zwangerschap, 3e trimester")
    KRAAMPERIODE = "kraamperiode", _("Kraamperiode")
    GAP = "gap", _("Tussen kraamzorg en JGZ")
    INFANCY = "infancy", _("Eerste levensjaar")
    TODDLER = "toddler", _("Tweede levensjaar")
    CLOSED = "closed", _("1000 dagen voorbij")


PREGNANCY_PHASES = (PhaseCode.TRIMESTER_1, PhaseCode.TRIMESTER_2, PhaseCode.TRIMESTER_3)
CHILD_PHASES = (
    PhaseCode.KRAAMPERIODE,
    PhaseCode.GAP,
    PhaseCode.INFANCY,
    PhaseCode.TODDLER,
    PhaseCode.CLOSED,
)


@dataclass(frozen=True)
class GestationalAge:
    weeks: int
    days: int

    @classmethod
    def from_days(cls, total: int) -> "GestationalAge":
        weeks, days = divmod(max(total, 0), 7)
        return cls(weeks, days)

    @property
    def total_days(self) -> int:
        return self.weeks * 7 + self.days

    def __str__(self) -> str:
        return f"{self.weeks}+{self.days}"


@dataclass(frozen=True)
class Phase:
    code: PhaseCode
    gestational_age: GestationalAge | None = None
    child_age_days: int | None = None

    @property
    def label(self) -> str:
        return str(self.code.label)

    @property
    def age_text(self) -> str:
        """Gestational age ("20+3 weken") in pregnancy, the child's age after birth."""
        if self.gestational_age is not None:
            return _("%(age)s weken") % {"age": self.gestational_age}
        if self.child_age_days is not None and self.code != PhaseCode.CLOSED:
            return _child_age_text(self.child_age_days)
        return ""

    def __str__(self) -> str:
        return f"{self.label} ({self.age_text})" if self.age_text else self.label


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def gestational_age_days(*, today: date, due_date: date) -> int:
    return DUE_DATE_DAY - (due_date - today).days


def compute_phase(
    *, today: date, due_date: date | None = None, birth_date: date | None = None
) -> Phase:
    """The phase on `today` of a pregnancy with `due_date` and/or `birth_date`.

    Without either date: preconception. A birth date wins over the due date. A birth date
    after `today` is an error (`ValueError`): the birth has not happened yet.
    """
    if birth_date is not None:
        if birth_date > today:
            raise ValueError("birth_date lies after today")
        age = (today - birth_date).days
        if age < GAP_FROM_DAY:
            code = PhaseCode.KRAAMPERIODE
        elif age < INFANCY_FROM_DAY:
            code = PhaseCode.GAP
        elif today < add_years(birth_date, 1):
            code = PhaseCode.INFANCY
        elif today < add_years(birth_date, 2):
            code = PhaseCode.TODDLER
        else:
            code = PhaseCode.CLOSED
        return Phase(code=code, child_age_days=age)
    if due_date is not None:
        ga = gestational_age_days(today=today, due_date=due_date)
        if ga < TRIMESTER_2_FROM_DAY:
            code = PhaseCode.TRIMESTER_1
        elif ga < TRIMESTER_3_FROM_DAY:
            code = PhaseCode.TRIMESTER_2
        else:
            code = PhaseCode.TRIMESTER_3
        return Phase(code=code, gestational_age=GestationalAge.from_days(ga))
    return Phase(code=PhaseCode.PRECONCEPTION)


def family_phase(pregnancies: Iterable, *, today: date) -> Phase:
    """The family's phase: that of its most recent pregnancy that is running or gave a child.

    A pregnancy that ended without a living child (miscarriage, stillbirth, termination) does
    not start the child phases; if no other pregnancy counts, the family is in
    preconception. Pass prefetched pregnancies to avoid a query per family.
    """
    from .models import PregnancyOutcome

    counting = [
        p
        for p in pregnancies
        if (p.birth_date is None and not p.outcome) or p.outcome == PregnancyOutcome.LIVE_BIRTH
    ]
    if not counting:
        return Phase(code=PhaseCode.PRECONCEPTION)
    latest = max(counting, key=lambda p: (p.birth_date or p.due_date, p.pk or 0))
    return compute_phase(today=today, due_date=latest.due_date, birth_date=latest.birth_date)


@dataclass(frozen=True)
class DateBounds:
    """Inclusive bounds on one date field; `None` is open-ended."""

    field: str
    first: date | None
    last: date | None

    def contains(self, value: date) -> bool:
        return (self.first is None or value >= self.first) and (
            self.last is None or value <= self.last
        )

    def as_filter(self, prefix: str = "") -> dict:
        lookups = {}
        if self.first is not None:
            lookups[f"{prefix}{self.field}__gte"] = self.first
        if self.last is not None:
            lookups[f"{prefix}{self.field}__lte"] = self.last
        return lookups


def phase_date_bounds(code: PhaseCode, *, today: date) -> DateBounds | None:
    """The range of due dates (pregnancy phases) or birth dates (child phases) that gives
    phase `code` on `today`, for filtering in the database. `None` for preconception.

    For pregnancy phases the pregnancy must also have no birth date.
    """
    # Gestational age g on today means due_date = today + (280 - g).
    if code == PhaseCode.TRIMESTER_1:
        return DateBounds("due_date", _due_for_age(TRIMESTER_2_FROM_DAY - 1, today), None)
    if code == PhaseCode.TRIMESTER_2:
        return DateBounds(
            "due_date",
            _due_for_age(TRIMESTER_3_FROM_DAY - 1, today),
            _due_for_age(TRIMESTER_2_FROM_DAY, today),
        )
    if code == PhaseCode.TRIMESTER_3:
        return DateBounds("due_date", None, _due_for_age(TRIMESTER_3_FROM_DAY, today))
    if code == PhaseCode.KRAAMPERIODE:
        return DateBounds("birth_date", today - timedelta(days=GAP_FROM_DAY - 1), today)
    if code == PhaseCode.GAP:
        return DateBounds(
            "birth_date",
            today - timedelta(days=INFANCY_FROM_DAY - 1),
            today - timedelta(days=GAP_FROM_DAY),
        )
    if code == PhaseCode.INFANCY:
        return DateBounds(
            "birth_date",
            _latest_birth_with_birthday_by(today, 1) + timedelta(days=1),
            today - timedelta(days=INFANCY_FROM_DAY),
        )
    if code == PhaseCode.TODDLER:
        return DateBounds(
            "birth_date",
            _latest_birth_with_birthday_by(today, 2) + timedelta(days=1),
            _latest_birth_with_birthday_by(today, 1),
        )
    if code == PhaseCode.CLOSED:
        return DateBounds("birth_date", None, _latest_birth_with_birthday_by(today, 2))
    return None


def _due_for_age(age_days: int, today: date) -> date:
    return today + timedelta(days=DUE_DATE_DAY - age_days)


def _latest_birth_with_birthday_by(today: date, years: int) -> date:
    """The last birth date whose `years`-th birthday falls on or before `today`."""
    candidate = add_years(today, -years)
    if today.month == 2 and today.day == 28:
        # Someone born on 29 February has the birthday on 28 February (if that year has one).
        with suppress(ValueError):
            candidate = candidate.replace(day=29)
    return candidate


def _child_age_text(days: int) -> str:
    if days < 7:
        return _("dag %(day)s") % {"day": days}
    if days < 7 * 13:
        weeks = days // 7
        return ngettext("%(weeks)s week", "%(weeks)s weken", weeks) % {"weeks": weeks}
    months = days * 12 // 365
    return ngettext("%(months)s maand", "%(months)s maanden", months) % {"months": months}
