"""What an indicator is: a documented definition as code, computed in the database.

An indicator has a stable `code`, a `version` (raised whenever its definition changes, so
that exported figures say which definition they follow), a Dutch title and a `Definition`
in plain words (numerator, denominator, period, inclusion, source fields). `compute(scope,
period)` returns its `Cell`s, computed with aggregate queries only: no family is loaded into
Python. A cell is raw: small numbers are suppressed afterwards, for whoever looks
(`kansrijk.monitoring.suppression`).

Only families whose monitoring consent is in force count (`population`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone, translation

from kansrijk.families.models import Consent, ConsentPurpose, Family

from ..periods import Period


@dataclass(frozen=True)
class Scope:
    """Whose figures: a coalition, optionally one of its municipalities (the family's
    current municipality: a family that moved counts where it lives now)."""

    coalition_id: int
    municipality_id: int | None = None


@dataclass(frozen=True)
class Definition:
    numerator: str
    denominator: str = ""
    period: str = ""
    inclusion: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One figure: a count (`numerator`), out of `denominator` for a share, or a `value`
    (a median, in the indicator's unit) computed over `denominator` families."""

    key: str
    label: str
    numerator: int | None = None
    denominator: int | None = None
    value: Decimal | None = None

    @property
    def share(self) -> Decimal | None:
        if self.numerator is None or not self.denominator:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)


@dataclass(frozen=True)
class Indicator:
    code: str
    version: int
    title: str
    kind: str  # "count", "share", "median" or "distribution"
    definition: Definition
    compute: object  # (scope, period) -> list[Cell]
    unit: str = ""
    group: str = ""
    extra: dict = field(default_factory=dict)
    # Counts events dated in the period (each in exactly one month): a quarter's counts are
    # the sum of its months', a year's of its quarters' (see `protection`).
    additive: bool = False

    def cells(self, scope: Scope, period: Period) -> list[Cell]:
        """The raw cells; their labels in Dutch whoever asks (they are kept, and translated
        when shown: `suppression.suppress`)."""
        with translation.override("nl"):
            return list(self.compute(scope, period))


def population(scope: Scope, *, on=None) -> QuerySet:
    """The families of the scope whose consent for monitoring is in force now.

    A withdrawn consent takes the family out of every figure, also of earlier periods: the
    family asked not to be counted. `on` is unused for now (consent history per date would
    need the consent's start date per period); kept so callers read as intended.
    """
    consented = Consent.objects.given().filter(
        family=OuterRef("pk"), purpose=ConsentPurpose.MONITORING
    )
    families = Family.objects.filter(coalition_id=scope.coalition_id).filter(Exists(consented))
    if scope.municipality_id is not None:
        families = families.filter(municipality_id=scope.municipality_id)
    return families


def midnight(day: date) -> datetime:
    """The start of `day` in the site's time zone (the same days whoever asks, also in the
    background), to compare datetimes with dates."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def period_range(period: Period) -> tuple[datetime, datetime]:
    """The period as a half-open range of datetimes: [first day 00:00, day after last 00:00)."""
    return midnight(period.first), midnight(period.last + timedelta(days=1))


def median(values: QuerySet, field: str) -> tuple[int, object | None]:
    """(how many, median) of `field` over `values`, nulls left out. Two queries: the count,
    then the middle one or two values (ordered, one OFFSET/LIMIT slice): portable to SQLite,
    which has no percentile_cont, and never loading more than two values."""
    known = values.filter(**{f"{field}__isnull": False})
    count = known.count()
    if not count:
        return 0, None
    middle = list(
        known.order_by(field, "pk").values_list(field, flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    if isinstance(middle[0], timedelta):
        return count, sum(middle, timedelta()) / len(middle)
    return count, Decimal(sum(middle)) / len(middle)
