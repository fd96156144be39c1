"""Declining a handover needs a reason; the sender is notified (without the reason: it may
hold family data) and sees the reason on the family's handovers."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.care import services_handovers as services
from kansrijk.care.models import Handover, HandoverStatus
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, TimelineEvent

from .test_handover_support import jgz_nurse, propose

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reason", ["", "   "])
def test_declining_needs_a_reason(reason, cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    with pytest.raises(ValidationError) as refused:
        services.handover_decline(actor=nurse, handover_pk=handover.pk, reason=reason)
    assert refused.value.message_dict == {
        "reason": ["Geef een reden waarom je de overdracht afwijst."]
    }
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.PROPOSED


def test_a_decline_keeps_the_reason_and_tells_the_sender(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    Notification.objects.all().delete()
    services.handover_decline(
        actor=nurse, handover_pk=handover.pk, reason="  Buiten ons werkgebied.  "
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DECLINED
    assert handover.declined_by == nurse
    assert handover.decline_reason == "Buiten ons werkgebied."
    notification = Notification.objects.get(recipient=cast.case_director)
    assert "afgewezen" in notification.text
    assert "werkgebied" not in notification.text
    # The decliner does not join the care team.
    assert not CareTeamMember.objects.filter(family=cast_family, professional=nurse).exists()
    assert TimelineEvent.objects.filter(family=cast_family, kind="handover_declined").exists()


def test_only_a_receiver_declines(cast, cast_family):
    jgz_nurse(cast)
    handover = propose(cast, cast_family)
    with pytest.raises(ValidationError) as refused:
        services.handover_decline(actor=cast.case_director, handover_pk=handover.pk, reason="x")
    assert refused.value.messages == ["Alleen de ontvanger kan deze overdracht afwijzen."]
