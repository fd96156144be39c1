"""A family's timeline and the history of its data through the API: what the pages show,
newest first, paginated, one kind at a time if asked; every read is logged, and to everyone
without a ground the family does not exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.families.services import family_update
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
OUTSIDERS = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]
NOT_FOUND = "Niet gevonden of geen toegang."


def _get(client, family, what, query=""):
    return client.get(f"/api/v1/families/{family.pk}/{what}/{query}")


def _latest_event(family) -> AccessEvent:
    return AccessEvent.objects.filter(family=family).latest("id")


def _change_postcode(cast, family, postcode, version):
    return family_update(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=version,
        data={"postcode": postcode},
    )


def test_the_timeline_shows_every_event_newest_first(cast, cast_family):
    _change_postcode(cast, cast_family, "1234 AC", 1)

    response = _get(logged_in_client(cast.care_team_member), cast_family, "timeline")

    assert response.status_code == 200, response.content
    body = response.json()
    kinds = [row["kind"] for row in body["results"]]
    assert kinds == ["family_changed", "care_team_added", "family_created"]
    assert body["count"] == 3
    changed = body["results"][0]
    assert changed["kind_label"] == "Gezinsgegevens gewijzigd"
    assert changed["changes"]["postcode"] == ["1234 AB", "1234 AC"]
    assert changed["actor"] == "Regisseur Testpersoon"
    assert set(changed) == {"id", "at", "kind", "kind_label", "summary", "changes", "actor"}
    event = _latest_event(cast_family)
    assert (event.user, event.action, event.detail) == (
        cast.care_team_member,
        AccessEvent.Action.READ,
        "Tijdlijn ingezien via de API",
    )


def test_the_timeline_narrows_to_one_kind(cast, cast_family):
    _change_postcode(cast, cast_family, "1234 AC", 1)
    response = _get(
        logged_in_client(cast.case_director), cast_family, "timeline", "?kind=family_changed"
    )
    assert [row["kind"] for row in response.json()["results"]] == ["family_changed"]


def test_an_unknown_kind_is_refused_in_dutch_and_nothing_is_logged(cast, cast_family):
    before = AccessEvent.objects.count()
    response = _get(logged_in_client(cast.case_director), cast_family, "timeline", "?kind=iets")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {"kind": ["Deze soort gebeurtenis bestaat niet."]}
    assert AccessEvent.objects.count() == before


def test_the_timeline_is_paginated_by_fifty(cast, cast_family):
    for version in range(1, 52):
        _change_postcode(cast, cast_family, f"{1000 + version} AB", version)
    client = logged_in_client(cast.case_director)
    first = _get(client, cast_family, "timeline").json()
    assert (first["count"], len(first["results"])) == (53, 50)
    second = _get(client, cast_family, "timeline", "?page=2").json()
    assert [row["kind"] for row in second["results"]] == [
        "family_changed",
        "care_team_added",
        "family_created",
    ]


def test_the_history_shows_who_changed_what(cast, cast_family):
    _change_postcode(cast, cast_family, "1234 AC", 1)

    response = _get(logged_in_client(cast.care_team_member), cast_family, "history")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    newest, first = body["results"]
    assert (newest["version"], newest["changed_by"]) == (2, "Regisseur Testpersoon")
    assert newest["changes"] == [
        {"field": "postcode", "label": "Postcode", "old": "1234 AB", "new": "1234 AC"}
    ]
    assert (first["version"], first["changes"]) == (1, [])
    # The snapshot of each version stays out, as on the page.
    assert set(newest) == {"version", "changed_at", "changed_by", "changes"}
    event = _latest_event(cast_family)
    assert (event.user, event.action, event.detail) == (
        cast.care_team_member,
        AccessEvent.Action.READ,
        "Wijzigingsgeschiedenis bekeken via de API",
    )


@pytest.mark.parametrize("what", ["timeline", "history"])
@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing_and_the_refusal_is_logged(cast, cast_family, actor, what):
    response = _get(logged_in_client(getattr(cast, actor)), cast_family, what)
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND
    event = _latest_event(cast_family)
    assert (event.user, event.authorisation) == (getattr(cast, actor), False)


@pytest.mark.parametrize("what", ["timeline", "history"])
def test_a_family_that_does_not_exist_is_not_found_alike(cast, what):
    response = logged_in_client(cast.case_director).get(f"/api/v1/families/999999/{what}/")
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND


@pytest.mark.parametrize("what", ["timeline", "history"])
def test_writing_is_not_allowed(cast, cast_family, what):
    client = logged_in_client(cast.case_director)
    response = client.post(f"/api/v1/families/{cast_family.pk}/{what}/", {})
    assert response.status_code == 405


def _count_queries(client, family, what) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, family, what)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("what", ["timeline", "history"])
def test_the_query_count_does_not_grow_with_the_rows(cast, what):
    # The family through the policy (with the access event), a count and one select of the
    # page with the actor joined: the same for one row and for many.
    few = make_family(cast)
    many = make_family(cast)
    for version in range(1, 6):
        _change_postcode(cast, many, f"{1000 + version} AB", version)
    client = logged_in_client(cast.case_director)
    _count_queries(client, few, what)  # warm the session and the grounds
    assert _count_queries(client, few, what) == _count_queries(client, many, what)
