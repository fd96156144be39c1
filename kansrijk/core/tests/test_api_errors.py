"""Every error of the API is an RFC 9457 problem (application/problem+json): type, title,
status, detail and instance; field errors under `errors`; Dutch unless the client asks for
English."""

import pytest
from rest_framework import exceptions
from rest_framework.request import Request

from kansrijk.core import api_errors
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILIES = "/api/v1/families/"
PROBLEM = "https://kansrijk.nl/problemen/"


def _assert_problem(response, status: int, kind: str | None):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == (PROBLEM + kind if kind else "about:blank")
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.request["PATH_INFO"]
    return body


def _valid_family(cast, **overrides):
    return {
        "municipality": cast.coalition.municipalities.get().pk,
        "postcode": "1234ab",
        "role_in_family": "verloskundige",
        **overrides,
    }


def test_a_validation_error_keeps_the_field_messages_in_dutch(cast):
    response = logged_in_client(cast.case_director).post(
        FAMILIES, _valid_family(cast, postcode="12345"), content_type="application/json"
    )
    body = _assert_problem(response, 400, "validatie")
    assert body["title"] == "De invoer is ongeldig"
    [message] = body["errors"]["postcode"]
    assert "postcode" in message.lower()
    assert body["detail"] == message


def test_english_when_the_client_asks_for_it(client):
    response = client.get(FAMILIES, headers={"Accept-Language": "en-GB,en;q=0.9"})
    body = _assert_problem(response, 401, "niet-ingelogd")
    assert body["detail"] == "Authentication credentials were not provided."
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_a_language_we_do_not_offer_gives_dutch(client):
    response = client.get(FAMILIES, headers={"Accept-Language": "fr"})
    body = _assert_problem(response, 401, "niet-ingelogd")
    assert body["detail"] == "Authenticatiegegevens zijn niet opgegeven."


def test_several_errors_get_a_summary_as_detail(rf):
    error = exceptions.ValidationError({"postcode": ["Fout."], "municipality": ["Verplicht."]})
    response = api_errors.exception_handler(error, {"request": Request(rf.post(FAMILIES))})
    assert response.data["errors"] == {"postcode": ["Fout."], "municipality": ["Verplicht."]}
    assert response.data["detail"] == (
        "De invoer is ongeldig; zie de meldingen per veld in `errors`."
    )


def test_an_error_of_no_field_goes_under_non_field_errors(rf):
    error = exceptions.ValidationError("Deze combinatie kan niet.")
    response = api_errors.exception_handler(error, {"request": Request(rf.post(FAMILIES))})
    assert response.data["errors"] == {"non_field_errors": ["Deze combinatie kan niet."]}
    assert response.data["detail"] == "Deze combinatie kan niet."


def test_unreadable_json_is_a_problem(cast):
    response = logged_in_client(cast.case_director).post(
        FAMILIES, "{niet json", content_type="application/json"
    )
    body = _assert_problem(response, 400, "onleesbaar-verzoek")
    assert "JSON" in body["detail"]


def test_no_credentials_is_401_in_dutch(client):
    body = _assert_problem(client.get(FAMILIES), 401, "niet-ingelogd")
    assert body["detail"] == "Authenticatiegegevens zijn niet opgegeven."


def test_a_revoked_token_is_401_with_our_dutch_message(client):
    response = client.get(FAMILIES, headers={"Authorization": "Token onzin"})
    body = _assert_problem(response, 401, "niet-ingelogd")
    assert body["detail"] == "Ongeldige of ingetrokken API-token."
    assert response.has_header("WWW-Authenticate")


def test_a_family_out_of_reach_is_a_404_problem(cast, cast_family):
    response = logged_in_client(cast.outsider).get(f"{FAMILIES}{cast_family.pk}/")
    body = _assert_problem(response, 404, "niet-gevonden")
    assert body["detail"] == "Niet gevonden of geen toegang."


def test_an_unknown_api_address_is_a_404_problem_not_a_page(cast):
    response = logged_in_client(cast.case_director).get("/api/v1/bestaat-niet/")
    body = _assert_problem(response, 404, "niet-gevonden")
    assert body["detail"] == "Dit adres bestaat niet in de API."


def test_a_method_not_allowed_is_a_405_problem(cast):
    response = logged_in_client(cast.case_director).delete("/api/v1/me/")
    body = _assert_problem(response, 405, "methode-niet-toegestaan")
    assert body["detail"] == 'Methode "DELETE" niet toegestaan.'
    assert "GET" in response["Allow"]


def test_an_unsupported_media_type_is_a_415_problem(cast):
    response = logged_in_client(cast.case_director).post(FAMILIES, "a,b", content_type="text/csv")
    body = _assert_problem(response, 415, "mediatype-niet-ondersteund")
    assert "text/csv" in body["detail"]


def test_throttling_is_a_429_problem_with_retry_after(rf):
    response = api_errors.exception_handler(
        exceptions.Throttled(wait=30), {"request": Request(rf.get(FAMILIES))}
    )
    assert response.status_code == 429
    assert response.data["type"] == PROBLEM + "te-veel-verzoeken"
    assert response["Retry-After"] == "30"


def test_an_unexpected_exception_is_a_500_problem_without_internals(rf, caplog):
    response = api_errors.exception_handler(
        RuntimeError("geheime interne fout"), {"request": Request(rf.get(FAMILIES))}
    )
    assert response.status_code == 500
    assert response.data["type"] == PROBLEM + "serverfout"
    assert "geheime" not in response.data["detail"]
    assert "geheime interne fout" in caplog.text


def test_a_version_conflict_is_a_409_problem_with_both_versions(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = f"{FAMILIES}{cast_family.pk}/"
    current = client.get(url).json()
    response = client.patch(
        url,
        {"version": current["version"] + 5, "postcode": "1234 AB"},
        content_type="application/json",
    )
    body = _assert_problem(response, 409, "versieconflict")
    assert body["title"] == "Versieconflict"
    assert body["current_version"] == current["version"]
    assert body["submitted_version"] == current["version"] + 5
    assert "current" in body
    assert "submitted" in body


def test_pages_outside_the_api_keep_their_html_error(cast):
    response = logged_in_client(cast.case_director).get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_instance_is_a_uri_reference_for_any_path(cast):
    response = logged_in_client(cast.case_director).get("/api/v1/families/1/Î/")
    assert response.json()["instance"] == "/api/v1/families/1/%C3%8E/"
