"""GET /api/v1/mdo/series/, /series/{id}/ and /series/{id}/meetings/: the series the caller
coordinates or takes part in; everyone else gets nothing."""

import pytest

from kansrijk.mdo.models import ParticipantRole
from kansrijk.testing.actors import logged_in_client

from .api_support import API, make_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(cast):
    return make_agenda(cast)


def _get(actor, url):
    return logged_in_client(actor).get(url)


def test_the_coordinator_and_the_standing_member_see_the_series(cast, agenda):
    [mine] = _get(cast.coordinator, f"{API}/series/").json()
    assert (mine["id"], mine["manages"], mine["my_role"]) == (agenda.series.pk, True, None)
    assert mine["coalition"] == {"id": cast.coalition.pk, "name": cast.coalition.name}
    [theirs] = _get(cast.outsider, f"{API}/series/").json()
    assert (theirs["manages"], theirs["my_role"]) == (False, ParticipantRole.MEMBER)


@pytest.mark.parametrize("actor", ["case_director", "other_coalition_professional"])
def test_others_get_an_empty_list_and_no_series(cast, agenda, actor):
    assert _get(getattr(cast, actor), f"{API}/series/").json() == []
    response = _get(getattr(cast, actor), f"{API}/series/{agenda.series.pk}/")
    assert response.status_code == 403
    assert "coördinatoren en de vaste deelnemers" in response.json()["detail"]
    meetings = _get(getattr(cast, actor), f"{API}/series/{agenda.series.pk}/meetings/")
    assert meetings.status_code == 403


@pytest.mark.parametrize("actor", ["analyst", "administrator"])
def test_analysts_and_administrators_get_nothing(cast, agenda, actor):
    for url in (
        f"{API}/series/",
        f"{API}/series/{agenda.series.pk}/",
        f"{API}/series/{agenda.series.pk}/meetings/",
    ):
        response = _get(getattr(cast, actor), url)
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Alleen professionals en coördinatoren nemen deel aan een MDO."
        )


def test_the_series_shows_its_standing_participants(cast, agenda):
    body = _get(cast.outsider, f"{API}/series/{agenda.series.pk}/").json()
    [member] = body["participants"]
    assert member["professional"] == cast.outsider.pk
    assert member["role"] == "member"
    assert member["organisation"] == "Verloskundigen Eerstedorp"


def test_a_series_that_does_not_exist_is_not_found(cast):
    response = _get(cast.coordinator, f"{API}/series/999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit MDO bestaat niet (meer)."


def test_the_meetings_are_paginated_with_their_agenda_size(cast, agenda):
    body = _get(cast.outsider, f"{API}/series/{agenda.series.pk}/meetings/").json()
    assert body["count"] == 1
    [meeting] = body["results"]
    assert (meeting["id"], meeting["status"], meeting["item_count"]) == (
        agenda.meeting.pk,
        "published",
        2,
    )
    assert meeting["version"] == agenda.meeting.version
    assert meeting["access_until"]
