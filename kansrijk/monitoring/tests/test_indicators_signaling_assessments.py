"""Pregnancies signalled (and how early), the median gestational age at the first signaling,
and the level distribution, against a hand-built quarter with known answers: only a
pregnancy's first finished assessment counts, on the day it was done; the last day of a
quarter counts and the next day does not; drafts, withdrawn consent and other coalitions
never count; a family that moved counts where it lives now."""

from datetime import date
from decimal import Decimal

import pytest

from kansrijk.monitoring.indicators import Cell, Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.signaling.levels import Level
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_signaling import assess

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2026-Q1")
DUE = date(2026, 8, 1)


def cells(code, scope, period=Q1) -> dict:
    """The indicator's cells by key; a distribution's total (each cell's denominator) as
    "total"."""
    indicator = get(code)
    found = {cell.key: cell for cell in indicator.cells(scope, period)}
    if indicator.kind == "distribution":
        totals = {cell.denominator for cell in found.values()}
        found["total"] = Cell("total", "", numerator=totals.pop() if totals else 0)
    return found


@pytest.fixture
def elsewhere(cast):
    return MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Derdedorp")


@pytest.fixture
def quarter(cast, elsewhere):
    c, by = cast.coalition, cast.coordinator

    def family(**kwargs):
        return monitored_family(c, by, due_date=DUE, **kwargs)

    # Counted in Q1 (first finished assessment in it), gestational ages 70, 119, 112 (16+0:
    # not before 16 weeks), unknown, 168 days.
    one = family()
    assess(one, by, on=date(2026, 1, 10), age_days=70, level=Level.POTENTIALLY_VULNERABLE)
    assess(one, by, on=date(2026, 3, 20), age_days=140, level=Level.VULNERABLE)
    assess(family(), by, on=date(2026, 2, 1), age_days=119)
    assess(family(), by, on=Q1.last, age_days=112, level=Level.URGENT)
    assess(family(), by, on=date(2026, 2, 10), age_days=None)
    moved = family(municipality=elsewhere)
    assess(moved, by, on=date(2026, 3, 1), age_days=168, level=Level.POTENTIALLY_VULNERABLE)
    # Not counted in Q1: the next day; first assessed in the previous year; a draft.
    assess(family(), by, on=date(2026, 4, 1), age_days=100, level=Level.URGENT)
    earlier = family()
    assess(earlier, by, on=date(2025, 12, 20), age_days=100, level=Level.VULNERABLE)
    assess(earlier, by, on=date(2026, 1, 15), age_days=126, level=Level.NONE)
    assess(family(), by, on=date(2026, 2, 2), age_days=90, final=False)
    # Never counted: consent withdrawn, another coalition.
    assess(family(withdrawn=True), by, on=date(2026, 2, 3), age_days=60, level=Level.URGENT)
    other = monitored_family(cast.other_coalition, by, due_date=DUE)
    assess(other, by, on=date(2026, 2, 3), age_days=60, level=Level.URGENT)


def test_pregnancies_signalled_count_their_first_finished_assessment(cast, quarter):
    found = cells("pregnancies_signalled", Scope(cast.coalition.pk))

    assert found["total"].numerator == 5
    assert (found["before_16"].numerator, found["before_16"].denominator) == (1, 5)
    assert (found["before_20"].numerator, found["before_20"].denominator) == (3, 5)


def test_the_year_boundary_splits_by_the_first_assessment(cast, quarter):
    scope = Scope(cast.coalition.pk)

    assert cells("pregnancies_signalled", scope, Period.parse("2025-Q4"))["total"].numerator == 1
    assert cells("pregnancies_signalled", scope, Period.parse("2025"))["total"].numerator == 1
    assert cells("pregnancies_signalled", scope, Period.parse("2026"))["total"].numerator == 6
    assert cells("pregnancies_signalled", scope, Period.parse("2026-04"))["total"].numerator == 1


def test_a_moved_family_counts_in_its_new_municipality(cast, quarter, elsewhere):
    there = cells("pregnancies_signalled", Scope(cast.coalition.pk, elsewhere.pk))
    here = cells(
        "pregnancies_signalled",
        Scope(cast.coalition.pk, cast.coalition.municipalities.get(cbs_code="GM9501").pk),
    )

    assert (there["total"].numerator, there["before_20"].numerator) == (1, 0)
    assert (here["total"].numerator, here["before_20"].numerator) == (4, 3)


def test_the_median_gestational_age_is_in_weeks_with_one_decimal(cast, quarter):
    # Known ages 70, 112, 119, 168 days: the middle two average 115.5 days = 16.5 weeks.
    median = cells("gestational_age_at_first_signaling", Scope(cast.coalition.pk))["median"]

    assert (median.value, median.denominator) == (Decimal("16.5"), 4)


def test_the_median_of_an_odd_number_is_the_middle_one(cast, quarter, elsewhere):
    # 2025-Q4: one pregnancy, 100 days = 14.29 weeks; elsewhere in Q1: 168 days = 24 weeks.
    scope = Scope(cast.coalition.pk)
    previous = cells("gestational_age_at_first_signaling", scope, Period.parse("2025-Q4"))
    there = cells("gestational_age_at_first_signaling", Scope(cast.coalition.pk, elsewhere.pk))

    assert (previous["median"].value, previous["median"].denominator) == (Decimal("14.3"), 1)
    assert there["median"].value == Decimal("24.0")


def test_without_signalings_there_is_no_median(cast):
    median = cells("gestational_age_at_first_signaling", Scope(cast.coalition.pk))["median"]

    assert (median.value, median.denominator) == (None, 0)


def test_the_level_distribution_counts_each_family_by_its_last_assessment(cast, quarter):
    found = cells("level_distribution", Scope(cast.coalition.pk))

    assert {key: cell.numerator for key, cell in found.items()} == {
        "none": 3,
        "potentially_vulnerable": 1,
        "vulnerable": 1,
        "urgent": 1,
        "total": 6,
    }
    assert found["none"].denominator == 6


def test_the_level_distribution_of_the_previous_year(cast, quarter):
    found = cells("level_distribution", Scope(cast.coalition.pk), Period.parse("2025"))

    assert (found["vulnerable"].numerator, found["total"].numerator) == (1, 1)
