"""Every error of a FHIR endpoint (under /api/v1/fhir/, and the family file's FHIR export) is
a FHIR OperationOutcome as application/fhir+json, which is what FHIR clients read; every other
API endpoint keeps RFC 9457 problem details. The OpenAPI schema says the same."""

import pytest
from django.db import OperationalError
from django.test import Client
from fhir.resources.R4B.operationoutcome import OperationOutcome

from kansrijk.interop import api_screening
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FHIR_JSON = "application/fhir+json"
PROBLEM_JSON = "application/problem+json"


def _outcome(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == FHIR_JSON
    [issue] = OperationOutcome.model_validate(response.json()).issue
    assert (issue.severity, issue.code) == ("error", code)
    return issue.diagnostics


def test_the_export_answers_its_errors_as_operation_outcome(client, cast, cast_family):
    path = f"/api/v1/families/{cast_family.pk}/fhir/"
    assert _outcome(client.get(path), 401, "login")
    diagnostics = _outcome(logged_in_client(cast.outsider).get(path), 404, "not-found")
    assert diagnostics == "Niet gevonden of geen toegang."
    director = logged_in_client(cast.case_director)
    _outcome(director.get(path, headers={"Accept": "text/html"}), 406, "not-supported")
    # A method the endpoint does not offer: 405, "not-supported".
    assert _outcome(director.post(path, {}), 405, "not-supported") == (
        'Methode "POST" niet toegestaan.'
    )
    assert director.get(path)["Content-Type"] == FHIR_JSON


def test_the_screening_endpoints_answer_their_errors_as_operation_outcome(client, cast):
    assert _outcome(client.get("/api/v1/fhir/Questionnaire/r4u-kansrijk"), 401, "login")
    director = logged_in_client(cast.case_director)
    assert _outcome(director.get("/api/v1/fhir/Questionnaire/bestaat-niet"), 404, "not-found")
    _outcome(
        director.get("/api/v1/fhir/Questionnaire/r4u-kansrijk", headers={"Accept": "text/html"}),
        406,
        "not-supported",
    )
    _outcome(director.delete("/api/v1/fhir/QuestionnaireResponse"), 405, "not-supported")
    _outcome(director.get("/api/v1/fhir/QuestionnaireResponse/x"), 404, "not-found")


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_a_fhir_path_kansrijk_does_not_offer_is_a_404_operation_outcome(client, cast, method):
    diagnostics = _outcome(getattr(client, method)("/api/v1/fhir/Patient/12"), 404, "not-found")
    assert diagnostics == "Dit adres bestaat niet in de FHIR-API."
    director = logged_in_client(cast.case_director)
    _outcome(getattr(director, method)("/api/v1/fhir/metadata"), 404, "not-found")


def test_a_bug_is_a_500_operation_outcome(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(api_screening, "build_questionnaire", broken)
    client = logged_in_client(cast.case_director, Client(raise_request_exception=False))
    response = client.get("/api/v1/fhir/Questionnaire/r4u-kansrijk")
    diagnostics = _outcome(response, 500, "exception")
    assert diagnostics == "Er ging iets mis aan onze kant. Probeer het later opnieuw."
    assert "kapot" not in response.content.decode()


def test_an_unreachable_database_is_a_transient_503_operation_outcome(cast, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(api_screening, "build_questionnaire", unreachable)
    client = logged_in_client(cast.case_director, Client(raise_request_exception=False))
    response = client.get("/api/v1/fhir/Questionnaire/r4u-kansrijk")
    diagnostics = _outcome(response, 503, "transient")
    assert "database is even niet bereikbaar" in diagnostics
    assert response["Retry-After"] == "5"


def test_other_api_endpoints_keep_problem_details(client, cast):
    response = logged_in_client(cast.outsider).get("/api/v1/families/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_JSON
    assert response.json()["type"] == "https://kansrijk.nl/problemen/niet-gevonden"
    assert client.get("/api/v1/municipalities/")["Content-Type"] == PROBLEM_JSON


def _is_error(status: str) -> bool:
    return status == "default" or status[0] in "45"


def test_the_schema_documents_operation_outcome_for_fhir_and_problems_elsewhere(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/?format=json").json()
    responses = schema["components"].get("responses", {})
    fhir_paths = [
        path
        for path in schema["paths"]
        if path.startswith("/api/v1/fhir/") or path == "/api/v1/families/{id}/fhir/"
    ]
    assert sorted(fhir_paths) == [
        "/api/v1/families/{id}/fhir/",
        "/api/v1/fhir/Questionnaire/{key}/",
        "/api/v1/fhir/QuestionnaireResponse/",
        "/api/v1/fhir/QuestionnaireResponse/{id}/",
    ]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {k: v for k, v in operation["responses"].items() if _is_error(k)}
            assert {"401", "403", "default"} <= set(errors), (path, method)
            for status, response in errors.items():
                if "$ref" in response:  # a shared response (the export's errors)
                    response = responses[response["$ref"].removeprefix("#/components/responses/")]
                content = response["content"]
                if path in fhir_paths:
                    assert set(content) == {FHIR_JSON, "application/json"}, (path, status)
                    ref = content[FHIR_JSON]["schema"]["$ref"]
                    assert ref == "#/components/schemas/OperationOutcome"
                else:
                    assert set(content) == {PROBLEM_JSON}, (path, method, status)
    post = schema["paths"]["/api/v1/fhir/QuestionnaireResponse/"]["post"]
    assert {"409", "413", "422"} <= set(post["responses"])
    assert "Idempotency-Key" in [parameter["name"] for parameter in post["parameters"]]
    read = schema["paths"]["/api/v1/fhir/QuestionnaireResponse/{id}/"]["get"]
    assert "404" in read["responses"]
