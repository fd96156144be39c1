"""Accepting a handover: the receiver joins the care team (once), the sender is notified, and
only a receiver can accept — the named professional, or for a handover to an organisation a
professional of that organisation in the family's coalition. The receiver's access before
accepting is scoped to the handover and logged."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import families_visible_to, get_family_for_user
from kansrijk.care import services_handovers as services
from kansrijk.care.grounds import HANDOVER_RECEIVER, handover_receiver_scope
from kansrijk.care.models import Handover, HandoverStatus
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, TimelineEvent
from kansrijk.organisations.models import Discipline

from .test_handover_support import (
    jgz,
    jgz_nurse,
    kraamzorg,
    other_coalition_jgz_nurse,
    professional,
    propose,
)

pytestmark = pytest.mark.django_db


def test_accepting_puts_the_receiver_on_the_care_team(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    services.handover_accept(
        actor=nurse, handover_pk=handover.pk, role_in_family="jeugdverpleegkundige"
    )
    member = CareTeamMember.objects.current().get(family=cast_family, professional=nurse)
    assert member.role_in_family == "jeugdverpleegkundige"
    assert member.membership.organisation == jgz(cast)
    assert member.phone == "06 11112222"  # from the membership, reachable directly
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.accepted_by == nurse
    assert handover.accepted_at is not None
    kinds = list(TimelineEvent.objects.filter(family=cast_family).values_list("kind", flat=True))
    assert "care_team_added" in kinds
    assert "handover_accepted" in kinds


def test_a_receiver_already_on_the_care_team_is_not_added_twice(cast, cast_family):
    handover = propose(cast, cast_family, to_professional=cast.care_team_member)
    services.handover_accept(actor=cast.care_team_member, handover_pk=handover.pk)
    assert (
        CareTeamMember.objects.filter(
            family=cast_family, professional=cast.care_team_member
        ).count()
        == 1
    )


def test_the_sender_is_notified_with_the_reference_only(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    Notification.objects.all().delete()
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    notification = Notification.objects.get(recipient=cast.case_director)
    assert cast_family.reference in notification.text
    assert "geaccepteerd" in notification.text
    assert "Moeder" not in notification.text  # never the summary
    assert notification.link == f"/gezinnen/{cast_family.pk}/overdrachten/#overdracht-{handover.pk}"


def test_a_professional_of_the_organisation_can_accept(cast, cast_family):
    first, second = jgz_nurse(cast, "eerste"), jgz_nurse(cast, "tweede")
    handover = propose(cast, cast_family)
    services.handover_accept(actor=second, handover_pk=handover.pk)
    assert Handover.objects.get(pk=handover.pk).accepted_by == second
    assert not CareTeamMember.objects.filter(family=cast_family, professional=first).exists()


@pytest.mark.parametrize("who", ["kraamzorg", "other_coalition", "outsider", "coordinator"])
def test_nobody_else_can_accept_a_handover_to_an_organisation(who, cast, cast_family):
    jgz_nurse(cast)
    handover = propose(cast, cast_family)
    actor = {
        "kraamzorg": lambda: professional(
            cast, "kraam", kraamzorg(cast), discipline=Discipline.MATERNITY_CARER
        ),
        "other_coalition": lambda: other_coalition_jgz_nurse(cast),
        "outsider": lambda: cast.outsider,
        "coordinator": lambda: cast.coordinator,
    }[who]()
    # Without a ground they get the policy's "not found", and the refusal is logged.
    with pytest.raises(Http404):
        services.handover_accept(actor=actor, handover_pk=handover.pk)
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.PROPOSED
    assert not CareTeamMember.objects.filter(family=cast_family, professional=actor).exists()


def test_a_named_professional_is_the_only_one_who_can_accept(cast, cast_family):
    nurse, colleague = jgz_nurse(cast), jgz_nurse(cast, "collega")
    handover = propose(cast, cast_family, to_professional=nurse)
    with pytest.raises(Http404):
        services.handover_accept(actor=colleague, handover_pk=handover.pk)
    # A care-team member who may see the family but is no receiver gets a Dutch refusal.
    with pytest.raises(ValidationError) as refused:
        services.handover_accept(actor=cast.care_team_member, handover_pk=handover.pk)
    assert refused.value.messages == ["Alleen de ontvanger kan deze overdracht accepteren."]
    services.handover_accept(actor=nurse, handover_pk=handover.pk)


def test_the_receivers_access_is_logged_with_its_own_ground(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    event = AccessEvent.objects.filter(user=nurse, family_id=cast_family.pk).order_by("pk").first()
    assert event.ground == HANDOVER_RECEIVER
    assert event.action == AccessEvent.Action.UPDATE
    assert event.authorisation is True
    assert event.treatment_relationship is False
    assert f"Ontvanger van overdracht {handover.pk}" in event.ground_detail


def test_the_receiver_sees_nothing_of_the_family_outside_the_scope(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    assert not families_visible_to(nurse).exists()
    with pytest.raises(Http404):
        get_family_for_user(nurse, cast_family.pk, AccessEvent.Action.READ)
    with handover_receiver_scope(nurse, handover.pk):
        assert list(families_visible_to(nurse)) == [cast_family]
        # The scope is the receiver's own: a colleague gains nothing from it.
        assert not families_visible_to(cast.outsider).exists()
    assert not families_visible_to(nurse).exists()


def test_a_stale_form_is_refused(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    with pytest.raises(services.HandoverChanged):
        services.handover_accept(actor=nurse, handover_pk=handover.pk, expected_version=7)
    services.handover_accept(actor=nurse, handover_pk=handover.pk, expected_version=1)
