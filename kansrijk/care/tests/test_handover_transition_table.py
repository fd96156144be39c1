"""The handover's statuses follow the transition table: every allowed transition works,
through the guard and through the services, and every other pair of status and action is
refused with a Dutch message that names both."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kansrijk.care import services_handovers as services
from kansrijk.care.models import (
    TRANSITIONS,
    Handover,
    HandoverAction,
    HandoverStatus,
    WarmContactKind,
    handover_transition,
)

from .test_handover_support import jgz_nurse, propose

ALL_PAIRS = list(itertools.product(HandoverStatus.values, HandoverAction.values))
STATUS_WORDS = {
    "proposed": "voorgesteld",
    "accepted": "geaccepteerd",
    "declined": "afgewezen",
    "completed": "afgerond",
    "cancelled": "ingetrokken",
}
ACTION_WORDS = {
    "accept": "accepteren",
    "decline": "afwijzen",
    "complete": "afronden",
    "cancel": "intrekken",
}


def test_the_table_is_the_documented_workflow():
    assert TRANSITIONS == {
        ("proposed", "accept"): "accepted",
        ("proposed", "decline"): "declined",
        ("proposed", "cancel"): "cancelled",
        ("accepted", "complete"): "completed",
    }


@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_the_guard_allows_exactly_the_table(status, action):
    if (status, action) in TRANSITIONS:
        assert handover_transition(status, action) == TRANSITIONS[(status, action)]
        return
    with pytest.raises(ValidationError) as refused:
        handover_transition(status, action)
    assert refused.value.messages == [
        f"Een overdracht die {STATUS_WORDS[status]} is, kun je niet {ACTION_WORDS[action]}."
    ]


def _in_status(cast, family, receiver, status: str) -> Handover:
    """A handover to `receiver`, brought into `status` by the services themselves."""
    handover = propose(cast, family, to_professional=receiver, to_organisation=None)
    if status == HandoverStatus.PROPOSED:
        return handover
    if status == HandoverStatus.DECLINED:
        return services.handover_decline(actor=receiver, handover_pk=handover.pk, reason="Vol")
    if status == HandoverStatus.CANCELLED:
        return services.handover_cancel(
            actor=cast.case_director, family_pk=family.pk, handover_pk=handover.pk
        )
    services.handover_accept(actor=receiver, handover_pk=handover.pk)
    if status == HandoverStatus.ACCEPTED:
        return Handover.objects.get(pk=handover.pk)
    return _do(HandoverAction.COMPLETE, cast, family, receiver, handover)


def _do(action, cast, family, receiver, handover) -> Handover:
    if action == HandoverAction.ACCEPT:
        return services.handover_accept(actor=receiver, handover_pk=handover.pk)
    if action == HandoverAction.DECLINE:
        return services.handover_decline(
            actor=receiver, handover_pk=handover.pk, reason="Geen plek deze maand."
        )
    if action == HandoverAction.CANCEL:
        return services.handover_cancel(
            actor=cast.case_director, family_pk=family.pk, handover_pk=handover.pk
        )
    return services.handover_complete(
        actor=cast.case_director,
        family_pk=family.pk,
        handover_pk=handover.pk,
        contact_kind=WarmContactKind.JOINT_VISIT,
        contact_on=timezone.localdate(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_the_services_follow_the_table(status, action, cast, cast_family):
    receiver = jgz_nurse(cast)
    handover = _in_status(cast, cast_family, receiver, status)
    assert handover.status == status
    version = handover.version
    if (status, action) in TRANSITIONS:
        done = _do(action, cast, cast_family, receiver, handover)
        assert done.status == TRANSITIONS[(status, action)]
        assert Handover.objects.get(pk=handover.pk).version == version + 1
        return
    with pytest.raises(ValidationError) as refused:
        _do(action, cast, cast_family, receiver, handover)
    message = " ".join(refused.value.messages)
    assert f"Een overdracht die {STATUS_WORDS[status]} is" in message
    stored = Handover.objects.get(pk=handover.pk)
    assert (stored.status, stored.version) == (status, version)
