"""Handovers accepted on time, per chain moment: a hand-built set with known answers."""

from datetime import date

import pytest

from kansrijk.care.models import HandoverStatus
from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.testing.monitoring_chain import (
    at,
    elsewhere,
    family,
    figures_of,
    handover,
    moved,
    organisation,
)

JGZ_MOMENT = {"moment_code": "geboorte-jgz", "moment_name": "Verloskundige/kraamzorg → JGZ"}
KRAAM_MOMENT = {
    "moment_code": "verloskundige-kraamzorg",
    "moment_name": "Verloskundige → kraamzorg",
}


@pytest.fixture
def handovers(cast):
    by = cast.case_director
    one = family(cast.coalition, by)
    # First minute of the year: in Q1; accepted late in the evening of its due date: on time.
    handover(
        one,
        by,
        proposed_at=at(date(2026, 1, 1), 0, 30),
        due_date=date(2026, 1, 10),
        status=HandoverStatus.ACCEPTED,
        accepted_at=at(date(2026, 1, 10), 23, 0),
        **JGZ_MOMENT,
    )
    # Accepted half an hour after midnight the day after its due date: late.
    handover(
        one,
        by,
        proposed_at=at(date(2026, 2, 1)),
        due_date=date(2026, 2, 5),
        status=HandoverStatus.ACCEPTED,
        accepted_at=at(date(2026, 2, 6), 0, 30),
        **JGZ_MOMENT,
    )
    # Last half hour of the quarter, not answered yet: counted, not on time.
    handover(
        one, by, proposed_at=at(date(2026, 3, 31), 23, 30), due_date=date(2026, 4, 5), **JGZ_MOMENT
    )
    # Accepted on time and completed since.
    handover(
        one,
        by,
        proposed_at=at(date(2026, 2, 10)),
        due_date=date(2026, 2, 20),
        status=HandoverStatus.COMPLETED,
        accepted_at=at(date(2026, 2, 15)),
        **KRAAM_MOMENT,
    )
    # Another moment, declined: counted, not on time.
    handover(
        one,
        by,
        proposed_at=at(date(2026, 3, 1)),
        due_date=date(2026, 3, 5),
        status=HandoverStatus.DECLINED,
        declined_at=at(date(2026, 3, 4)),
    )
    # Cancelled: not counted at all.
    handover(
        one,
        by,
        proposed_at=at(date(2026, 3, 2)),
        due_date=date(2026, 3, 9),
        status=HandoverStatus.CANCELLED,
        cancelled_at=at(date(2026, 3, 3)),
    )
    # Last half hour of 2025: in 2025-Q4 only.
    handover(
        one,
        by,
        proposed_at=at(date(2025, 12, 31), 23, 30),
        due_date=date(2026, 1, 5),
        status=HandoverStatus.ACCEPTED,
        accepted_at=at(date(2026, 1, 2)),
        **JGZ_MOMENT,
    )
    # First half hour of Q2.
    handover(
        one, by, proposed_at=at(date(2026, 4, 1), 0, 30), due_date=date(2026, 4, 9), **JGZ_MOMENT
    )

    accepted_in_q1 = {
        "proposed_at": at(date(2026, 2, 1)),
        "due_date": date(2026, 2, 9),
        "status": HandoverStatus.ACCEPTED,
        "accepted_at": at(date(2026, 2, 2)),
        **JGZ_MOMENT,
    }
    withdrawn = family(cast.coalition, by, withdrawn=True)
    handover(withdrawn, by, **accepted_in_q1)
    other = family(cast.other_coalition, cast.other_coalition_professional)
    handover(
        other,
        cast.other_coalition_professional,
        to_organisation=organisation(cast.coalition),
        **accepted_in_q1,
    )
    handover(moved(family(cast.coalition, by)), by, **accepted_in_q1)
    return cast


@pytest.mark.django_db
def test_handovers_of_a_quarter_are_on_time_per_chain_moment(handovers):
    figures = figures_of("handovers_on_time", Scope(handovers.coalition.pk), "2026-Q1")

    assert figures == {
        "geboorte-jgz": (2, 4),
        "verloskundige-kraamzorg": (1, 1),
        "other": (0, 1),
    }


@pytest.mark.django_db
def test_the_moments_keep_the_name_they_had_without_a_total(handovers):
    cells = get("handovers_on_time").cells(Scope(handovers.coalition.pk), Period.parse("2026-Q1"))

    assert [cell.label for cell in cells] == [
        "Verloskundige/kraamzorg → JGZ",
        "Verloskundige → kraamzorg",
        "Ander moment",
    ]


@pytest.mark.django_db
def test_the_year_boundary_splits_on_the_minute(handovers):
    scope = Scope(handovers.coalition.pk)

    assert figures_of("handovers_on_time", scope, "2025-Q4") == {"geboorte-jgz": (1, 1)}
    assert figures_of("handovers_on_time", scope, "2025") == figures_of(
        "handovers_on_time", scope, "2025-Q4"
    )
    assert figures_of("handovers_on_time", scope, "2026")["geboorte-jgz"] == (2, 5)
    assert figures_of("handovers_on_time", scope, "2026-Q2") == {"geboorte-jgz": (0, 1)}


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(handovers):
    coalition = handovers.coalition
    first = coalition.municipalities.get(name="Eerstedorp")

    there = figures_of("handovers_on_time", Scope(coalition.pk, elsewhere(coalition).pk), "2026-Q1")
    here = figures_of("handovers_on_time", Scope(coalition.pk, first.pk), "2026-Q1")

    assert there == {"geboorte-jgz": (1, 1)}
    assert here["geboorte-jgz"] == (1, 3)


@pytest.mark.django_db
def test_nothing_proposed_gives_no_cells(cast):
    assert figures_of("handovers_on_time", Scope(cast.coalition.pk), "2026-Q1") == {}
