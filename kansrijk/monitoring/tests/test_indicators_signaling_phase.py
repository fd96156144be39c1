"""Families in view by phase: each family counts once, in the phase of its latest counting
pregnancy on the period's last day, while open and created by then; across the year
boundary a family moves on from kraamperiode to its first year."""

from datetime import date, timedelta

import pytest

from kansrijk.families.models import Family, Pregnancy, PregnancyOutcome
from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_signaling import closed_on, created_on, local

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2026-Q1")
LAST = Q1.last  # 31 March 2026


def due_for_age(weeks: int) -> date:
    """The due date that gives a gestational age of `weeks`+0 on the last day of Q1."""
    return LAST + timedelta(days=280 - 7 * weeks)


def backdate() -> None:
    """Every family so far was created long before the period (creation sets now), and
    every birth so far is a live birth (a birth date alone does not start the child phases,
    as in `family_phase`)."""
    Family.objects.update(created_at=local(date(2025, 1, 1)))
    Pregnancy.objects.filter(birth_date__isnull=False, outcome="").update(
        outcome=PregnancyOutcome.LIVE_BIRTH
    )


def phases(scope, period=Q1) -> dict:
    """The count per phase, and the total the phases split (each cell's denominator)."""
    cells = get("families_by_phase").cells(scope, period)
    found = {cell.key: cell.numerator for cell in cells}
    found["total"] = cells[0].denominator if cells else 0
    return found


@pytest.fixture
def families(cast):
    c, by = cast.coalition, cast.coordinator
    monitored_family(c, by)  # no pregnancy: preconception
    monitored_family(c, by, due_date=due_for_age(10))  # trimester 1
    monitored_family(c, by, due_date=due_for_age(20))  # trimester 2
    monitored_family(c, by, due_date=due_for_age(30))  # trimester 3
    # Born after the period: on its last day still pregnant (40-5 weeks), trimester 3.
    monitored_family(c, by, due_date=LAST + timedelta(days=5), birth_date=LAST + timedelta(days=5))
    monitored_family(c, by, birth_date=LAST - timedelta(days=3))  # kraamperiode
    monitored_family(c, by, birth_date=LAST - timedelta(days=20))  # gap
    monitored_family(c, by, birth_date=LAST - timedelta(days=100))  # infancy
    monitored_family(c, by, birth_date=LAST - timedelta(days=400))  # toddler
    monitored_family(c, by, birth_date=LAST - timedelta(days=800))  # 1000 days over: left out
    # A child in its second year and a new pregnancy: the newest counts (trimester 2).
    second = monitored_family(c, by, birth_date=LAST - timedelta(days=400))
    Pregnancy.objects.create(family=second, coalition=c, due_date=due_for_age(20))
    # Only a miscarriage: preconception.
    lost = monitored_family(c, by, due_date=due_for_age(20))
    lost.pregnancies.update(outcome=PregnancyOutcome.MISCARRIAGE)
    # A child in its first year and a later miscarriage: the child counts (infancy).
    child = monitored_family(c, by, birth_date=LAST - timedelta(days=100))
    Pregnancy.objects.create(
        family=child, coalition=c, due_date=due_for_age(8), outcome=PregnancyOutcome.MISCARRIAGE
    )
    # A pregnancy not yet begun on the last day (due in 300 days): preconception.
    monitored_family(c, by, due_date=LAST + timedelta(days=300))
    # Closed on the last evening: gone; closed the first moment after: still in view.
    closed_on(monitored_family(c, by), local(LAST, 23, 30))
    closed_on(monitored_family(c, by), local(LAST + timedelta(days=1), 0, 0))
    # Not counted: consent withdrawn, refused, another coalition.
    monitored_family(c, by, withdrawn=True, due_date=due_for_age(10))
    monitored_family(c, by, consent=False, due_date=due_for_age(10))
    monitored_family(cast.other_coalition, by, due_date=due_for_age(10))
    backdate()
    # Created on the last evening: in view; created the first moment after: not yet.
    created_on(monitored_family(c, by), local(LAST, 23, 59))
    created_on(monitored_family(c, by), local(LAST + timedelta(days=1), 0, 0))


def test_each_family_counts_once_in_its_phase_on_the_last_day(cast, families):
    assert phases(Scope(cast.coalition.pk)) == {
        "preconception": 5,
        "trimester_1": 1,
        "trimester_2": 2,
        "trimester_3": 2,
        "kraamperiode": 1,
        "gap": 1,
        "infancy": 2,
        "toddler": 1,
        "total": 15,
    }


def test_a_phase_cell_is_a_share_of_the_total(cast, families):
    cells = get("families_by_phase").cells(Scope(cast.coalition.pk), Q1)

    assert {cell.denominator for cell in cells} == {15}
    assert "total" not in [cell.key for cell in cells]
    assert all(str(cell.label) for cell in cells)


def test_a_family_that_moved_counts_in_its_new_municipality(cast):
    elsewhere = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Derdedorp")
    moved = monitored_family(cast.coalition, cast.coordinator, due_date=due_for_age(10))
    monitored_family(cast.coalition, cast.coordinator, due_date=due_for_age(10))
    moved.municipality = elsewhere
    moved.save(update_fields=["municipality"])
    backdate()

    assert phases(Scope(cast.coalition.pk, elsewhere.pk))["trimester_1"] == 1
    assert phases(Scope(cast.coalition.pk))["trimester_1"] == 2


def test_across_the_year_boundary_the_child_grows_a_phase(cast):
    monitored_family(cast.coalition, cast.coordinator, birth_date=date(2025, 12, 28))
    backdate()
    Family.objects.update(created_at=local(date(2025, 12, 1)))
    scope = Scope(cast.coalition.pk)

    assert phases(scope, Period.parse("2025-Q4"))["kraamperiode"] == 1  # day 3
    assert phases(scope, Period.parse("2026-01"))["gap"] == 1  # day 34
    assert phases(scope, Period.parse("2026-Q1"))["infancy"] == 1  # day 93
    assert phases(scope, Period.parse("2025-Q3"))["total"] == 0  # not yet created
