"""Casusregie through the API: who holds it (or visibly nobody) and its history, naming the
first case director, and the rule that a change of director goes through a casusregie
handover. The same policy as the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.care import services_handovers as services
from kansrijk.care.models import CaseDirector
from kansrijk.testing.actors import logged_in_client

from .test_handover_support import jgz_nurse, make_director, propose

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/case-director/"


def _post(client, family, data):
    return client.post(_path(family), data, content_type="application/json")


def test_without_a_director_it_says_so_visibly(cast, cast_family):
    response = logged_in_client(cast.care_team_member).get(_path(cast_family))
    assert response.status_code == 200
    assert response.json() == {"current": None, "history": [], "running_transfer": None}
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action) == (cast.care_team_member, AccessEvent.Action.READ)
    assert event.detail == "Casusregie ingezien via de API"


def test_a_care_team_member_names_the_first_director(cast, cast_family):
    response = _post(
        logged_in_client(cast.care_team_member),
        cast_family,
        {"professional": cast.case_director.pk},
    )
    assert response.status_code == 201, response.content
    current = response.json()["current"]
    assert current["professional"]["id"] == cast.case_director.pk
    assert current["organisation"]["name"] == "Verloskundigen Eerstedorp"
    assert current["ended_at"] is None
    assert current["on_care_team"] is True
    assert current["phone"] == "06 12345678"
    [period] = response.json()["history"]
    assert period["id"] == current["id"]
    assert period["set_by"]["id"] == cast.care_team_member.pk
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.action, event.detail) == (AccessEvent.Action.UPDATE, "Casusregisseur vastgelegd")


def test_the_director_comes_from_the_care_team(cast, cast_family):
    client = logged_in_client(cast.case_director)
    assert _post(client, cast_family, {}).json()["errors"] == {
        "professional": ["Kies wie de casusregie neemt."]
    }
    response = _post(client, cast_family, {"professional": jgz_nurse(cast).pk})
    assert response.status_code == 400
    assert response.json()["errors"] == {"professional": ["Kies iemand uit het zorgteam."]}
    assert not CaseDirector.objects.exists()


def test_a_change_of_director_is_a_handover_not_an_overwrite(cast, cast_family):
    make_director(cast, cast_family)
    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"professional": cast.care_team_member.pk},
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["non_field_errors"]
    assert "al casusregisseur" in message
    assert "overdracht" in message
    assert CaseDirector.objects.current().get().professional == cast.case_director


def test_the_history_and_a_running_transfer(cast, cast_family):
    make_director(cast, cast_family)
    transfer = propose(
        cast,
        cast_family,
        to_professional=cast.care_team_member,
        to_organisation=None,
        moment_code="casusregie",
    )
    client = logged_in_client(cast.care_team_member)
    body = client.get(_path(cast_family)).json()
    assert body["running_transfer"]["id"] == transfer.pk
    assert body["running_transfer"]["version"] == 1
    services.handover_accept(actor=cast.care_team_member, handover_pk=transfer.pk)
    body = client.get(_path(cast_family)).json()
    assert body["current"]["professional"]["id"] == cast.care_team_member.pk
    assert body["current"]["via_handover"] == transfer.pk
    assert body["running_transfer"] is None
    new, old = body["history"]
    assert new["professional"]["id"] == cast.care_team_member.pk
    assert old["professional"]["id"] == cast.case_director.pk
    assert old["ended_at"] == new["started_at"]


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing(actor, cast, cast_family):
    make_director(cast, cast_family)
    client = logged_in_client(getattr(cast, actor))
    assert client.get(_path(cast_family)).json()["detail"] == NOT_FOUND["detail"]
    response = _post(client, cast_family, {"professional": cast.care_team_member.pk})
    assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND["detail"])
    assert CaseDirector.objects.count() == 1


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_history_costs_the_same_for_1_and_for_5_periods(cast, cast_family):
    make_director(cast, cast_family)
    client = logged_in_client(cast.case_director)
    path = _path(cast_family)
    client.get(path)  # the first request stamps the session's activity
    one = _queries(client, path)
    holders = [cast.care_team_member, cast.case_director]
    for n in range(4):
        receiver = holders[n % 2]
        sender = holders[(n + 1) % 2]
        transfer = propose(
            cast,
            cast_family,
            actor=sender,
            to_professional=receiver,
            to_organisation=None,
            kind="casusregie",
        )
        services.handover_accept(actor=receiver, handover_pk=transfer.pk)
    assert len(client.get(path).json()["history"]) == 5
    assert _queries(client, path) == one
    # Session and user (2), the OTP device (1); the policy (2) and the read event (2); the
    # director with organisation and phone (1), the periods with everyone joined (1), a
    # running transfer (1).
    assert one <= 10
