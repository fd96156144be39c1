"""The self-report questionnaire in the portal: only the instrument's self-report items, saved
as a draft assessment for the professional (never a score, level or route for the family);
a second submission updates the open draft; the professional finishes it as usual."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.core.models import AuditEvent, Notification
from kansrijk.signaling import services as signaling
from kansrijk.signaling.models import Assessment, AssessmentStatus
from kansrijk.testing.actors import logged_in_client

from .choices_world import choices_world

pytestmark = pytest.mark.django_db

ANSWERS = {"a_mw_stemming": "3", "a_ho_band_met_baby": "no"}
SENT = "Je antwoorden zijn verstuurd. Jullie zorgverlener bespreekt ze met jullie."


def test_only_the_self_report_questions_are_asked(cast):
    world = choices_world(cast)
    response = world.client.get(reverse("portal:self_report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoe goed voelde je je de afgelopen twee weken?" in page
    assert "Voel je al een band met je baby?" in page
    # A question the professional asks is not shown.
    assert "gedachten om zichzelf iets aan te doen" not in page
    assert 'name="a_mw_zelfbeschadiging"' not in page


def test_the_answers_become_a_draft_for_the_professional(cast):
    world = choices_world(cast)
    response = world.client.post(reverse("portal:self_report"), {**ANSWERS, "version": "0"})
    assert response.status_code == 302
    page = world.client.get(response["Location"]).content.decode()
    assert SENT in page
    for hidden in ("score", "Score", "route", "Route", "kwetsbaar"):
        assert hidden not in page
    draft = Assessment.objects.get(family=world.family)
    assert draft.status == AssessmentStatus.DRAFT
    assert draft.recorded_by is None
    assert draft.recorded_by_person == world.account.person
    assert draft.answers == {"mw_stemming": 3, "ho_band_met_baby": "no"}
    assert draft.level == ""
    note = Notification.objects.get(recipient=cast.case_director)
    assert world.family.reference in note.text
    assert note.link == reverse("signaling:assessment", args=[world.family.pk, draft.pk])
    assert AuditEvent.objects.filter(action="create", object_type="signaling.Assessment").exists()
    assert AccessEvent.objects.filter(
        family=world.family, ground=SELF_GROUND, action=AccessEvent.Action.UPDATE
    ).exists()


def test_every_question_needs_an_answer_and_the_input_stays(cast):
    world = choices_world(cast)
    response = world.client.post(
        reverse("portal:self_report"), {"a_mw_stemming": "7", "version": "0"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Beantwoord deze vraag." in page
    assert page.count("checked") == 1
    assert not Assessment.objects.exists()


def test_a_second_submission_updates_the_open_draft(cast):
    world = choices_world(cast)
    world.client.post(reverse("portal:self_report"), {**ANSWERS, "version": "0"})
    draft = Assessment.objects.get()
    page = world.client.get(reverse("portal:self_report")).content.decode()
    assert f'name="version" value="{draft.version}"' in page
    world.client.post(
        reverse("portal:self_report"),
        {"a_mw_stemming": "8", "a_ho_band_met_baby": "yes", "version": str(draft.version)},
    )
    assert Assessment.objects.count() == 1
    draft.refresh_from_db()
    assert draft.answers == {"mw_stemming": 8, "ho_band_met_baby": "yes"}
    # An old form (another tab) does not overwrite silently.
    stale = world.client.post(reverse("portal:self_report"), {**ANSWERS, "version": "1"})
    assert stale.status_code == 409
    assert "Kijk je antwoorden na en verstuur ze opnieuw." in stale.content.decode()
    draft.refresh_from_db()
    assert draft.answers["mw_stemming"] == 8


def test_the_professional_sees_and_finishes_the_self_report(cast):
    world = choices_world(cast)
    world.client.post(reverse("portal:self_report"), {**ANSWERS, "version": "0"})
    draft = Assessment.objects.get()
    professional = logged_in_client(cast.case_director)
    listing = professional.get(reverse("signaling:family", args=[world.family.pk]))
    assert "ingevuld door Sanne (Mijn gezin)" in listing.content.decode()
    page = professional.get(reverse("signaling:assessment", args=[world.family.pk, draft.pk]))
    assert page.status_code == 200
    answers = {
        **{k.removeprefix("a_"): v for k, v in ANSWERS.items()},
    }
    instrument = signaling.registry.get_instrument(draft.instrument_key, draft.instrument_version)
    for item in instrument.items:
        if item.required and not item.is_partner_item and item.key not in answers:
            answers[item.key] = item.options[0].key if item.options else item.min
    finished = signaling.assessment_finish(
        actor=cast.case_director,
        assessment_pk=draft.pk,
        answers=answers,
        partner_present=False,
        expected_version=draft.version,
    )
    assert finished.recorded_by == cast.case_director
    assert finished.recorded_by_person == world.account.person
    assert finished.status == AssessmentStatus.FINAL
    # The family can fill in a new questionnaire; it never sees the outcome.
    page = world.client.get(reverse("portal:self_report")).content.decode()
    assert finished.get_level_display() not in page


def test_the_api_and_fhir_export_name_no_professional_for_a_self_report(cast):
    from kansrijk.interop.fhir.export import build_bundle
    from kansrijk.interop.fhir.export_data import family_file_for_export
    from kansrijk.interop.fhir.screening_stored import build_response
    from kansrijk.signaling.serializers import AssessmentSerializer

    world = choices_world(cast)
    world.client.post(reverse("portal:self_report"), {**ANSWERS, "version": "0"})
    draft = Assessment.objects.select_related("recorded_by").get()
    draft_with_routes = Assessment.objects.prefetch_related("route_decisions").get(pk=draft.pk)
    assert AssessmentSerializer(draft_with_routes).data["recorded_by"] is None
    resource = build_response(draft)
    assert resource["author"]["display"].startswith("Gezinslid")
    bundle = build_bundle(
        family_file_for_export(world.family, include_bsn=False), now=timezone.now()
    )
    responses = [
        entry["resource"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    assert responses[0]["author"]["display"].startswith("Gezinslid")


def test_without_self_report_questions_a_plain_message(cast, monkeypatch):
    world = choices_world(cast)
    monkeypatch.setattr(
        "kansrijk.portal.services_self_report.instruments_in_use", lambda coalition: []
    )
    response = world.client.get(reverse("portal:self_report"))
    assert response.status_code == 200
    assert "Er is nu geen vragenlijst voor jou." in response.content.decode()
    assert world.client.post(reverse("portal:self_report"), ANSWERS).status_code == 200
    assert not Assessment.objects.exists()
