"""Every way a QuestionnaireResponse is refused: an OperationOutcome with one error per
problem (Dutch diagnostics, an expression to the item), 400 when it is no valid R4
QuestionnaireResponse, 422 when its content breaks the instrument's or kansrijk's rules,
404 for a family the caller may not change, 401 without a login; nothing is stored."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kansrijk.families.services import family_close
from kansrijk.signaling import instruments as registry
from kansrijk.signaling import services
from kansrijk.signaling.demo import answers_for_level
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_screening import FHIR_JSON, fill, post_response, questionnaire_path

pytestmark = pytest.mark.django_db

R4U = "r4u-kansrijk"
JUDGEMENT = "professioneel-oordeel"


def item(*link_ids: str) -> str:
    return "QuestionnaireResponse" + "".join(f".item.where(linkId='{i}')" for i in link_ids)


@pytest.fixture
def client(cast):
    return logged_in_client(cast.case_director)


@pytest.fixture
def r4u_response(client, cast_family):
    """A complete, valid response to the R4U questionnaire about the cast family."""
    questionnaire = client.get(questionnaire_path(R4U)).json()
    answers = answers_for_level(registry.get_instrument(R4U), Level.POTENTIALLY_VULNERABLE)
    return fill(questionnaire, answers, family_pk=cast_family.pk)


def _set_answer(resource: dict, link_id: str, answer: list | None) -> None:
    for group in resource["item"]:
        for entry in group.get("item", []):
            if entry["linkId"] == link_id:
                if answer is None:
                    group["item"].remove(entry)
                else:
                    entry["answer"] = answer
                return
    raise KeyError(link_id)


def _refused(response, status: int) -> list[tuple[str, str, list]]:
    """The issues as (code, diagnostics, expression), after checking the envelope."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == FHIR_JSON
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert {issue["severity"] for issue in outcome["issue"]} == {"error"}
    assert not Assessment.objects.exists()
    return [
        (issue["code"], issue["diagnostics"], issue.get("expression", []))
        for issue in outcome["issue"]
    ]


# --- 400: no valid R4 QuestionnaireResponse -------------------------------------------------


def test_it_rejects_a_body_that_is_no_json(client):
    [(code, diagnostics, _where)] = _refused(post_response(client, "{niet: json"), 400)
    assert code == "invalid"
    assert diagnostics.startswith("JSON parse error")


def test_it_rejects_a_form_as_unsupported(client):
    [(code, _diagnostics, _where)] = _refused(
        client.post("/api/v1/fhir/QuestionnaireResponse", {"status": "completed"}), 415
    )
    assert code == "not-supported"


def test_it_rejects_another_resource_type(client, r4u_response):
    issues = _refused(post_response(client, {**r4u_response, "resourceType": "Observation"}), 400)
    assert issues == [
        (
            "structure",
            "Stuur een QuestionnaireResponse (resourceType).",
            ["QuestionnaireResponse.resourceType"],
        )
    ]
    assert _refused(post_response(client, [r4u_response]), 400) == [
        ("structure", "Stuur één FHIR-resource als JSON-object.", [])
    ]


def test_it_lists_every_structural_problem(client, r4u_response):
    r4u_response["onbekend"] = True
    r4u_response["item"][1]["item"][0]["answer"] = [{"valueBoolean": "misschien"}]
    issues = _refused(post_response(client, r4u_response), 400)
    assert (
        "structure",
        "Dit veld bestaat niet in een QuestionnaireResponse.",
        ["QuestionnaireResponse.onbekend"],
    ) in issues
    assert (
        "structure",
        "Dit veld heeft niet de juiste vorm (bool_parsing).",
        ["QuestionnaireResponse.item[1].item[0].answer[0].valueBoolean"],
    ) in issues
    assert len(issues) == 2


def test_it_requires_a_status_and_a_link_id_on_every_item(client, r4u_response):
    del r4u_response["status"]
    del r4u_response["item"][1]["item"][0]["linkId"]
    assert _refused(post_response(client, r4u_response), 400) == [
        ("required", "Dit veld ontbreekt.", ["QuestionnaireResponse.item[1].item[0].linkId"]),
        ("required", "Dit veld ontbreekt.", ["QuestionnaireResponse.status"]),
    ]


# --- 422: valid FHIR, content that kansrijk refuses -----------------------------------------


def test_it_requires_a_family_as_subject(client, r4u_response):
    del r4u_response["subject"]
    [(code, diagnostics, where)] = _refused(post_response(client, r4u_response), 422)
    assert (code, where) == ("required", ["QuestionnaireResponse.subject"])
    assert "urn:kansrijk:family:<id>" in diagnostics
    for subject in (
        {"reference": "Patient/1"},
        {"reference": "urn:kansrijk:family:een"},
        {"identifier": {"system": "urn:oid:2.16.840.1.113883.2.4.6.3", "value": "1"}},
    ):
        r4u_response["subject"] = subject
        [(code, _diagnostics, where)] = _refused(post_response(client, r4u_response), 422)
        assert (code, where) == ("value", ["QuestionnaireResponse.subject"])


