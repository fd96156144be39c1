"""The coordinators' search through the coalition's access log, through the API: the page's
filters and messages, only events about the coalition's families, pages by cursor, and every
search itself logged."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.services import family_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import FAMILY_DATA, make_family

pytestmark = pytest.mark.django_db
URL = "/api/v1/access-log/"


def _read(user, family, times: int = 1) -> None:
    for _ in range(times):
        get_family_for_user(user, family.pk, AccessEvent.Action.READ, detail="Dossier bekeken")


def _search_events(cast):
    return AccessEvent.objects.filter(user=cast.coordinator, action=AccessEvent.Action.SEARCH)


def test_a_coordinator_sees_the_events_of_the_coalitions_families(cast, cast_family):
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )
    _read(cast.case_director, cast_family)
    _read(cast.other_coalition_professional, other)

    response = logged_in_client(cast.coordinator).get(URL)

    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert rows
    assert {row["family"] for row in rows} == {cast_family.pk}
    assert {row["reference"] for row in rows} == {cast_family.reference}
    first = rows[0]
    assert first["user"].endswith("(regisseur)")
    assert (first["action"], first["detail"], first["ground"]) == (
        "R",
        "Dossier bekeken",
        "care_team",
    )
    assert set(response.json()) == {"next", "previous", "results"}


def test_the_filters_of_the_page_narrow_the_search(cast, cast_family):
    _read(cast.case_director, cast_family)
    _read(cast.care_team_member, cast_family)
    with pytest.raises(Http404):
        get_family_for_user(cast.outsider, cast_family.pk, AccessEvent.Action.READ)
    client = logged_in_client(cast.coordinator)

    by_user = client.get(URL, {"user": "TEAMLID"}).json()["results"]
    refused = client.get(URL, {"ground": "geweigerd"}).json()["results"]
    reads = client.get(URL, {"action": "R", "reference": cast_family.reference}).json()["results"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    future = client.get(URL, {"from": tomorrow}).json()["results"]

    assert by_user
    assert all(row["user"].endswith("(teamlid)") for row in by_user)
    assert refused
    assert all(row["authorisation"] is False for row in refused)
    assert {row["user"].split("(")[-1] for row in refused} == {"buitenstaander)"}
    assert reads
    assert all(row["action"] == "R" for row in reads)
    assert future == []


def test_each_search_is_logged_with_its_filters(cast, cast_family):
    response = logged_in_client(cast.coordinator).get(URL, {"user": "regisseur", "action": "R"})

    assert response.status_code == 200
    event = _search_events(cast).get()
    assert (event.family, event.coalition, event.authorisation) == (None, cast.coalition, True)
    assert "gebruiker=regisseur" in event.detail
    assert "handeling=R" in event.detail
    assert event.organisation == "Gemeente Eerstedorp"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"from": "2030-05-02", "to": "2030-05-01"},
            "to",
            "De einddatum van de periode ligt voor de begindatum.",
        ),
        ({"from": "gisteren"}, "from", "Vul een geldige datum in, bijvoorbeeld 31-12-2030."),
        ({"action": "X"}, "action", "Kies een handeling uit de lijst."),
        ({"ground": "onbekend"}, "ground", "Kies een grondslag uit de lijst."),
        ({"reference": "K" * 21}, "reference", "Een dossiernummer is hoogstens 20 tekens."),
    ],
)
def test_bad_filters_are_refused_in_dutch_and_not_logged(cast, query, field, message):
    response = logged_in_client(cast.coordinator).get(URL, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {field: [message]}
    assert not _search_events(cast).exists()


@pytest.mark.parametrize(
    "actor",
    [
        "case_director",
        "care_team_member",
        "outsider",
        "other_coalition_professional",
        "analyst",
        "administrator",
    ],
)
def test_only_coordinators_search_the_log(cast, cast_family, actor):
    response = logged_in_client(getattr(cast, actor)).get(URL)

    assert response.status_code == 403
    assert response.json()["detail"].startswith("Alleen coördinatoren van een coalitie")


def test_another_coalition_is_not_found(cast, cast_family):
    response = logged_in_client(cast.coordinator).get(URL, {"coalition": cast.other_coalition.pk})

    assert response.status_code == 404
    assert not _search_events(cast).exists()


def test_anonymous_gets_401(db):
    assert Client().get(URL).status_code == 401


def test_pages_follow_a_cursor_newest_first(cast, cast_family):
    from kansrijk.families import api_privacy

    _read(cast.case_director, cast_family, times=5)
    client = logged_in_client(cast.coordinator)
    original = api_privacy.AccessLogPagination.page_size
    api_privacy.AccessLogPagination.page_size = 2
    try:
        first = client.get(URL, {"user": "regisseur"}).json()
        second = client.get(first["next"]).json()
    finally:
        api_privacy.AccessLogPagination.page_size = original

    ids = [row["id"] for row in first["results"]] + [row["id"] for row in second["results"]]
    assert len(ids) == 4
    assert ids == sorted(ids, reverse=True)
    assert second["previous"]


def test_an_invalid_cursor_is_not_found_in_dutch(cast):
    response = logged_in_client(cast.coordinator).get(URL, {"cursor": "onzin"})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("Deze cursor is ongeldig")


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_search_costs_the_same_for_one_event_or_many(cast):
    # Per search: the session and the professional, the coordinated coalitions and the
    # coalition, one page of events with their families (no count: a cursor), and the
    # search's own access event with the coordinator's capacity.
    first = make_family(cast)
    client = logged_in_client(cast.coordinator)
    _read(cast.case_director, first)
    client.get(URL)  # the session's first request settles the active coalition
    one = _queries(client)
    for _ in range(3):
        family = make_family(cast)
        _read(cast.case_director, family, times=3)
    assert _queries(client) == one


def test_a_crafted_cursor_is_not_found(cast):
    import base64

    crafted = base64.b64encode(b"p=geen-tijd").decode()

    response = logged_in_client(cast.coordinator).get(URL, {"cursor": crafted})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"from": "0001-01-01"}, {"to": "9999-12-31"}, {"from": "0001-01-01", "to": "9999-12-31"}],
)
def test_the_ends_of_the_calendar_are_searched_without_error(cast, cast_family, query):
    _read(cast.case_director, cast_family)

    response = logged_in_client(cast.coordinator).get(URL, query)

    assert response.status_code == 200
    assert response.json()["results"]
