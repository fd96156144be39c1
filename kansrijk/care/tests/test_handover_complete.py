"""A handover is completed only when the warm contact is recorded: how (a joint visit or a
call with the family) and when (not in the future, not before the proposal), by the sender
or the professional who accepted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kansrijk.care import services_handovers as services
from kansrijk.care.models import Handover, HandoverStatus, WarmContactKind
from kansrijk.core.models import Notification

from .test_handover_support import jgz_nurse, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    return Handover.objects.get(pk=handover.pk)


def complete(actor, handover, **kwargs):
    values = {"contact_kind": WarmContactKind.JOINT_VISIT, "contact_on": timezone.localdate()}
    values.update(kwargs)
    return services.handover_complete(
        actor=actor, family_pk=handover.family_id, handover_pk=handover.pk, **values
    )


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        (
            {"contact_kind": ""},
            {
                "contact_kind": [
                    "Kies hoe het warme contact was: een gezamenlijk bezoek of een gezamenlijk "
                    "gesprek."
                ]
            },
        ),
        ({"contact_on": None}, {"contact_on": ["Vul de datum van het warme contact in."]}),
        (
            {"contact_on": timezone.localdate() + timedelta(days=1)},
            {"contact_on": ["Het warme contact kan niet in de toekomst liggen."]},
        ),
        (
            {"contact_on": timezone.localdate() - timedelta(days=1)},
            {
                "contact_on": [
                    "Het warme contact kan niet vóór het voorstel van de overdracht zijn."
                ]
            },
        ),
    ],
)
def test_completing_needs_the_warm_contact(values, errors, cast, accepted):
    with pytest.raises(ValidationError) as refused:
        complete(cast.case_director, accepted, **values)
    assert refused.value.message_dict == errors
    assert Handover.objects.get(pk=accepted.pk).status == HandoverStatus.ACCEPTED


def test_the_receiver_records_the_call_and_the_sender_is_told(cast, accepted):
    Notification.objects.all().delete()
    done = complete(
        accepted.accepted_by, accepted, contact_kind=WarmContactKind.CALL, note="Met tolk"
    )
    assert done.status == HandoverStatus.COMPLETED
    assert (done.warm_contact_kind, done.warm_contact_on) == ("call", timezone.localdate())
    assert done.warm_contact_note == "Met tolk"
    assert done.completed_by == accepted.accepted_by
    assert done.completed_at is not None
    assert list(Notification.objects.values_list("recipient", flat=True)) == [cast.case_director.pk]


def test_another_care_team_member_cannot_complete_it(cast, accepted):
    with pytest.raises(ValidationError) as refused:
        complete(cast.care_team_member, accepted)
    assert refused.value.messages == [
        "Alleen wie de overdracht voorstelde of accepteerde kan het warme contact vastleggen."
    ]
