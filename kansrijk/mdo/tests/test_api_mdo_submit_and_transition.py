"""POST /api/v1/mdo/meetings/{id}/items/ (a care-team member submits a family) and
POST /api/v1/mdo/meetings/{id}/transition/ (a manager moves the meeting on: 409 on a stale
version, 400 on a step the transition table refuses)."""

import pytest

from kansrijk.access.models import AccessEvent
from kansrijk.mdo.models import AgendaItem, MdoMeeting
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion

from .api_support import API, make_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(cast):
    return make_agenda(cast)


QUESTION = "Wie neemt de regie, en is VoorZorg passend?"


def _post(actor, url, data):
    return logged_in_client(actor).post(url, data, content_type="application/json")


# --- Submitting a family --------------------------------------------------------------------


def test_a_care_team_member_puts_a_family_on_a_draft_agenda(cast):
    draft = make_agenda(cast, publish=False)
    family = make_family(cast)
    consent_to_named_discussion(cast, family)
    response = _post(
        cast.care_team_member,
        f"{API}/meetings/{draft.meeting.pk}/items/",
        {"family": family.pk, "question": QUESTION},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["source"], body["question"]) == (
        "on_agenda",
        "submitted",
        QUESTION,
    )
    # On the care team, and named: the submitter sees whom the item is about.
    assert (body["identified"], body["family"]) == (True, family.pk)
    assert AccessEvent.objects.filter(
        family=family, user=cast.care_team_member, action=AccessEvent.Action.UPDATE
    ).exists()


def test_after_publication_a_submitted_family_waits_as_a_candidate(cast, agenda):
    family = make_family(cast)
    response = _post(
        cast.case_director,
        f"{API}/meetings/{agenda.meeting.pk}/items/",
        {"family": family.pk, "question": QUESTION},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "candidate"
    assert (body["named"], body["family"], body["family_reference"]) == (False, None, None)


def test_a_question_is_required_in_dutch(cast, agenda):
    response = _post(
        cast.case_director,
        f"{API}/meetings/{agenda.meeting.pk}/items/",
        {"family": make_family(cast).pk, "question": "  "},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["question"] == ["Schrijf op wat je aan het MDO wilt vragen."]


@pytest.mark.parametrize("actor", ["outsider", "coordinator", "other_coalition_professional"])
def test_who_may_not_see_the_family_gets_not_found_and_is_logged(cast, agenda, actor):
    family = make_family(cast)
    response = _post(
        getattr(cast, actor),
        f"{API}/meetings/{agenda.meeting.pk}/items/",
        {"family": family.pk, "question": QUESTION},
    )
    assert response.status_code == 404
    assert AccessEvent.objects.filter(user=getattr(cast, actor), authorisation=False).exists()
    assert not AgendaItem.objects.filter(family=family).exists()


def test_a_meeting_that_does_not_exist_is_not_found(cast):
    response = _post(
        cast.case_director,
        f"{API}/meetings/999/items/",
        {"family": make_family(cast).pk, "question": QUESTION},
    )
    assert response.status_code == 404


def test_analysts_may_not_submit(cast, agenda):
    response = _post(
        cast.analyst,
        f"{API}/meetings/{agenda.meeting.pk}/items/",
        {"family": agenda.named_family.pk, "question": QUESTION},
    )
    assert response.status_code == 403


# --- The meeting's status -------------------------------------------------------------------


def _transition(actor, meeting, status, version):
    return _post(
        actor, f"{API}/meetings/{meeting.pk}/transition/", {"status": status, "version": version}
    )


def test_a_manager_publishes_the_agenda(cast):
    draft = make_agenda(cast, publish=False)
    response = _transition(cast.coordinator, draft.meeting, "published", draft.meeting.version)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["version"]) == ("published", draft.meeting.version + 1)
    assert body["published_at"]
    assert body["access_until"]


def test_a_stale_version_answers_409_and_changes_nothing(cast, agenda):
    stale = agenda.meeting.version - 1
    response = _transition(cast.coordinator, agenda.meeting, "held", stale)
    assert response.status_code == 409
    body = response.json()
    assert (body["submitted_version"], body["current_version"], body["current_status"]) == (
        stale,
        agenda.meeting.version,
        "published",
    )
    assert "intussen gewijzigd" in body["detail"]
    assert MdoMeeting.objects.get(pk=agenda.meeting.pk).status == "published"


def test_a_step_the_table_refuses_answers_400_in_dutch(cast, agenda):
    response = _transition(cast.coordinator, agenda.meeting, "final", agenda.meeting.version)
    assert response.status_code == 400
    [message] = response.json()["errors"]["non_field_errors"]
    assert message == (
        "Een overleg met status “Agenda gepubliceerd” kan niet naar “Verslag definitief”."
    )


def test_an_unknown_status_answers_400(cast, agenda):
    response = _transition(cast.coordinator, agenda.meeting, "over", agenda.meeting.version)
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


@pytest.mark.parametrize("actor", ["outsider", "case_director", "analyst"])
def test_only_managers_change_the_status(cast, agenda, actor):
    response = _transition(getattr(cast, actor), agenda.meeting, "held", agenda.meeting.version)
    assert response.status_code == 403
    assert MdoMeeting.objects.get(pk=agenda.meeting.pk).status == "published"
