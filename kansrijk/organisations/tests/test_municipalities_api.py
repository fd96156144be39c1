"""`GET /api/v1/municipalities/` lists the municipalities of the caller's coalitions, a page
at a time, to whoever works in them (professionals, coordinators, analysts); a technical
administrator gets 403, and one query serves a page however many rows it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/"


def _rows(response) -> list[tuple]:
    return [
        (row["name"], row["cbs_code"], row["coalition_id"], row["coalition"])
        for row in response.json()["results"]
    ]


@pytest.mark.parametrize("actor", ["case_director", "outsider", "coordinator", "analyst"])
def test_who_works_in_the_coalition_lists_its_municipalities(cast, actor):
    MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Aandorp")
    response = logged_in_client(getattr(cast, actor)).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert _rows(response) == [
        ("Aandorp", "GM9503", cast.coalition.pk, "Kansrijke Start Eerstedorp"),
        ("Eerstedorp", "GM9501", cast.coalition.pk, "Kansrijke Start Eerstedorp"),
    ]
    assert body["results"][1]["id"] == Municipality.objects.get(cbs_code="GM9501").pk


def test_a_professional_of_two_coalitions_sees_both(cast):
    MembershipFactory(
        professional=cast.case_director,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
    )
    response = logged_in_client(cast.case_director).get(URL)
    assert [row[0] for row in _rows(response)] == ["Eerstedorp", "Tweededorp"]


def test_another_coalition_sees_only_its_own(cast):
    response = logged_in_client(cast.other_coalition_professional).get(URL)
    assert _rows(response) == [
        ("Tweededorp", "GM9502", cast.other_coalition.pk, "Kansrijke Start Tweededorp")
    ]


def test_a_technical_administrator_gets_403_as_a_problem(cast):
    response = logged_in_client(cast.administrator).get(URL)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "Alleen professionals, coördinatoren en analisten van een coalitie zien de gemeenten."
    )


def test_without_a_login_401(client, cast):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_list_is_paginated_by_50_like_the_other_lists(cast):
    Municipality.objects.bulk_create(
        Municipality(coalition=cast.coalition, cbs_code=f"GM{9600 + n}", name=f"Dorp {n:02d}")
        for n in range(50)
    )
    client = logged_in_client(cast.case_director)
    first = client.get(URL).json()
    assert first["count"] == 51
    assert len(first["results"]) == 50
    assert first["next"].endswith("/api/v1/municipalities/?page=2")
    second = client.get(URL, {"page": 2}).json()
    assert [row["name"] for row in second["results"]] == ["Eerstedorp"]
    assert second["next"] is None


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(cast):
    client = logged_in_client(cast.case_director)
    client.get(URL)  # the session and the second factor are checked once per request
    one_row = _queries(client)
    for number in range(20):
        MunicipalityFactory(coalition=cast.coalition, cbs_code=f"GM97{number:02d}")
    # Per request: the session, the caller and their memberships (authentication and the
    # coalition middleware), the caller's coalitions (permission), the count and the page
    # (coalition joined); none of it depends on the number of rows.
    assert _queries(client) == one_row