@pytest.mark.parametrize(
    "canonical",
    [
        "urn:kansrijk:questionnaire:bestaat-niet",
        "urn:kansrijk:questionnaire:r4u-kansrijk|7",
        "urn:kansrijk:questionnaire:r4u-kansrijk|een",
        "https://example.org/Questionnaire/r4u-kansrijk",
    ],
)
def test_it_rejects_an_unknown_questionnaire_or_version(client, r4u_response, canonical):
    r4u_response["questionnaire"] = canonical
    assert _refused(post_response(client, r4u_response), 422) == [
        (
            "value",
            "Deze vragenlijst (of versie) bestaat niet.",
            ["QuestionnaireResponse.questionnaire"],
        )
    ]


def test_it_rejects_a_questionnaire_the_coalition_does_not_use(cast, client, r4u_response):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=R4U, enabled=False
    )
    assert _refused(post_response(client, r4u_response), 422) == [
        (
            "business-rule",
            "Dit instrument is niet in gebruik in deze coalitie.",
            ["QuestionnaireResponse.questionnaire"],
        )
    ]


def test_it_records_only_a_completed_response(client, r4u_response):
    r4u_response["status"] = "in-progress"
    assert _refused(post_response(client, r4u_response), 422) == [
        (
            "value",
            "Alleen een afgeronde vragenlijst (status completed) kan worden vastgelegd.",
            ["QuestionnaireResponse.status"],
        )
    ]


def test_it_names_every_wrong_answer_by_its_item(client, r4u_response):
    _set_answer(r4u_response, "gs_steun", None)  # required, missing
    _set_answer(r4u_response, "gs_woonsituatie", [{"valueCoding": {"code": "kasteel"}}])
    _set_answer(r4u_response, "mw_stemming", [{"valueInteger": 11}])
    _set_answer(r4u_response, "gs_onveilig_thuis", [{"valueString": "nee"}])
    _set_answer(
        r4u_response,
        "wi_rondkomen",
        [
            {
                "valueCoding": {
                    "system": "urn:kansrijk:questionnaire:r4u-kansrijk:gs_steun",
                    "code": "net",
                }
            }
        ],
    )
    _set_answer(r4u_response, "wi_schulden", [{"valueBoolean": True}, {"valueBoolean": False}])
    issues = _refused(post_response(client, r4u_response), 422)
    assert sorted(issues) == sorted(
        [
            ("required", "Kies een antwoord.", [item("gezinssituatie", "gs_steun")]),
            ("value", "Dit antwoord bestaat niet.", [item("gezinssituatie", "gs_woonsituatie")]),
            (
                "value",
                "Vul een getal van 0 tot en met 10 in.",
                [item("mentaal_welzijn", "mw_stemming")],
            ),
            (
                "value",
                "Geef het antwoord op deze vraag als valueBoolean.",
                [item("gezinssituatie", "gs_onveilig_thuis")],
            ),
            (
                "code-invalid",
                "Deze code hoort niet bij deze vraag.",
                [item("werk_en_inkomen", "wi_rondkomen")],
            ),
            ("value", "Geef één antwoord op deze vraag.", [item("werk_en_inkomen", "wi_schulden")]),
        ]
    )


def test_it_rejects_questions_the_questionnaire_does_not_have(client, r4u_response):
    r4u_response["item"].append({"linkId": "extra", "answer": [{"valueString": "x"}]})
    r4u_response["item"].append(dict(r4u_response["item"][1]))  # a domain twice
    issues = _refused(post_response(client, r4u_response), 422)
    assert ("value", "Deze vraag hoort niet bij deze vragenlijst.", [item("extra")]) in issues
    assert (
        "value",
        "Deze vraag staat meer dan één keer in het antwoord.",
        [item(r4u_response["item"][1]["linkId"])],
    ) in issues


def test_partner_questions_are_required_when_the_partner_takes_part(client, r4u_response):
    r4u_response["item"][0] = {"linkId": "partner-present", "answer": [{"valueBoolean": True}]}
    issues = _refused(post_response(client, r4u_response), 422)
    assert ("required", "Kies een antwoord.", [item("gezinssituatie", "gs_partner_steun")]) in (
        issues
    )
    assert {code for code, _d, _w in issues} == {"required"}


def test_it_rejects_a_date_in_the_future(client, r4u_response):
    r4u_response["authored"] = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _refused(post_response(client, r4u_response), 422) == [
        (
            "business-rule",
            "De datum van de signalering ligt in de toekomst.",
            ["QuestionnaireResponse.authored"],
        )
    ]


def test_it_rejects_a_screening_of_a_closed_family_file(cast, client, cast_family, r4u_response):
    family_close(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=cast_family.version,
        reason="Verhuisd",
    )
    assert _refused(post_response(client, r4u_response), 422) == [
        ("business-rule", "Dit dossier is gesloten. Heropen het om te signaleren.", [])
    ]


# --- 404 and 401 ----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_a_family_the_caller_may_not_change_is_not_found(cast, actor, r4u_response):
    """Also when the answers are wrong: nothing about them is told."""
    r4u_response["status"] = "in-progress"
    response = post_response(logged_in_client(getattr(cast, actor)), r4u_response)
    assert _refused(response, 404) == [("not-found", "Niet gevonden of geen toegang.", [])]


def test_anonymous_callers_get_401(r4u_response):
    response = Client().post(
        "/api/v1/fhir/QuestionnaireResponse", json.dumps(r4u_response), content_type=FHIR_JSON
    )
    [(code, _diagnostics, _where)] = _refused(response, 401)
    assert code == "login"
