"""Who manages a meeting (`services.is_manager`, read by a query compiled once): its chair
and secretary, and the coordinators of the series' coalition while their membership runs;
not a member, a guest or anyone else, of this meeting or another."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.organisations.models import Membership
from kansrijk.testing.mdo import make_series, plan_meeting

pytestmark = pytest.mark.django_db

MORNING = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)


def _invite(cast, meeting, professional, role):
    services.meeting_participant_add(
        actor=cast.coordinator, meeting_pk=meeting.pk, professional=professional, role=role
    )


def test_the_chair_secretary_and_coordinator_manage_and_no_one_else(cast):
    series = make_series(cast)
    meeting, other = plan_meeting(cast, series), plan_meeting(cast, series, in_days=14)
    _invite(cast, meeting, cast.case_director, ParticipantRole.CHAIR)
    _invite(cast, meeting, cast.care_team_member, ParticipantRole.SECRETARY)
    _invite(cast, other, cast.care_team_member, ParticipantRole.GUEST)
    managers = {name for name, user in cast.all().items() if services.is_manager(user, meeting)}
    assert managers == {"case_director", "care_team_member", "coordinator"}
    # In the other meeting of the series the chair and secretary of this one are not.
    managers = {name for name, user in cast.all().items() if services.is_manager(user, other)}
    assert managers == {"coordinator"}


def test_a_coordinator_manages_until_the_membership_ends(cast):
    with time_machine.travel(MORNING, tick=False) as traveller:
        meeting = plan_meeting(cast, make_series(cast))
        assert services.is_manager(cast.coordinator, meeting)
        Membership.objects.filter(professional=cast.coordinator, is_coordinator=True).update(
            end_date=MORNING.date() + timedelta(days=1)
        )
        assert services.is_manager(cast.coordinator, meeting)
        traveller.move_to(MORNING + timedelta(days=1))
        assert not services.is_manager(cast.coordinator, meeting)


def test_no_one_without_an_account_manages(cast):
    meeting = plan_meeting(cast, make_series(cast))
    assert not services.is_manager(None, meeting)
