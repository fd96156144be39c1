"""A record system reads the Questionnaire, fills it and sends it back as a
QuestionnaireResponse: kansrijk records the assessment exactly as its own API does (same
answers, score, level, timeline entry and access event) and answers 201 with the stored
QuestionnaireResponse, valid R4, whose id is the assessment."""

import json

import pytest
from django.test import Client
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.families.models import TimelineEvent
from kansrijk.signaling import instruments as registry
from kansrijk.signaling.demo import answers_for_level
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment
from kansrijk.signaling.timeline import ASSESSMENT_RECORDED
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.interop_screening import (
    FHIR_JSON,
    fill,
    item_answer,
    post_response,
    questionnaire_path,
)

pytestmark = pytest.mark.django_db

R4U = "r4u-kansrijk"


def _calm(item):
    """The answer to `item` that weighs least (partner questions in these tests)."""
    if item.type == "scale":
        return min(item.bands, key=lambda band: band.weight).min
    if item.type == "text":
        return "Partner is betrokken."
    return min(item.options, key=lambda option: option.weight).key


def _answers_with_partner(instrument) -> dict:
    answers = answers_for_level(instrument, Level.VULNERABLE)
    answers.update({item.key: _calm(item) for item in instrument.items if item.is_partner_item})
    answers["gs_sterke_kanten"] = "Oma woont om de hoek."
    return answers


def test_a_filled_questionnaire_is_recorded_as_the_assessments_api_records_it(cast):
    family, twin = make_family(cast), make_family(cast)
    client = logged_in_client(cast.care_team_member)
    instrument = registry.get_instrument(R4U)
    answers = _answers_with_partner(instrument)
    questionnaire = client.get(questionnaire_path(R4U)).json()
    resource = fill(questionnaire, answers, family_pk=family.pk, partner_present=True)
    last_event = AccessEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = post_response(client, resource)
    # The write is in the access log once, as a write on the family by the caller.
    events = AccessEvent.objects.filter(id__gt=last_event)
    assert [(e.action, e.family_id, e.user_id, e.authorisation) for e in events] == [
        (AccessEvent.Action.UPDATE, family.pk, cast.care_team_member.pk, True)
    ]

    assert response.status_code == 201, response.content
    assert response["Content-Type"] == FHIR_JSON
    stored = response.json()
    QuestionnaireResponse.model_validate(stored)
    assessment = Assessment.objects.get(family=family)
    assert stored["id"] == str(assessment.pk)
    assert stored["questionnaire"] == "urn:kansrijk:questionnaire:r4u-kansrijk|1"
    assert stored["status"] == "completed"
    assert stored["subject"] == {"reference": f"urn:kansrijk:family:{family.pk}", "type": "Group"}
    assert stored["author"]["display"] == cast.care_team_member.get_full_name()
    assert item_answer(stored, "partner-present") == [{"valueBoolean": True}]
    assert item_answer(stored, "gs_sterke_kanten") == [{"valueString": "Oma woont om de hoek."}]
    assert response["Location"] == (
        f"http://testserver/api/v1/fhir/QuestionnaireResponse/{assessment.pk}"
    )

    # The assessment as the signaling API shows it: the same answers, level and score.
    [listed] = client.get(f"/api/v1/families/{family.pk}/assessments/").json()["results"]
    assert listed["id"] == assessment.pk
    assert listed["answers"] == answers
    assert listed["partner_present"] is True
    assert listed["level"] == "vulnerable"
    assert {
        "url": "urn:kansrijk:fhir:extension:screening-total-score",
        "valueInteger": listed["total_score"],
    } in stored["extension"]

    # The same screening through the assessments API gives the same result.
    plain = client.post(
        f"/api/v1/families/{twin.pk}/assessments/",
        {"instrument_key": R4U, "answers": answers, "partner_present": True},
        content_type="application/json",
    ).json()
    assert (plain["level"], plain["total_score"], plain["result"]) == (
        listed["level"],
        listed["total_score"],
        listed["result"],
    )

    # The write is on the family's timeline, as on the page.
    assert TimelineEvent.objects.filter(
        family=family, kind=ASSESSMENT_RECORDED, object_id=str(assessment.pk)
    ).exists()


def test_without_the_partner_the_partner_questions_may_stay_open(cast, cast_family):
    client = logged_in_client(cast.case_director)
    answers = answers_for_level(registry.get_instrument(R4U), Level.POTENTIALLY_VULNERABLE)
    questionnaire = client.get(questionnaire_path(R4U)).json()
    response = post_response(client, fill(questionnaire, answers, family_pk=cast_family.pk))
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get(family=cast_family)
    assert (assessment.partner_present, assessment.level) == (False, "potentially_vulnerable")
    assert assessment.answers == answers


def test_plain_json_a_family_identifier_and_both_url_forms_are_accepted(cast, cast_family):
    client = logged_in_client(cast.case_director)
    questionnaire = client.get(questionnaire_path("professioneel-oordeel")).json()
    answers = {"niveau": "vulnerable", "reden": "Geen steun; zorgen over veiligheid thuis."}
    resource = fill(questionnaire, answers, family_pk=cast_family.pk)
    resource["questionnaire"] = "urn:kansrijk:questionnaire:professioneel-oordeel"
    resource["subject"] = {
        "identifier": {
            "system": "urn:ietf:rfc:3986",
            "value": f"urn:kansrijk:family:{cast_family.pk}",
        }
    }
    resource["authored"] = "2026-01-05T23:30:00Z"  # already 6 January in the Netherlands
    for path in ("/api/v1/fhir/QuestionnaireResponse", "/api/v1/fhir/QuestionnaireResponse/"):
        response = post_response(client, resource, content_type="application/json", path=path)
        assert response.status_code == 201, response.content
        assert response.json()["authored"] == "2026-01-06"
    assert Assessment.objects.filter(family=cast_family, level="vulnerable").count() == 2
    assert set(
        Assessment.objects.filter(family=cast_family).values_list("instrument_version", flat=True)
    ) == {1}
    assert json.loads(response.content)["questionnaire"].endswith("|1")


def test_a_record_system_posts_with_its_api_token(cast, cast_family):
    _token, key = api_token_create(professional=cast.case_director, name="verloskundig systeem")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    questionnaire = client.get(questionnaire_path("professioneel-oordeel")).json()
    answers = {"niveau": "urgent", "reden": "Acute zorgen over de veiligheid thuis."}
    response = post_response(client, fill(questionnaire, answers, family_pk=cast_family.pk))
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get(family=cast_family)
    assert (assessment.level, assessment.recorded_by) == ("urgent", cast.case_director)
