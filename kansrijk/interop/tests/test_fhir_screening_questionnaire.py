"""An instrument served as a FHIR R4 Questionnaire: valid R4 (fhir.resources R4B), every
question with its linkId, type, text and answer options as in the instrument file, the
partner questions enabled by the partner question; anyone working in a coalition reads it,
and nothing is logged (no family data)."""

from dataclasses import replace

import pytest
from django.conf import settings
from django.test import Client
from fhir.resources.R4B.questionnaire import Questionnaire

from kansrijk.access.models import AccessEvent
from kansrijk.signaling import instruments as registry
from kansrijk.signaling.instruments import registry as shipped
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_screening import FHIR_JSON, questionnaire_path

pytestmark = pytest.mark.django_db

R4U = "r4u-kansrijk"
JUDGEMENT = "professioneel-oordeel"


def _questions(resource: dict) -> dict[str, dict]:
    return {item["linkId"]: item for group in resource["item"] for item in group.get("item", [])}


@pytest.mark.parametrize("key", [R4U, JUDGEMENT])
def test_every_shipped_instrument_is_a_valid_r4_questionnaire(cast, key):
    response = logged_in_client(cast.case_director).get(questionnaire_path(key))
    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    resource = response.json()
    Questionnaire.model_validate(resource)
    instrument = registry.get_instrument(key)
    assert resource["id"] == key
    assert resource["url"] == f"urn:kansrijk:questionnaire:{key}"
    assert resource["version"] == str(instrument.version)
    assert resource["status"] == "active"
    assert resource["title"] == instrument.title["nl"]
    assert resource["language"] == "nl"
    assert [g["linkId"] for g in resource["item"] if g["type"] == "group"] == [
        domain.key for domain in instrument.domains
    ]
    # Every question of the file, in its order, and nothing else.
    assert list(_questions(resource)) == [item.key for item in instrument.items]


def test_questions_keep_their_type_text_and_answers(cast):
    resource = logged_in_client(cast.care_team_member).get(questionnaire_path(R4U)).json()
    questions = _questions(resource)
    instrument = registry.get_instrument(R4U)

    unsafe = questions["gs_onveilig_thuis"]
    assert unsafe["type"] == "boolean"
    assert unsafe["required"] is True
    assert unsafe["text"] == instrument.item("gs_onveilig_thuis").text["nl"]
    [help_text] = unsafe["item"]
    assert help_text["type"] == "display"
    assert help_text["text"].startswith("Denk aan lichamelijk")

    housing = questions["gs_woonsituatie"]
    assert housing["type"] == "choice"
    assert [o["valueCoding"]["code"] for o in housing["answerOption"]] == [
        "stabiel",
        "onzeker",
        "geen_vaste_woonplek",
    ]
    first = housing["answerOption"][1]["valueCoding"]
    assert first["system"] == "urn:kansrijk:questionnaire:r4u-kansrijk:gs_woonsituatie"
    assert first["display"].startswith("Tijdelijk of onzeker")
    assert first["extension"] == [
        {"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2}
    ]

    scale = questions["mw_stemming"]
    assert scale["type"] == "integer"
    assert scale["extension"] == [
        {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
        {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10},
    ]

    strengths = questions["gs_sterke_kanten"]
    assert (strengths["type"], strengths["required"]) == ("text", False)


def test_partner_questions_are_enabled_by_the_partner_question(cast):
    resource = logged_in_client(cast.case_director).get(questionnaire_path(R4U)).json()
    partner = resource["item"][0]
    assert (partner["linkId"], partner["type"]) == ("partner-present", "boolean")
    question = _questions(resource)["gs_partner_steun"]
    assert question["required"] is False
    assert question["enableWhen"] == [
        {"question": "partner-present", "operator": "=", "answerBoolean": True}
    ]
    # An instrument without partner questions has no partner question.
    judgement = logged_in_client(cast.case_director).get(questionnaire_path(JUDGEMENT)).json()
    assert [item["linkId"] for item in judgement["item"]] == ["oordeel"]


def test_an_older_version_is_served_as_retired(cast, monkeypatch):
    instrument = registry.get_instrument(JUDGEMENT)
    # A second version beside the shipped one, for this test only.
    monkeypatch.setitem(shipped._instruments(), (JUDGEMENT, 2), replace(instrument, version=2))
    client = logged_in_client(cast.case_director)
    old = client.get(questionnaire_path(JUDGEMENT), {"version": "1"}).json()
    latest = client.get(questionnaire_path(JUDGEMENT)).json()
    assert (old["version"], old["status"]) == ("1", "retired")
    assert (latest["version"], latest["status"]) == ("2", "active")


def test_english_is_served_when_asked_for(cast):
    client = logged_in_client(cast.case_director)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    resource = client.get(questionnaire_path(JUDGEMENT)).json()
    assert resource["language"] == "en"
    assert resource["title"] == "Professional judgement"


def test_both_url_forms_answer(cast):
    client = logged_in_client(cast.case_director)
    assert client.get(f"/api/v1/fhir/Questionnaire/{R4U}").status_code == 200
    assert client.get(f"/api/v1/fhir/Questionnaire/{R4U}/").status_code == 200


def test_reading_a_questionnaire_is_not_logged(cast):
    before = AccessEvent.objects.count()
    logged_in_client(cast.analyst).get(questionnaire_path(R4U))
    assert AccessEvent.objects.count() == before


def test_unknown_instruments_and_versions_are_an_operation_outcome(cast):
    client = logged_in_client(cast.case_director)
    for response in (
        client.get(questionnaire_path("bestaat-niet")),
        client.get(questionnaire_path(R4U), {"version": "9"}),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == FHIR_JSON
        assert response.json() == {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": "not-found",
                    "diagnostics": "Dit instrument bestaat niet.",
                }
            ],
        }
    bad = client.get(questionnaire_path(R4U), {"version": "twee"})
    assert bad.status_code == 400
    assert bad.json()["issue"][0]["diagnostics"] == "Geef het versienummer als geheel getal."


def test_anonymous_callers_get_401_as_an_operation_outcome():
    response = Client().get(questionnaire_path(R4U))
    assert response.status_code == 401
    [issue] = response.json()["issue"]
    assert (issue["severity"], issue["code"]) == ("error", "login")


def test_the_query_count_does_not_grow_with_the_number_of_questions(cast):
    """A Questionnaire is built from the loaded instrument file: the queries are the
    session's, the caller's and the membership check, whatever the number of questions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in_client(cast.case_director)
    client.get(questionnaire_path(JUDGEMENT))  # the session's first request does more
    counts = []
    for key in (JUDGEMENT, R4U):  # 2 questions, then dozens
        with CaptureQueriesContext(connection) as queries:
            assert client.get(questionnaire_path(key)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4


@pytest.mark.parametrize("key", ["geen instrument", "a/b", "%C3%A9%00x"])
def test_a_key_that_is_no_instrument_is_an_operation_outcome_404(cast, key):
    """Found by the contract test: a key outside [-a-zA-Z0-9_] matched no URL, and Django
    answered its HTML "page not found" instead of a FHIR OperationOutcome."""
    response = logged_in_client(cast.case_director).get(questionnaire_path(key))
    assert response.status_code == 404
    assert response["Content-Type"] == FHIR_JSON
    assert response.json()["resourceType"] == "OperationOutcome"


def test_a_version_in_other_digits_is_a_400(cast):
    """`str.isdigit()` accepts "²", which `int()` refuses (it was a server error)."""
    response = logged_in_client(cast.case_director).get(questionnaire_path(R4U), {"version": "²"})
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"
