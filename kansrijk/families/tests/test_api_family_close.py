"""Closing and reopening a family file through the API: a reason is required, the version
the client read is checked (409 with both versions when the family changed meanwhile), a
closed file says so, and to everyone without a ground the family does not exist. Each
change is a new version of the family, on the timeline and in the access log."""

import pytest

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.families.models import Family, FamilyStatus, FamilyVersion, TimelineEvent
from kansrijk.families.services import family_close, family_update
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = "Niet gevonden of geen toegang."
REASON = "Gezin is verhuisd naar Tweededorp"


def _post(client, family, action, data=None):
    return client.post(
        f"/api/v1/families/{family.pk}/{action}/", data or {}, content_type="application/json"
    )


def _latest_event(family) -> AccessEvent:
    return AccessEvent.objects.filter(family=family).latest("id")


def test_close_and_reopen(cast, cast_family):
    client = logged_in_client(cast.care_team_member)

    response = _post(client, cast_family, "close", {"reason": REASON, "version": 1})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["closed_reason"], body["version"]) == ("closed", REASON, 2)
    assert body["closed_at"] is not None
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.status, family.closed_reason, family.version) == (
        FamilyStatus.CLOSED,
        REASON,
        2,
    )
    event = _latest_event(cast_family)
    assert (event.user, event.action, event.detail) == (
        cast.care_team_member,
        AccessEvent.Action.UPDATE,
        "Dossier gesloten",
    )
    closed = TimelineEvent.objects.get(family=cast_family, kind="family_closed")
    assert closed.summary == f"Reden: {REASON}"
    assert FamilyVersion.objects.filter(family=cast_family, version=2).exists()

    response = _post(client, cast_family, "reopen", {"version": 2})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["closed_reason"], body["closed_at"], body["version"]) == (
        "open",
        "",
        None,
        3,
    )
    assert Family.objects.get(pk=cast_family.pk).is_open
    event = _latest_event(cast_family)
    assert (event.action, event.detail) == (AccessEvent.Action.UPDATE, "Dossier heropend")
    assert TimelineEvent.objects.filter(family=cast_family, kind="family_reopened").count() == 1
    # The reason it was closed stays in the history.
    assert FamilyVersion.objects.get(family=cast_family, version=2).snapshot["closed_reason"] == (
        REASON
    )


def test_closing_needs_a_reason_and_a_version_in_dutch(cast, cast_family):
    client = logged_in_client(cast.case_director)
    response = _post(client, cast_family, "close")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("/validatie")
    assert response.json()["errors"] == {
        "reason": ["Vul in waarom het dossier wordt gesloten."],
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."],
    }
    response = _post(client, cast_family, "close", {"reason": "   ", "version": 1})
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Vul in waarom het dossier wordt gesloten."]}
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.is_open, family.version) == (True, 1)
    assert not TimelineEvent.objects.filter(kind="family_closed").exists()


def test_reopening_needs_a_version(cast, cast_family):
    family_close(actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="X")
    response = _post(logged_in_client(cast.case_director), cast_family, "reopen", {})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }
    assert not Family.objects.get(pk=cast_family.pk).is_open


def test_closing_a_closed_file_and_reopening_an_open_one_say_so(cast, cast_family):
    client = logged_in_client(cast.case_director)
    response = _post(client, cast_family, "reopen", {"version": 1})
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["Dit gezinsdossier is al open."]}

    family_close(actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="X")
    for version in (1, 2):
        response = _post(client, cast_family, "close", {"reason": "Nog eens", "version": version})
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "non_field_errors": ["Dit gezinsdossier is al gesloten."]
        }
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.closed_reason, family.version) == ("X", 2)


def test_closing_a_file_that_changed_meanwhile_answers_409_with_both_versions(cast, cast_family):
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"low_income": True},
    )
    client = logged_in_client(cast.case_director)

    response = _post(client, cast_family, "close", {"reason": "Verhuisd", "version": 1})

    assert response.status_code == 409
    body = response.json()
    assert body["type"].endswith("/versieconflict")
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    assert body["current"]["low_income"] is True
    assert body["submitted"] == {"status": "closed"}
    assert Family.objects.get(pk=cast_family.pk).is_open
    # Showing the stored family in the answer is a logged read.
    event = _latest_event(cast_family)
    assert (event.user, event.action) == (cast.case_director, AccessEvent.Action.READ)
    assert event.detail == "Versieconflict: opgeslagen versie getoond via de API"


def test_reopening_a_file_that_changed_meanwhile_answers_409(cast, cast_family):
    family_close(actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="X")
    response = _post(logged_in_client(cast.case_director), cast_family, "reopen", {"version": 1})
    assert response.status_code == 409
    assert (response.json()["submitted_version"], response.json()["current_version"]) == (1, 2)
    assert not Family.objects.get(pk=cast_family.pk).is_open


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_cannot_close_or_reopen(actor, cast, cast_family):
    other = make_family(cast)
    family_close(actor=cast.case_director, family_pk=other.pk, expected_version=1, reason="X")
    client = logged_in_client(getattr(cast, actor))
    for response in (
        _post(client, cast_family, "close", {"reason": "Weg", "version": 1}),
        _post(client, other, "reopen", {"version": 1}),
    ):
        assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND)
    assert Family.objects.get(pk=cast_family.pk).is_open
    assert not Family.objects.get(pk=other.pk).is_open
    if actor in ("outsider", "coordinator", "analyst"):
        refused = AccessEvent.objects.filter(user=getattr(cast, actor), authorisation=False)
        assert refused.count() == 2


def test_a_token_closes_and_without_login_the_answer_is_401(client, cast, cast_family):
    assert _post(client, cast_family, "close", {"reason": "Weg", "version": 1}).status_code == 401
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    response = client.post(
        f"/api/v1/families/{cast_family.pk}/close/",
        {"reason": "Weg", "version": 1},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200
    assert not Family.objects.get(pk=cast_family.pk).is_open


def test_an_mdo_participant_cannot_close_the_file_they_may_read(cast):
    from .test_api_consent import _named_on_a_published_mdo

    family = _named_on_a_published_mdo(cast)
    client = logged_in_client(cast.outsider)
    assert client.get(f"/api/v1/families/{family.pk}/").status_code == 200
    response = _post(client, family, "close", {"reason": "Weg", "version": 1})
    assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND)
    assert Family.objects.get(pk=family.pk).is_open
