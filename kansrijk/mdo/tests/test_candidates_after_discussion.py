"""A route-3 family discussed in an MDO does not come back as a candidate of the next
meeting, also when it was discussed anonymously (nobody could confirm its route by name);
a new route decision after the discussion makes it a candidate again."""

import pytest

from kansrijk.mdo import services
from kansrijk.mdo.models import ItemStatus, MeetingStatus
from kansrijk.mdo.services_decisions import item_discussion_save
from kansrijk.testing.mdo import plan_meeting

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    route_three,
    setup_meeting,
)

pytestmark = pytest.mark.django_db


def discuss_and_hold(setup, item):
    item_discussion_save(
        actor=setup.chair,
        meeting_pk=setup.meeting.pk,
        item_pk=item.pk,
        discussion="Besproken; het zorgteam pakt het advies op.",
    )
    services.meeting_transition(
        actor=setup.chair, meeting_pk=setup.meeting.pk, to_status=MeetingStatus.HELD
    )


def test_an_anonymously_discussed_route_3_family_does_not_return(cast):
    setup = setup_meeting(cast)
    route_three(cast, setup.anonymous)
    discuss_and_hold(setup, setup.anonymous_item)

    later = plan_meeting(cast, setup.meeting.series, in_days=35)

    assert not later.items.filter(family=setup.anonymous).exists()


def test_a_new_route_decision_makes_it_a_candidate_again(cast):
    setup = setup_meeting(cast)
    route_three(cast, setup.anonymous)
    discuss_and_hold(setup, setup.anonymous_item)
    route_three(cast, setup.anonymous)  # re-screened after the meeting

    later = plan_meeting(cast, setup.meeting.series, in_days=35)

    assert later.items.get(family=setup.anonymous).status == ItemStatus.CANDIDATE
