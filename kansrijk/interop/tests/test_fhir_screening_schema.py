"""The OpenAPI schema describes both FHIR screening endpoints, in Dutch, with the FHIR media
type, their errors as OperationOutcome and an example QuestionnaireResponse."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
FHIR_JSON = "application/fhir+json"


def test_the_fhir_screening_endpoints_are_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    questionnaire = paths["/api/v1/fhir/Questionnaire/{key}/"]["get"]
    post = paths["/api/v1/fhir/QuestionnaireResponse/"]["post"]
    for operation in (questionnaire, post):
        assert operation["tags"] == ["fhir"]
        assert operation["summary"]
        assert "FHIR" in operation["description"]
    assert {"200", "401", "403", "404"} <= set(questionnaire["responses"])
    assert FHIR_JSON in questionnaire["responses"]["200"]["content"]
    assert {"201", "400", "401", "404", "415", "422"} <= set(post["responses"])
    outcome = post["responses"]["422"]["content"][FHIR_JSON]["examples"]
    [example] = outcome.values()
    assert example["value"]["resourceType"] == "OperationOutcome"
    body = post["requestBody"]["content"]
    assert {FHIR_JSON, "application/json"} <= set(body)
    [request_example] = body[FHIR_JSON]["examples"].values()
    assert request_example["value"]["resourceType"] == "QuestionnaireResponse"


def test_plain_json_answers_are_documented_too(cast):
    """Found by the contract test: with `?format=json` the endpoints answer (also their
    errors) as application/json, which the schema listed only as application/fhir+json."""
    client = logged_in_client(cast.case_director)
    response = client.post(
        "/api/v1/fhir/QuestionnaireResponse/?format=json", "true", content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["resourceType"] == "OperationOutcome"
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    post = paths["/api/v1/fhir/QuestionnaireResponse/"]["post"]["responses"]
    questionnaire = paths["/api/v1/fhir/Questionnaire/{key}/"]["get"]["responses"]
    for responses, codes in ((post, ("201", "400", "422")), (questionnaire, ("200", "404"))):
        for code in codes:
            assert {FHIR_JSON, "application/json"} <= set(responses[code]["content"])
