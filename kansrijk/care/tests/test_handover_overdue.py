"""`handovers_overdue(coalition, today)` gives the worklist its chain signals: handovers that
are still proposed after their due date. Due today is not overdue yet; answered, completed
or cancelled handovers never are; another coalition's handovers are not this one's."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from kansrijk.care import services_handovers as services
from kansrijk.care.models import Handover
from kansrijk.care.selectors_handovers import handovers_overdue
from kansrijk.testing.families import make_family

from .test_handover_support import jgz_nurse, propose

pytestmark = pytest.mark.django_db
TODAY = date(2027, 3, 3)
DUE = TODAY + timedelta(days=5)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def handovers(cast, cast_family):
    nurse = jgz_nurse(cast)
    waiting = propose(cast, cast_family, due_date=DUE)
    accepted = propose(cast, cast_family, due_date=DUE)
    services.handover_accept(actor=nurse, handover_pk=accepted.pk)
    declined = propose(cast, cast_family, due_date=DUE)
    services.handover_decline(actor=nurse, handover_pk=declined.pk, reason="Vol")
    cancelled = propose(cast, cast_family, due_date=DUE)
    services.handover_cancel(
        actor=cast.case_director, family_pk=cast_family.pk, handover_pk=cancelled.pk
    )
    later = propose(cast, cast_family, due_date=DUE + timedelta(days=1))
    return {"waiting": waiting, "later": later}


def test_nothing_is_overdue_on_the_due_date(cast, handovers):
    with time_machine.travel(DUE, tick=False):
        assert list(handovers_overdue(cast.coalition, timezone.localdate())) == []


def test_the_day_after_only_the_proposed_one_is_overdue(cast, handovers):
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        today = timezone.localdate()
        assert list(handovers_overdue(cast.coalition, today)) == [handovers["waiting"]]
        assert handovers["waiting"].is_overdue(today)
    with time_machine.travel(DUE + timedelta(days=2), tick=False):
        overdue = list(handovers_overdue(cast.coalition, timezone.localdate()))
        assert overdue == [handovers["waiting"], handovers["later"]]


def test_another_coalitions_handovers_are_not_counted(cast, handovers):
    assert list(handovers_overdue(cast.other_coalition, DUE + timedelta(days=30))) == []


def test_the_query_does_not_grow_with_the_number_of_handovers(
    cast, handovers, django_assert_num_queries
):
    family = make_family(cast)
    for _number in range(5):
        propose(cast, family, due_date=DUE)
    with django_assert_num_queries(1):
        rows = list(handovers_overdue(cast.coalition, DUE + timedelta(days=1)))
        # The worklist shows the family, sender and receiver: joined, no further queries.
        labels = [(h.family.reference, str(h.from_professional), h.receiver_label) for h in rows]
    assert len(labels) == 6
    assert Handover.objects.count() == 10
