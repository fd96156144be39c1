"""The chain signal "route 3 not in the MDO" now that the MDO exists: what puts a family on
an agenda (and so ends the signal), and what does not.

Route 3 is chosen on START (a Wednesday); fourteen days end on 17 March, so the signal would
show on 18 March. Everything is made through the services at frozen times.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from kansrijk.mdo import services
from kansrijk.mdo.models import AgendaItem, ItemStatus, MeetingStatus
from kansrijk.testing.mdo import make_series, plan_meeting, submit
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

from .builders import choose_route, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
AFTER_TERM = date(2027, 3, 18)
RULE = "route_3_not_in_mdo"


def at(day: date):
    return time_machine.travel(
        timezone.make_aware(datetime(day.year, day.month, day.day, 9)), tick=False
    )


def holds(cast, family, day: date = AFTER_TERM) -> bool:
    with at(day):
        signals = chain_signals(
            open_families_of_coalition(cast.coalition), cast.coalition, rule_code=RULE
        )
    return family.pk in {s.family_id for s in signals}


@pytest.fixture
def route_3(cast):
    with at(START):
        family = family_with_consent(cast)
        choose_route(cast, family, level="vulnerable")
    return family


def _meeting(cast, *, in_days: int, on: date = START):
    with at(on):
        return plan_meeting(cast, make_series(cast), in_days=in_days)


def test_only_a_candidate_is_still_a_signal(cast, route_3):
    meeting = _meeting(cast, in_days=21)
    item = meeting.items.get(family=route_3)
    assert item.status == ItemStatus.CANDIDATE  # arrived by itself from the signaling
    assert holds(cast, route_3)


def test_on_a_draft_agenda_is_no_signal(cast, route_3):
    meeting = _meeting(cast, in_days=21)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
    assert meeting.items.get(family=route_3).status == ItemStatus.ON_AGENDA
    assert not holds(cast, route_3)


def test_on_a_published_agenda_is_no_signal(cast, route_3):
    meeting = _meeting(cast, in_days=21)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
        services.meeting_transition(
            actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
        )
    assert not holds(cast, route_3)


def test_withdrawn_from_the_agenda_is_a_signal_again(cast, route_3):
    meeting = _meeting(cast, in_days=21)
    with at(START + timedelta(days=1)):
        item = submit(cast, route_3, meeting)
        services.agenda_item_withdraw(
            actor=cast.coordinator,
            meeting_pk=meeting.pk,
            item_pk=item.pk,
            reason="Het gezin is verhuisd.",
        )
    assert holds(cast, route_3)


def test_a_cancelled_meeting_puts_no_one_on_an_agenda(cast, route_3):
    meeting = _meeting(cast, in_days=21)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
        services.meeting_transition(
            actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.CANCELLED
        )
    assert holds(cast, route_3)


def test_discussed_since_the_route_decision_is_no_signal(cast, route_3):
    meeting = _meeting(cast, in_days=7)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
    # Held on 10 March, the family discussed (as the meeting mode records it).
    meeting.__class__.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    AgendaItem.objects.filter(meeting=meeting, family=route_3).update(
        status=ItemStatus.DISCUSSED, discussed_at=meeting.starts_at
    )
    assert not holds(cast, route_3)
    # Not on a coming agenda any more, but it was discussed: still no signal much later.
    assert not holds(cast, route_3, date(2027, 5, 1))


def test_a_discussion_before_the_route_decision_does_not_count(cast):
    with at(START - timedelta(days=40)):
        family = family_with_consent(cast)
        meeting = plan_meeting(cast, make_series(cast), in_days=7)
        submit(cast, family, meeting)
    meeting.__class__.objects.filter(pk=meeting.pk).update(status=MeetingStatus.FINAL)
    AgendaItem.objects.filter(meeting=meeting, family=family).update(
        status=ItemStatus.DISCUSSED, discussed_at=meeting.starts_at
    )
    with at(START):
        choose_route(cast, family, level="vulnerable")
    assert not holds(cast, family, date(2027, 3, 17))
    assert holds(cast, family)


def test_a_held_meeting_where_the_family_was_not_discussed_is_a_signal(cast, route_3):
    meeting = _meeting(cast, in_days=7)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
    meeting.__class__.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    assert holds(cast, route_3)


def test_the_signal_costs_the_same_queries_with_mdo_items(
    cast, route_3, django_assert_max_num_queries
):
    meeting = _meeting(cast, in_days=21)
    with at(START + timedelta(days=1)):
        submit(cast, route_3, meeting)
    with at(AFTER_TERM), django_assert_max_num_queries(2):
        # One query for the rule over all the coalition's families (the MDO items are a
        # subquery of it), one for the coalition's threshold settings at most.
        list(
            chain_signals(
                open_families_of_coalition(cast.coalition), cast.coalition, rule_code=RULE
            )
        )
