"""Families in the day 8 - week 5 gap with a planned JGZ contact: a hand-built set with
known answers. For 2026-Q1 a child is in the gap on some day of the quarter when born from
28 November 2025 (34 days before 1 January) up to 23 March 2026 (8 days before 31 March)."""

from datetime import date

import pytest

from kansrijk.care.models import HandoverStatus, TaskStatus
from kansrijk.families.models import PregnancyOutcome
from kansrijk.monitoring.indicators import Scope
from kansrijk.organisations.models import OrganisationKind
from kansrijk.testing.monitoring_chain import (
    at,
    elsewhere,
    family,
    figures_of,
    handover,
    jgz_task,
    live_birth,
    moved,
    organisation,
)


def born(cast, birth_date, **fields):
    made = family(cast.coalition, cast.case_director, **fields)
    live_birth(made, birth_date)
    return made


@pytest.fixture
def gap(cast):
    by = cast.case_director
    # First day that counts, with a JGZ task made before the birth (this pregnancy).
    jgz_task(born(cast, date(2025, 11, 28)), created_at=at(date(2025, 11, 1)))
    # One day too old for the quarter (35 days on 1 January), no contact.
    born(cast, date(2025, 11, 27))
    # Last day that counts, with a handover to the JGZ still waiting for an answer.
    last = born(cast, date(2026, 3, 23))
    handover(last, by, proposed_at=at(date(2026, 3, 20)), due_date=date(2026, 3, 30))
    # Only 7 days old at the end of the quarter: not in the gap yet.
    born(cast, date(2026, 3, 24))
    # A cancelled task and a declined handover plan nothing.
    nothing = born(cast, date(2026, 2, 1))
    jgz_task(nothing, created_at=at(date(2026, 2, 2)), status=TaskStatus.CANCELLED)
    handover(
        nothing,
        by,
        proposed_at=at(date(2026, 2, 2)),
        due_date=date(2026, 2, 9),
        status=HandoverStatus.DECLINED,
        declined_at=at(date(2026, 2, 3)),
    )
    # Planned only after the quarter (counts for the year).
    jgz_task(born(cast, date(2026, 2, 1)), created_at=at(date(2026, 4, 2)))
    # A stillbirth is not a child in the gap.
    stillbirth = family(cast.coalition, by)
    live_birth(stillbirth, date(2026, 2, 10), outcome=PregnancyOutcome.STILLBIRTH)
    jgz_task(stillbirth, created_at=at(date(2026, 2, 11)))
    # A task of the midwives is not a JGZ contact.
    midwives = organisation(cast.coalition, OrganisationKind.MIDWIFERY)
    jgz_task(
        born(cast, date(2026, 2, 10)), created_at=at(date(2026, 2, 11)), owner_organisation=midwives
    )
    # A task made before this pregnancy (more than 280 days before the birth).
    jgz_task(born(cast, date(2026, 2, 10)), created_at=at(date(2025, 1, 1)))
    # A task of a professional who works for the JGZ, done.
    jgz_task(
        born(cast, date(2026, 2, 15)),
        created_at=at(date(2026, 2, 16)),
        owner=cast.care_team_member,
        status=TaskStatus.DONE,
    )
    # Not counted: consent withdrawn, another coalition. Counted: a family that moved.
    jgz_task(born(cast, date(2026, 2, 1), withdrawn=True), created_at=at(date(2026, 2, 2)))
    other = family(cast.other_coalition, cast.other_coalition_professional)
    live_birth(other, date(2026, 2, 1))
    jgz_task(
        other, created_at=at(date(2026, 2, 2)), owner_organisation=organisation(cast.coalition)
    )
    jgz_task(moved(born(cast, date(2026, 2, 1))), created_at=at(date(2026, 2, 2)))
    return cast


@pytest.mark.django_db
def test_a_quarter_counts_the_children_in_the_gap_and_their_planned_contacts(gap):
    figures = figures_of("gap_with_jgz_contact", Scope(gap.coalition.pk), "2026-Q1")

    assert figures == {"planned_jgz_contact": (4, 8)}


@pytest.mark.django_db
def test_the_gap_runs_over_the_year_boundary(gap):
    scope = Scope(gap.coalition.pk)

    # Born 27 and 28 November 2025; the second has a contact planned in November.
    assert figures_of("gap_with_jgz_contact", scope, "2025-Q4") == {"planned_jgz_contact": (1, 2)}
    # The whole year 2026 also has the child born on 24 March and the late planned task.
    assert figures_of("gap_with_jgz_contact", scope, "2026") == {"planned_jgz_contact": (5, 9)}


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(gap):
    coalition = gap.coalition
    first = coalition.municipalities.get(name="Eerstedorp")

    assert figures_of(
        "gap_with_jgz_contact", Scope(coalition.pk, elsewhere(coalition).pk), "2026-Q1"
    ) == {"planned_jgz_contact": (1, 1)}
    assert figures_of("gap_with_jgz_contact", Scope(coalition.pk, first.pk), "2026-Q1") == {
        "planned_jgz_contact": (3, 7)
    }
