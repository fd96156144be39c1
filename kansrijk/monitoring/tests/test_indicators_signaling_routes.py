"""The route distribution and what follows a route, against a hand-built quarter with known
answers: the JGZ prenatal home visit of route 2, the days to a case director for routes 2
and 3, and route 3 in an MDO within four weeks. A decision at 23:30 on the quarter's last
day counts and one at midnight after does not; withdrawn consent and other coalitions never
count; a family that moved counts where it lives now."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kansrijk.care.models import TaskStatus
from kansrijk.mdo.models import ItemStatus
from kansrijk.monitoring.indicators import Cell, Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_signaling import (
    decide,
    direct,
    discuss_in_mdo,
    local,
    route_task,
)

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2026-Q1")
VISIT, CASUSREGIE = "jgz_prenatal_visit", "casusregie"


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
    c, by, director = cast.coalition, cast.coordinator, cast.case_director

    def family(**kwargs):
        return monitored_family(c, by, **kwargs)

    decide(family(), by, at=local(date(2026, 1, 5)), route=1)
    # Route 2, visit done, a case director after 3 days; the family moved.
    two = family(municipality=elsewhere)
    decision = decide(two, by, at=local(date(2026, 2, 1), 10), route=2)
    route_task(decision, VISIT, status=TaskStatus.DONE, by=by)
    direct(two, director, since=local(date(2026, 2, 4), 10))
    # Route 2 at 23:30 on the last day, visit planned, no case director yet.
    late = family()
    route_task(decide(late, by, at=local(Q1.last, 23, 30), route=2), VISIT, by=by)
    # Route 2 at midnight after the quarter: not in Q1.
    decide(family(), by, at=local(Q1.last + timedelta(days=1), 0, 0), route=2)
    # Route 2, then route 3 in the same quarter: route 3 counts; the clock of the case
    # director starts at route 2 (10 days), of the MDO at route 3 (discussed after 19 days).
    raised = family()
    decide(raised, by, at=local(date(2026, 1, 10)), route=2)
    decide(raised, by, at=local(date(2026, 2, 10)), route=3)
    direct(raised, director, since=local(date(2026, 1, 20)))
    discuss_in_mdo(raised, at=local(date(2026, 3, 1)))
    # Route 3 with priority, a case director already in place (0 days), MDO after 29 days.
    urgent = family()
    direct(urgent, director, since=local(date(2026, 1, 1)))
    decide(urgent, by, at=local(date(2026, 3, 1)), route=3, priority=True)
    discuss_in_mdo(urgent, at=local(date(2026, 3, 30)))
    # Route 3, case director after 7 days, MDO after exactly 28 days.
    on_time = family()
    decide(on_time, by, at=local(date(2026, 1, 15)), route=3)
    direct(on_time, director, since=local(date(2026, 1, 22)))
    discuss_in_mdo(on_time, at=local(date(2026, 2, 12)))
    # Route 3, an earlier case director ended before (ignored), a new one after 1 day; on
    # the agenda of a meeting that was not held, and withdrawn from a held one.
    waiting = family()
    direct(waiting, director, since=local(date(2025, 6, 1)), until=local(date(2025, 12, 1)))
    decide(waiting, by, at=local(date(2026, 1, 15)), route=3)
    direct(waiting, director, since=local(date(2026, 1, 16)))
    discuss_in_mdo(waiting, at=local(date(2026, 1, 20)), meeting_status="published",
                   item_status=ItemStatus.ON_AGENDA)  # fmt: skip
    discuss_in_mdo(waiting, at=local(date(2026, 1, 27)), item_status=ItemStatus.WITHDRAWN)
    # Route 2 with the visit cancelled and another step done: neither done nor planned.
    cancelled = family()
    decision = decide(cancelled, by, at=local(date(2026, 3, 3)), route=2)
    route_task(decision, VISIT, status=TaskStatus.CANCELLED, by=by)
    route_task(decision, CASUSREGIE, status=TaskStatus.DONE, by=by)
    # Route 2 in the previous year only.
    decide(family(), by, at=local(date(2025, 12, 20)), route=2)
    # Never counted: consent withdrawn, another coalition.
    for other in (family(withdrawn=True), monitored_family(cast.other_coalition, by)):
        route_task(decide(other, by, at=local(date(2026, 2, 1)), route=2), VISIT, by=by)
        decide(other, by, at=local(date(2026, 2, 2)), route=3)
        direct(other, director, since=local(date(2026, 2, 3)))
        discuss_in_mdo(other, at=local(date(2026, 2, 4)))


def test_the_route_distribution_counts_each_family_by_its_last_route(cast, quarter):
    found = cells("route_distribution", Scope(cast.coalition.pk))

    assert {key: cell.numerator for key, cell in found.items()} == {
        "route_1": 1,
        "route_2": 3,
        "route_3": 3,
        "priority": 1,
        "total": 8,
    }
    assert found["route_2"].denominator == 8


def test_the_year_boundary_and_a_month(cast, quarter):
    scope = Scope(cast.coalition.pk)

    assert cells("route_distribution", scope, Period.parse("2025"))["route_2"].numerator == 1
    assert cells("route_distribution", scope, Period.parse("2025-Q4"))["total"].numerator == 1
    assert cells("route_distribution", scope, Period.parse("2026-04"))["route_2"].numerator == 1
    assert cells("route_distribution", scope, Period.parse("2026-03"))["total"].numerator == 3


def test_route_2_families_with_the_jgz_visit_done_or_planned(cast, quarter):
    found = cells("route2_jgz_prenatal_visit", Scope(cast.coalition.pk))

    assert (found["done"].numerator, found["done"].denominator) == (1, 3)
    assert (found["planned"].numerator, found["planned"].denominator) == (1, 3)


def test_a_moved_family_counts_in_its_new_municipality(cast, quarter, elsewhere):
    scope = Scope(cast.coalition.pk, elsewhere.pk)
    visit = cells("route2_jgz_prenatal_visit", scope)
    director = cells("signaling_to_case_director", scope)

    assert (visit["done"].numerator, visit["done"].denominator) == (1, 1)
    assert (director["median"].value, director["median"].denominator) == (Decimal("3.0"), 1)
    assert cells("route_distribution", scope)["total"].numerator == 1


def test_the_median_days_to_a_case_director(cast, quarter):
    # Waits 0, 1, 3, 7, 10 days; two families (late, cancelled) have none yet.
    found = cells("signaling_to_case_director", Scope(cast.coalition.pk))

    assert (found["median"].value, found["median"].denominator) == (Decimal("3.0"), 5)
    assert (found["none_yet"].numerator, found["none_yet"].denominator) == (2, 7)


def test_an_even_number_of_waits_averages_the_middle_two(cast):
    by, director = cast.coordinator, cast.case_director
    for hours in (12, 36, 60, 84):  # 0.5, 1.5, 2.5, 3.5 days
        family = monitored_family(cast.coalition, by)
        decide(family, by, at=local(date(2026, 2, 1), 0), route=2)
        direct(family, director, since=local(date(2026, 2, 1), 0) + timedelta(hours=hours))

    found = cells("signaling_to_case_director", Scope(cast.coalition.pk))

    assert (found["median"].value, found["none_yet"].numerator) == (Decimal("2.0"), 0)


def test_route_3_discussed_in_a_held_mdo_within_four_weeks(cast, quarter):
    # Of raised (19 days), urgent (29 days), on_time (28 days) and waiting (no held MDO).
    found = cells("route3_mdo_within_4_weeks", Scope(cast.coalition.pk))

    assert (found["within_4_weeks"].numerator, found["within_4_weeks"].denominator) == (2, 4)


def test_nothing_chosen_gives_empty_figures(cast):
    scope = Scope(cast.coalition.pk)

    assert cells("route3_mdo_within_4_weeks", scope)["within_4_weeks"].denominator == 0
    assert cells("signaling_to_case_director", scope)["median"].value is None
    assert cells("route2_jgz_prenatal_visit", scope)["done"].share is None
