"""Submitting a screening through the API, as a midwife's own record system does: the level
is computed, the route can be chosen at once with its next steps, the write is logged, and
every refusal answers 400 in Dutch under the request's own field names."""

from datetime import timedelta

import pytest
from django.test import Client

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import Task
from kansrijk.families.services import family_close
from kansrijk.signaling import services
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment, RouteDecision
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/assessments/"


def _post(client, family, body, **extra):
    return client.post(_path(family), body, content_type="application/json", **extra)


def test_a_care_team_member_submits_a_screening_with_route_2(cast, pregnant_family, answers):
    pregnancy = pregnant_family.pregnancies.get()
    before = AccessEvent.objects.count()
    response = _post(
        logged_in_client(cast.care_team_member),
        pregnant_family,
        {
            "instrument_key": R4U,
            "pregnancy": pregnancy.pk,
            "answers": answers(Level.POTENTIALLY_VULNERABLE),
            "route": 2,
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assessment = Assessment.objects.get(family=pregnant_family)
    assert data["id"] == assessment.pk
    assert (data["instrument_key"], data["instrument_version"]) == (R4U, 1)
    assert data["status"] == "final"
    assert data["level"] == "potentially_vulnerable"
    assert data["result"]["level"] == "potentially_vulnerable"
    assert data["result"]["drivers"]
    assert data["assessed_on"] == "2027-03-03"
    assert data["gestational_age_days"] == 70
    assert data["pregnancy"] == pregnancy.pk
    assert data["answers"] == answers(Level.POTENTIALLY_VULNERABLE)
    assert data["recorded_by"] == {
        "id": cast.care_team_member.pk,
        "name": cast.care_team_member.get_full_name(),
    }
    [decision] = data["route_decisions"]
    assert decision["proposed_route"] == decision["route"] == 2
    assert (decision["priority"], decision["reason"], decision["awaiting_mdo"]) == (
        False,
        "",
        False,
    )
    assert decision["decided_by"]["id"] == cast.care_team_member.pk
    assert set(Task.objects.filter(family=pregnant_family).values_list("title", flat=True)) == {
        "Prenataal huisbezoek door de JGZ",
        "Afspreken wie de casusregie neemt",
    }
    events = AccessEvent.objects.order_by("id")[before:]
    assert [(e.action, e.family_id, e.user_id, e.authorisation) for e in events] == [
        (AccessEvent.Action.UPDATE, pregnant_family.pk, cast.care_team_member.pk, True)
    ]


def test_a_record_system_submits_a_professional_judgement_with_its_token(cast, cast_family):
    _token, key = api_token_create(professional=cast.case_director, name="verloskundig systeem")
    response = _post(
        Client(),
        cast_family,
        {
            "instrument_key": JUDGEMENT,
            "answers": {"niveau": "vulnerable", "reden": "Geen steun, zorgen thuis."},
            "route": 3,
        },
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["level"] == "vulnerable"
    assert data["gestational_age_days"] is None
    [decision] = data["route_decisions"]
    assert (decision["route"], decision["awaiting_mdo"]) == (3, True)


def test_without_a_route_only_the_assessment_is_recorded(cast, cast_family):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "none", "reden": "Alles op orde."}},
    )
    assert response.status_code == 201
    assert response.json()["route_decisions"] == []
    assert not RouteDecision.objects.exists()
    assert not Task.objects.exists()


def test_missing_answers_are_named_per_question_in_dutch(cast, pregnant_family):
    response = _post(
        logged_in_client(cast.care_team_member),
        pregnant_family,
        {"instrument_key": R4U, "answers": {"gs_steun": "veel", "bestaat_niet": "ja"}},
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["answers"]
    assert errors["answers"]["gs_onveilig_thuis"] == ["Kies een antwoord."]
    assert errors["answers"]["bestaat_niet"] == ["Deze vraag hoort niet bij deze vragenlijst."]
    assert "gs_steun" not in errors["answers"]
    # Partner questions are required only when the partner takes part.
    assert "gs_partner_steun" not in errors["answers"]
    assert not Assessment.objects.exists()


def test_an_impossible_answer_is_refused(cast, cast_family):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "heel erg", "reden": "Zorgen."}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"answers": {"niveau": ["Dit antwoord bestaat niet."]}}


def test_another_route_than_proposed_needs_a_route_reason(cast, pregnant_family, answers):
    client = logged_in_client(cast.case_director)
    body = {"instrument_key": R4U, "answers": answers(Level.POTENTIALLY_VULNERABLE), "route": 3}
    response = _post(client, pregnant_family, body)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "route_reason": ["Geef een reden waarom je van de voorgestelde route afwijkt."]
    }
    # The assessment and its route are one transaction: nothing of it stays.
    assert not Assessment.objects.exists()
    assert not Task.objects.exists()

    response = _post(client, pregnant_family, {**body, "route_reason": "Bespreken in het MDO."})
    assert response.status_code == 201
    [decision] = response.json()["route_decisions"]
    assert (decision["proposed_route"], decision["route"]) == (2, 3)
    assert decision["reason"] == "Bespreken in het MDO."


def test_priority_is_only_for_route_3(cast, cast_family):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {
            "instrument_key": JUDGEMENT,
            "answers": {"niveau": "potentially_vulnerable", "reden": "Weinig steun."},
            "route": 2,
            "priority": True,
            "route_reason": "Snel handelen.",
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"priority": ["Alleen route 3 kan met voorrang (urgent)."]}


def test_an_unknown_instrument_is_refused(cast, cast_family):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": "bestaat-niet", "answers": {}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "instrument": ["Dit instrument is niet in gebruik in deze coalitie."]
    }
    assert not Assessment.objects.exists()


def test_an_unknown_version_is_refused(cast, cast_family):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": JUDGEMENT, "instrument_version": 9, "answers": {"niveau": "none"}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "instrument": ["Deze versie van het instrument bestaat niet."]
    }


def test_a_date_in_the_future_is_refused(cast, cast_family, today):
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {
            "instrument_key": JUDGEMENT,
            "assessed_on": str(today + timedelta(days=1)),
            "answers": {"niveau": "none", "reden": "Geen zorgen."},
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "assessed_on": ["De datum van de signalering ligt in de toekomst."]
    }


def test_a_pregnancy_of_another_family_is_refused(cast, cast_family, pregnant_family):
    other = make_family(cast)
    response = _post(
        logged_in_client(cast.case_director),
        other,
        {
            "instrument_key": JUDGEMENT,
            "pregnancy": pregnant_family.pregnancies.get().pk,
            "answers": {"niveau": "none", "reden": "Geen zorgen."},
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "pregnancy": ["Deze zwangerschap hoort niet bij dit gezin."]
    }


def test_missing_fields_and_wrong_types_are_named_in_dutch(cast, cast_family):
    client = logged_in_client(cast.case_director)
    response = _post(client, cast_family, {})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "instrument_key": ["Dit veld is verplicht."],
        "answers": ["Dit veld is verplicht."],
    }
    response = _post(client, cast_family, {"instrument_key": JUDGEMENT, "answers": [], "route": 4})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"answers", "route"}


def test_a_switched_off_instrument_is_refused(cast, cast_family):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "none", "reden": "Geen zorgen."}},
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["instrument"]


def test_a_closed_file_is_refused(cast, cast_family):
    family_close(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=cast_family.version,
        reason="Verhuisd.",
    )
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "none", "reden": "Geen zorgen."}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Dit dossier is gesloten. Heropen het om te signaleren."]
    }
