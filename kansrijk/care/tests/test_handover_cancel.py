"""The sender can withdraw a handover nobody answered yet; the receivers are told."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.care import services_handovers as services
from kansrijk.care.models import HandoverStatus
from kansrijk.core.models import Notification

from .test_handover_support import jgz_nurse, propose

pytestmark = pytest.mark.django_db


def test_the_sender_withdraws_and_the_organisation_is_told(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    Notification.objects.all().delete()
    done = services.handover_cancel(
        actor=cast.case_director, family_pk=cast_family.pk, handover_pk=handover.pk, reason="Dubbel"
    )
    assert done.status == HandoverStatus.CANCELLED
    assert (done.cancelled_by, done.cancel_reason) == (cast.case_director, "Dubbel")
    # Everyone at the JGZ who could have accepted it: the nurse and the care-team member.
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        nurse.pk,
        cast.care_team_member.pk,
    }


def test_only_the_sender_withdraws(cast, cast_family):
    handover = propose(cast, cast_family)
    with pytest.raises(ValidationError) as refused:
        services.handover_cancel(
            actor=cast.care_team_member, family_pk=cast_family.pk, handover_pk=handover.pk
        )
    assert refused.value.messages == ["Alleen wie de overdracht voorstelde kan hem intrekken."]
