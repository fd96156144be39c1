"""Chain signal "referral_overdue": a referral still waiting for the receiving organisation's
answer (sent or received) after its respond-by date is signalled from the next day, with the
receiving organisation as the responsible one; an answered or withdrawn referral, or one due
today, is not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.socialmap.models import Referral
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    move_referral,
    send_referral,
)
from kansrijk.worklist.rules import RULES_BY_CODE
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

pytestmark = pytest.mark.django_db

CODE = "referral_overdue"


def _due(referral: Referral, day) -> None:
    Referral.objects.filter(pk=referral.pk).update(respond_by=day)


def _signals(cast, today):
    return chain_signals(
        open_families_of_coalition(cast.coalition), cast.coalition, today=today, rule_code=CODE
    )


def test_a_referral_not_answered_in_time_becomes_a_chain_signal(cast):
    today = timezone.localdate()
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    referral = send_referral(cast, family, side.service)

    _due(referral, today)
    assert _signals(cast, today) == []  # due today: not late yet

    _due(referral, today - timedelta(days=1))
    [signal] = _signals(cast, today)
    assert signal.family_id == family.pk
    assert signal.basis == today - timedelta(days=1)
    assert signal.since == today
    assert signal.responsible_organisation == "Buurtteam Eerstedorp"
    assert "Schuldhulp Eerstedorp" in signal.why
    assert "Buurtteam Eerstedorp" in signal.why

    # Received but not answered: still waiting.
    referral = move_referral(referral, "receive", receiver=side.receiver, sender=cast.case_director)
    assert len(_signals(cast, today)) == 1

    # Accepted: answered, no signal.
    move_referral(referral, "accept", receiver=side.receiver, sender=cast.case_director)
    assert _signals(cast, today) == []


def test_a_withdrawn_referral_is_no_signal(cast):
    today = timezone.localdate()
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    referral = send_referral(cast, family, side.service)
    _due(referral, today - timedelta(days=5))
    referral.refresh_from_db()
    move_referral(referral, "withdraw", receiver=side.receiver, sender=cast.case_director)
    assert _signals(cast, today) == []


def test_the_rule_is_registered_with_a_threshold_in_days():
    rule = RULES_BY_CODE[CODE]
    assert rule.default_days == 0
    assert rule.responsible_field == "referral_receiver"
