"""Who may record decisions, when, and about which items; Dutch errors keyed by field."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kansrijk.families.models import ConsentPurpose
from kansrijk.families.services import consent_withdraw
from kansrijk.mdo import services
from kansrijk.mdo.models import DecisionKind, MeetingStatus
from kansrijk.mdo.services_decisions import decision_record

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named route-3 family and an anonymous one."""
    return setup_meeting(cast)


def test_only_managers_record_decisions(cast, held):
    for actor in (cast.outsider, cast.case_director, cast.care_team_member, cast.analyst):
        with pytest.raises(PermissionDenied):
            decision_record(
                actor=actor, item_pk=held.named_item.pk, kind=DecisionKind.ADVICE, text="Advies"
            )
    assert not held.named_item.decisions.exists()


def test_a_coordinator_without_a_professional_role_records_advice_but_not_acting(cast, held):
    decision_record(
        actor=cast.coordinator, item_pk=held.named_item.pk, kind=DecisionKind.ADVICE, text="Advies"
    )
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=cast.coordinator, item_pk=held.named_item.pk, kind=DecisionKind.ROUTE_CONFIRMED
        )
    assert "kind" in error.value.message_dict


@pytest.mark.parametrize(
    "kind",
    [
        DecisionKind.ROUTE_CONFIRMED,
        DecisionKind.ROUTE_CHANGED,
        DecisionKind.CASE_DIRECTOR,
        DecisionKind.INVOLVE,
        DecisionKind.TASK,
    ],
)
def test_anonymous_items_refuse_acting_decisions(cast, held, kind):
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=held.chair,
            item_pk=held.anonymous_item.pk,
            kind=kind,
            text="Iets",
            route=2,
            professional=cast.care_team_member,
            due_date=timezone.localdate() + timedelta(days=3),
        )
    assert "anoniem" in error.value.message_dict["kind"][0]


def test_withdrawn_consent_makes_the_item_anonymous_at_once(cast, held):
    consent_withdraw(
        actor=cast.case_director, family_pk=held.named.pk, purpose=ConsentPurpose.MDO_NAMED
    )
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=held.chair, item_pk=held.named_item.pk, kind=DecisionKind.ROUTE_CONFIRMED
        )
    assert "kind" in error.value.message_dict


def test_a_review_is_allowed_for_an_anonymous_item(held):
    decision = decision_record(
        actor=held.chair,
        item_pk=held.anonymous_item.pk,
        kind=DecisionKind.REVIEW,
        review_date=timezone.localdate() + timedelta(days=60),
    )
    assert decision.review_date


def test_no_decisions_on_a_draft_or_final_meeting(cast):
    setup = setup_meeting(cast, publish=False)
    with pytest.raises(ValidationError):
        decision_record(
            actor=setup.chair, item_pk=setup.named_item.pk, kind=DecisionKind.ADVICE, text="x"
        )


def test_no_decisions_once_the_minutes_are_final(cast, held):
    services.meeting_transition(
        actor=held.chair, meeting_pk=held.meeting.pk, to_status=MeetingStatus.HELD
    )
    meeting = held.meeting
    meeting.refresh_from_db()
    meeting.minutes = "Verslag"
    meeting.save()
    services.meeting_transition(
        actor=held.chair, meeting_pk=meeting.pk, to_status=MeetingStatus.FINAL
    )
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=held.chair, item_pk=held.named_item.pk, kind=DecisionKind.ADVICE, text="x"
        )
    assert "definitief" in error.value.messages[0]


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        ("onzin", {}, "kind"),
        (DecisionKind.ADVICE, {}, "text"),
        (DecisionKind.ROUTE_CHANGED, {"text": "Reden"}, "route"),
        (DecisionKind.ROUTE_CHANGED, {"route": 2}, "text"),
        (DecisionKind.ROUTE_CHANGED, {"route": 3, "text": "Blijft"}, "route"),
        (DecisionKind.CASE_DIRECTOR, {}, "professional"),
        (DecisionKind.INVOLVE, {"text": "Graag"}, "organisation"),
        (DecisionKind.TASK, {"text": "Bellen"}, "professional"),
        (DecisionKind.TASK, {"text": "Bellen", "due_date": "past"}, "due_date"),
        (DecisionKind.REVIEW, {}, "review_date"),
        (DecisionKind.REVIEW, {"review_date": "today"}, "review_date"),
    ],
)
def test_bad_fields_are_refused_in_dutch_keyed_by_field(cast, held, kind, fields, field):
    today = timezone.localdate()
    dates = {"past": today - timedelta(days=1), "today": today}
    fields = {name: dates.get(value, value) for name, value in fields.items()}
    with pytest.raises(ValidationError) as error:
        decision_record(actor=held.chair, item_pk=held.named_item.pk, kind=kind, **fields)
    assert field in error.value.message_dict
    assert not held.named_item.decisions.exists()
