"""A QuestionnaireResponse sent with an Idempotency-Key is recorded once: the same request
again replays the first answer, another request under the same key is refused (422), one
still running answers 409; the refusals are OperationOutcomes, as every FHIR error."""

import json

import pytest
from django.test import RequestFactory, override_settings
from fhir.resources.R4B.operationoutcome import OperationOutcome

from kansrijk.core.idempotency import fingerprint
from kansrijk.core.models import IdempotentRequest
from kansrijk.signaling.models import Assessment
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_screening import FHIR_JSON, fill, questionnaire_path, response_path

pytestmark = pytest.mark.django_db

JUDGEMENT = "professioneel-oordeel"


def _resource(client, family_pk: int, reason: str = "Weinig steun in de buurt.") -> str:
    questionnaire = client.get(questionnaire_path(JUDGEMENT)).json()
    answers = {"niveau": "potentially_vulnerable", "reden": reason}
    return json.dumps(fill(questionnaire, answers, family_pk=family_pk))


def _post(client, body: str, key: str | None):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(response_path(), body, content_type=FHIR_JSON, headers=headers)


def _outcome(response, status: int, code: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"] == FHIR_JSON
    [issue] = OperationOutcome.model_validate(response.json()).issue
    assert issue.code == code
    return issue.diagnostics


def test_the_same_screening_twice_is_recorded_once_and_the_answer_replayed(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    body = _resource(client, cast_family.pk)
    first = _post(client, body, key="screening-1")
    second = _post(client, body, key="screening-1")
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second["Content-Type"] == FHIR_JSON
    assert second["Location"] == first["Location"]
    assert second["Idempotent-Replayed"] == "true"
    assert Assessment.objects.filter(family=cast_family).count() == 1


def test_another_screening_under_the_same_key_is_refused(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    assert _post(client, _resource(client, cast_family.pk), key="k").status_code == 201
    response = _post(client, _resource(client, cast_family.pk, reason="Anders."), key="k")
    diagnostics = _outcome(response, 422, "business-rule")
    assert "al gebruikt voor een ander verzoek" in diagnostics
    assert Assessment.objects.filter(family=cast_family).count() == 1


def test_a_screening_still_being_recorded_answers_409(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    body = _resource(client, cast_family.pk)
    # What a request that is still running leaves behind: the key without an answer.
    same = RequestFactory().post(response_path(), body, content_type=FHIR_JSON)
    IdempotentRequest.objects.create(
        actor=cast.care_team_member,
        key="bezig",
        fingerprint=fingerprint(same),
        method="POST",
        path=response_path(),
    )
    diagnostics = _outcome(_post(client, body, key="bezig"), 409, "conflict")
    assert "nog in behandeling" in diagnostics
    assert not Assessment.objects.exists()


def test_a_refusal_is_replayed_as_well(cast, cast_family):
    client = logged_in_client(cast.outsider)
    body = _resource(client, cast_family.pk)
    first = _post(client, body, key="geen-toegang")
    second = _post(client, body, key="geen-toegang")
    _outcome(first, 404, "not-found")
    assert second.status_code == 404
    assert second.content == first.content
    assert second["Idempotent-Replayed"] == "true"


def test_an_invalid_key_is_a_400_operation_outcome(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    response = _post(client, _resource(client, cast_family.pk), key="x" * 256)
    assert "1 tot 255 tekens" in _outcome(response, 400, "invalid")
    assert not Assessment.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_too_large_screening_is_a_413_operation_outcome(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    body = _resource(client, cast_family.pk, reason="Heel veel tekst. " * 100)
    diagnostics = _outcome(_post(client, body, key="groot"), 413, "too-long")
    assert "Het verzoek is te groot" in diagnostics
    assert not Assessment.objects.exists()
    assert not IdempotentRequest.objects.exists()
