"""The one guard of the referral workflow: every (status, action) pair in `TRANSITIONS` is
allowed and leads to the listed status; every other pair is refused with a Dutch message,
also when a service is asked to take it."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.socialmap.models import TRANSITIONS, ReferralAction, ReferralStatus
from kansrijk.socialmap.services_referrals import referral_act, referral_transition
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import make_receiving_side, referral_in_status

PAIRS = [(status, action) for status in ReferralStatus for action in ReferralAction]


@pytest.mark.parametrize(("status", "action"), PAIRS, ids=lambda value: str(value))
def test_each_pair_is_allowed_exactly_when_the_table_lists_it(status, action):
    if (status, action) in TRANSITIONS:
        assert referral_transition(status, action) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(ValidationError) as refused:
            referral_transition(status, action)
        message = refused.value.messages[0]
        assert f"Deze verwijzing is {status.label.lower()}" in message
        assert str(action.label) in message


def test_an_unknown_action_is_refused_in_dutch():
    with pytest.raises(ValidationError, match="bestaat niet"):
        referral_transition(ReferralStatus.SENT, "teleport")


def test_the_table_has_the_closed_loop_of_the_issue():
    s, a = ReferralStatus, ReferralAction
    assert TRANSITIONS[(s.SENT, a.RECEIVE)] == s.RECEIVED
    assert TRANSITIONS[(s.RECEIVED, a.ACCEPT)] == s.ACCEPTED
    assert TRANSITIONS[(s.RECEIVED, a.DECLINE)] == s.DECLINED
    assert TRANSITIONS[(s.ACCEPTED, a.START)] == s.STARTED
    assert TRANSITIONS[(s.STARTED, a.COMPLETE)] == s.COMPLETED
    assert TRANSITIONS[(s.ACCEPTED, a.NO_SHOW)] == s.NO_SHOW
    for closed in (s.DECLINED, s.COMPLETED, s.NO_SHOW, s.WITHDRAWN):
        assert not [pair for pair in TRANSITIONS if pair[0] == closed]


@pytest.mark.django_db
def test_a_service_refuses_a_step_the_table_does_not_list(cast):
    family = make_family(cast)
    side = make_receiving_side(cast)
    completed = referral_in_status(cast, family, side, ReferralStatus.COMPLETED)
    with pytest.raises(ValidationError, match="afgerond; je kunt hem niet accepteren"):
        referral_act(
            actor=side.receiver,
            referral_pk=completed.pk,
            action=ReferralAction.ACCEPT,
            expected_version=completed.version,
        )
    declined = referral_in_status(cast, family, side, ReferralStatus.DECLINED)
    with pytest.raises(ValidationError, match="afgewezen; je kunt hem niet intrekken"):
        referral_act(
            actor=cast.case_director,
            referral_pk=declined.pk,
            action=ReferralAction.WITHDRAW,
            expected_version=declined.version,
        )


@pytest.mark.django_db
def test_every_status_can_be_reached_through_the_services(cast):
    family = make_family(cast)
    side = make_receiving_side(cast)
    for status in ReferralStatus:
        referral = referral_in_status(cast, family, side, status)
        assert referral.status == status
        # One event per step, the first from nothing to "sent".
        events = list(referral.events.values_list("from_status", "to_status"))
        assert events[0] == ("", ReferralStatus.SENT)
        assert events[-1][1] == status
