"""What each decision of the MDO sets in motion on the family file, in one transaction."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import CaseDirector, Handover, HandoverKind, HandoverStatus
from kansrijk.care.services_handovers import handover_accept
from kansrijk.families.models import CareTeamMember, TimelineEvent
from kansrijk.mdo.decision_ground import MDO_DECISION
from kansrijk.mdo.models import DecisionKind, ItemStatus
from kansrijk.mdo.services_decisions import decision_record, item_discussion_save
from kansrijk.mdo.timeline import MDO_DECISION as MDO_DECISION_EVENT
from kansrijk.signaling.models import RouteDecision

from .meeting_fixtures import (
    make_professional,
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named route-3 family and an anonymous one."""
    return setup_meeting(cast)


def record(setup, kind, **fields):
    return decision_record(actor=setup.chair, item_pk=setup.named_item.pk, kind=kind, **fields)


def test_a_case_director_decision_creates_the_casusregie_handover(cast, held):
    director = make_professional(cast, "nieuweregisseur")
    decision = record(held, DecisionKind.CASE_DIRECTOR, professional=director)
    handover = decision.handover
    assert handover.kind == HandoverKind.CASUSREGIE
    assert handover.moment_code == "casusregie"
    assert handover.to_professional == director
    assert handover.from_professional == held.chair
    assert handover.status == HandoverStatus.PROPOSED
    event = AccessEvent.objects.filter(user=held.chair, family=held.named).latest("timestamp")
    assert event.ground == MDO_DECISION
    assert event.action == AccessEvent.Action.UPDATE


def test_after_the_receiver_accepts_they_are_the_case_director(cast, held):
    director = make_professional(cast, "nieuweregisseur")
    decision = record(held, DecisionKind.CASE_DIRECTOR, professional=director)
    assert not CaseDirector.objects.current().filter(family=held.named).exists()
    handover_accept(actor=director, handover_pk=decision.handover.pk)
    current = CaseDirector.objects.current().get(family=held.named)
    assert current.professional == director
    assert (
        CareTeamMember.objects.current().filter(family=held.named, professional=director).exists()
    )


def test_involve_invites_an_organisation_to_the_care_team(cast, held):
    organisation = cast.care_team_member.memberships.get().organisation
    decision = record(
        held, DecisionKind.INVOLVE, organisation=organisation, text="Graag een kraamzorgintake."
    )
    handover = decision.handover
    assert handover.kind == HandoverKind.REGULAR
    assert handover.to_organisation == organisation
    assert handover.summary == "Graag een kraamzorgintake."


def test_a_task_has_an_owner_and_a_due_date(cast, held):
    due = timezone.localdate() + timedelta(days=14)
    decision = record(
        held,
        DecisionKind.TASK,
        text="Huisbezoek samen met het buurtteam",
        professional=cast.care_team_member,
        due_date=due,
    )
    task = decision.task
    assert task.owner == cast.care_team_member
    assert task.due_date == due
    assert task.family == held.named
    assert task.title == "Huisbezoek samen met het buurtteam"


def test_route_confirmed_ends_the_wait_for_the_mdo(held):
    assert RouteDecision.objects.filter(family=held.named).latest("decided_at").awaiting_mdo
    record(held, DecisionKind.ROUTE_CONFIRMED)
    assert not RouteDecision.objects.filter(family=held.named).latest("decided_at").awaiting_mdo


def test_route_changed_records_a_route_decided_in_the_mdo(held):
    record(held, DecisionKind.ROUTE_CHANGED, route=2, text="Het netwerk is sterker dan gedacht.")
    newest = RouteDecision.objects.filter(family=held.named).order_by("-decided_at", "-id").first()
    assert newest.route == 2
    assert newest.assessment is None
    assert not newest.awaiting_mdo
    assert "Het netwerk is sterker dan gedacht." in newest.reason


def test_advice_is_text_only_and_lands_on_the_timeline(held):
    decision = decision_record(
        actor=held.chair,
        item_pk=held.anonymous_item.pk,
        kind=DecisionKind.ADVICE,
        text="Overweeg VoorZorg.",
    )
    assert decision.task is None
    assert decision.handover is None
    event = TimelineEvent.objects.get(family=held.anonymous, kind=MDO_DECISION_EVENT)
    assert "Overweeg VoorZorg." in event.summary
    assert event.actor == held.chair
    assert event.kind_label == "Besluit van het MDO"


def test_every_decision_lands_on_the_family_timeline_and_marks_the_item_discussed(cast, held):
    record(held, DecisionKind.ROUTE_CONFIRMED)
    held.named_item.refresh_from_db()
    assert held.named_item.status == ItemStatus.DISCUSSED
    assert TimelineEvent.objects.filter(family=held.named, kind=MDO_DECISION_EVENT).count() == 1


def test_the_discussion_is_saved_and_marks_the_item_discussed(held):
    item = item_discussion_save(
        actor=held.chair,
        meeting_pk=held.meeting.pk,
        item_pk=held.named_item.pk,
        discussion="Moeder wil graag hulp bij de financiën.",
    )
    assert item.status == ItemStatus.DISCUSSED
    assert item.discussion == "Moeder wil graag hulp bij de financiën."


def test_a_failing_effect_leaves_no_decision(cast, held):
    with pytest.raises(ValidationError) as error:
        record(held, DecisionKind.CASE_DIRECTOR, professional=cast.other_coalition_professional)
    assert "professional" in error.value.message_dict
    assert not Handover.objects.filter(family=held.named).exists()
    assert not held.named_item.decisions.exists()
