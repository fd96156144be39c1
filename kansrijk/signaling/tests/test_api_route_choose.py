"""Choosing the route after a finished screening through the API, as on the screening's page:
the proposal is followed or another route is chosen with a reason, a changed route replaces
the open next steps, and every refusal answers 400 in Dutch under the request's field names
with nothing stored; outsiders get 404."""

import pytest

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Task, TaskStatus
from kansrijk.families.services import family_close
from kansrijk.signaling import services
from kansrijk.signaling.models import AssessmentStatus, RouteDecision
from kansrijk.testing.actors import logged_in_client

from .conftest import JUDGEMENT

pytestmark = pytest.mark.django_db


def _screening(cast, family, level="potentially_vulnerable"):
    return services.assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key=JUDGEMENT,
        answers={"niveau": level, "reden": "Weinig steun in de buurt."},
    )


def _post(client, family, assessment, body):
    return client.post(
        f"/api/v1/families/{family.pk}/assessments/{assessment.pk}/route/",
        body,
        content_type="application/json",
    )


def test_the_proposed_route_is_chosen_with_its_next_steps_and_logged(cast, cast_family):
    assessment = _screening(cast, cast_family)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.UPDATE).count()

    response = _post(logged_in_client(cast.care_team_member), cast_family, assessment, {"route": 2})

    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["proposed_route"], data["route"], data["priority"]) == (2, 2, False)
    assert data["decided_by"]["id"] == cast.care_team_member.pk
    decision = RouteDecision.objects.get()
    assert data["id"] == decision.pk
    assert decision.assessment == assessment
    assert Task.objects.filter(family=cast_family).exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.UPDATE).count() > before


def test_another_route_needs_a_reason_and_then_replaces_the_open_steps(cast, cast_family):
    assessment = _screening(cast, cast_family)
    client = logged_in_client(cast.case_director)
    assert _post(client, cast_family, assessment, {"route": 2}).status_code == 201
    route_2_steps = set(Task.objects.filter(family=cast_family).values_list("pk", flat=True))
    assert route_2_steps

    refused = _post(client, cast_family, assessment, {"route": 3})

    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "route_reason": ["Geef een reden waarom je van de voorgestelde route afwijkt."]
    }
    assert RouteDecision.objects.count() == 1

    chosen = _post(
        client, cast_family, assessment, {"route": 3, "route_reason": "Bespreken in het MDO."}
    )

    assert chosen.status_code == 201
    assert (chosen.json()["route"], chosen.json()["awaiting_mdo"]) == (3, True)
    assert chosen.json()["reason"] == "Bespreken in het MDO."
    open_old = Task.objects.filter(pk__in=route_2_steps, status=TaskStatus.OPEN)
    assert not open_old.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"route": 4}, "route", None),
        ({}, "route", None),
        ({"route": 2, "priority": True}, "priority", "Alleen route 3 kan met voorrang (urgent)."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_stored(cast, cast_family, body, field, message):
    assessment = _screening(cast, cast_family)

    response = _post(logged_in_client(cast.case_director), cast_family, assessment, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    assert not RouteDecision.objects.exists()


def test_a_draft_or_another_familys_screening_or_a_closed_file_is_refused(cast, cast_family):
    assessment = _screening(cast, cast_family)
    client = logged_in_client(cast.case_director)
    assessment.status = AssessmentStatus.DRAFT
    assessment.save(update_fields=["status"])

    draft = _post(client, cast_family, assessment, {"route": 2})

    assert draft.status_code == 400
    assert draft.json()["errors"]["non_field_errors"] == [
        "Kies een route bij een afgeronde signalering van dit gezin."
    ]
    assessment.status = AssessmentStatus.FINAL
    assessment.save(update_fields=["status"])
    cast_family.refresh_from_db()
    family_close(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=cast_family.version,
        reason="Verhuisd",
    )

    closed = _post(client, cast_family, assessment, {"route": 2})

    assert closed.status_code == 400
    assert "gesloten" in closed.json()["errors"]["non_field_errors"][0]
    assert not RouteDecision.objects.exists()


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "administrator"]
)
def test_without_a_ground_the_screening_is_not_found(cast, cast_family, actor):
    assessment = _screening(cast, cast_family)

    response = _post(logged_in_client(getattr(cast, actor)), cast_family, assessment, {"route": 2})

    assert response.status_code == 404
    assert not RouteDecision.objects.exists()
