"""One screening through the API: reading it, keeping a draft's answers with a version
check (409 when it was saved elsewhere), finishing it, and throwing a draft away, as the
questionnaire page does; with the pages' Dutch messages, the access log, and nothing for
anyone without a ground."""

import pytest

from kansrijk.access.models import AccessEvent
from kansrijk.families.services import family_close
from kansrijk.signaling import services
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = "Niet gevonden of geen toegang."
GONE = "Deze signalering bestaat niet (meer)."


def _path(family, assessment) -> str:
    return f"/api/v1/families/{family.pk}/assessments/{assessment.pk}/"


def _patch(client, family, assessment, data):
    return client.patch(_path(family, assessment), data, content_type="application/json")


def _draft(cast, family, actor=None):
    return services.assessment_start(
        actor=actor or cast.case_director, family_pk=family.pk, instrument_key=R4U
    )


def _latest_event(family) -> AccessEvent:
    return AccessEvent.objects.filter(family=family).latest("id")


def _some(answers: dict, count: int = 3) -> dict:
    return dict(list(answers.items())[:count])


def test_reading_a_draft_shows_its_answers_and_version_and_is_logged(cast, pregnant_family):
    draft = _draft(cast, pregnant_family)
    response = logged_in_client(cast.care_team_member).get(_path(pregnant_family, draft))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["status"], body["version"], body["answers"]) == (
        draft.pk,
        "draft",
        1,
        {},
    )
    assert body["level"] is None
    event = _latest_event(pregnant_family)
    assert (event.user, event.action, event.detail) == (
        cast.care_team_member,
        AccessEvent.Action.READ,
        "Signalering ingezien via de API",
    )


def test_saving_a_draft_keeps_the_answers_and_raises_the_version(cast, pregnant_family, answers):
    draft = _draft(cast, pregnant_family)
    partial = _some(answers(Level.VULNERABLE))
    response = _patch(
        logged_in_client(cast.case_director),
        pregnant_family,
        draft,
        {"answers": partial, "version": 1},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["version"], body["answers"]) == ("draft", 2, partial)
    stored = Assessment.objects.get(pk=draft.pk)
    assert (stored.answers, stored.version, stored.is_draft) == (partial, 2, True)
    event = _latest_event(pregnant_family)
    assert (event.user, event.action, event.detail) == (
        cast.case_director,
        AccessEvent.Action.UPDATE,
        "Concept opgeslagen",
    )


def test_a_stale_version_answers_409_and_keeps_the_stored_answers(cast, pregnant_family, answers):
    draft = _draft(cast, pregnant_family)
    first = _some(answers(Level.VULNERABLE), 2)
    services.assessment_save_draft(
        actor=cast.care_team_member,
        assessment_pk=draft.pk,
        answers=first,
        partner_present=False,
        expected_version=1,
    )
    response = _patch(
        logged_in_client(cast.case_director),
        pregnant_family,
        draft,
        {"answers": _some(answers(Level.NONE), 4), "version": 1},
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    assert body["detail"].startswith("Deze signalering is intussen ergens anders opgeslagen")
    assert Assessment.objects.get(pk=draft.pk).answers == first


def test_finishing_computes_the_level(cast, pregnant_family, answers):
    draft = _draft(cast, pregnant_family)
    response = _patch(
        logged_in_client(cast.case_director),
        pregnant_family,
        draft,
        {"answers": answers(Level.VULNERABLE), "version": 1, "finish": True},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["level"]) == ("final", "vulnerable")
    assert body["result"]["level"] == "vulnerable"
    assert _latest_event(pregnant_family).detail == "Signalering afgerond"


def test_finishing_needs_every_required_answer_in_dutch(cast, pregnant_family, answers):
    draft = _draft(cast, pregnant_family)
    response = _patch(
        logged_in_client(cast.case_director),
        pregnant_family,
        draft,
        {"answers": _some(answers(Level.VULNERABLE)), "version": 1, "finish": True},
    )
    assert response.status_code == 400
    errors = response.json()["errors"]["answers"]
    assert errors["ho_ouderschap"] == ["Kies een antwoord."]
    stored = Assessment.objects.get(pk=draft.pk)
    assert (stored.is_draft, stored.answers, stored.version) == (True, {}, 1)


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(cast, pregnant_family):
    draft = _draft(cast, pregnant_family)
    client = logged_in_client(cast.case_director)
    response = _patch(client, pregnant_family, draft, {"answers": {}})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }
    response = _patch(
        client, pregnant_family, draft, {"answers": {"gs_steun": "misschien"}, "version": 1}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"answers": {"gs_steun": ["Dit antwoord bestaat niet."]}}
    stored = Assessment.objects.get(pk=draft.pk)
    assert (stored.answers, stored.version) == ({}, 1)


def test_a_finished_screening_does_not_change(cast, pregnant_family):
    final = services.assessment_record(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=JUDGEMENT,
        answers={"niveau": "none", "reden": "Geen zorgen."},
    )
    client = logged_in_client(cast.case_director)
    response = _patch(client, pregnant_family, final, {"answers": {}, "version": final.version})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Deze signalering is al afgerond en kan niet meer veranderen."]
    }
    response = client.delete(_path(pregnant_family, final))
    assert response.status_code == 400
    assert response.json()["detail"] == "Een afgeronde signalering blijft altijd bewaard."
    assert Assessment.objects.filter(pk=final.pk).exists()


def test_a_closed_file_takes_no_answers(cast, pregnant_family, answers):
    draft = _draft(cast, pregnant_family)
    family_close(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        expected_version=pregnant_family.version,
        reason="Verhuisd",
    )
    response = _patch(
        logged_in_client(cast.case_director),
        pregnant_family,
        draft,
        {"answers": _some(answers(Level.NONE)), "version": 1},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Dit dossier is gesloten. Heropen het om te signaleren."


def test_discarding_a_draft(cast, pregnant_family):
    draft = _draft(cast, pregnant_family)
    response = logged_in_client(cast.case_director).delete(_path(pregnant_family, draft))
    assert response.status_code == 204
    assert not Assessment.objects.filter(pk=draft.pk).exists()
    event = _latest_event(pregnant_family)
    assert (event.user, event.action, event.detail) == (
        cast.case_director,
        AccessEvent.Action.UPDATE,
        "Concept verwijderd",
    )


def test_only_who_started_a_draft_discards_it(cast, pregnant_family):
    draft = _draft(cast, pregnant_family)
    response = logged_in_client(cast.care_team_member).delete(_path(pregnant_family, draft))
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen wie het concept begon, kan het verwijderen."
    assert Assessment.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing(cast, pregnant_family, actor):
    draft = _draft(cast, pregnant_family)
    client = logged_in_client(getattr(cast, actor))
    for response in (
        client.get(_path(pregnant_family, draft)),
        _patch(client, pregnant_family, draft, {"answers": {}, "version": 1}),
        client.delete(_path(pregnant_family, draft)),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == NOT_FOUND
    event = _latest_event(pregnant_family)
    assert (event.user, event.authorisation) == (getattr(cast, actor), False)
    stored = Assessment.objects.get(pk=draft.pk)
    assert (stored.version, stored.answers) == (1, {})


def test_a_screening_of_another_family_is_not_found(cast, pregnant_family):
    other = make_family(cast)
    draft = _draft(cast, other)
    client = logged_in_client(cast.case_director)
    for response in (
        client.get(_path(pregnant_family, draft)),
        _patch(client, pregnant_family, draft, {"answers": {}, "version": 1}),
        client.delete(_path(pregnant_family, draft)),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == GONE
    assert Assessment.objects.filter(pk=draft.pk).exists()
