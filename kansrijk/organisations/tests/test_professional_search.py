"""The professional picker's suggestions (GET /professionals/zoeken/?q=...): professionals of
the active coalition only, for logged-in professionals only, at most 20, from two letters
on, labelled "name — organisation (discipline)", in one query however many match."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.organisations.selectors_picker import PICKER_LIMIT
from kansrijk.testing.actors import add_colleagues, logged_in_client

pytestmark = pytest.mark.django_db

URL = reverse("organisations:professional_search")


def labels(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [row["label"] for row in response.json()["results"]]


def add_professionals(cast, count: int, *, prefix: str = "veel"):
    add_colleagues(cast.outsider, count, first_name=prefix.title(), last_name="Zoekpersoon")


def test_a_professional_finds_colleagues_by_part_of_the_name(cast):
    response = logged_in_client(cast.case_director).get(URL, {"q": "teaml"})
    assert labels(response) == ["Teamlid Testpersoon — JGZ Eerstedorp (Jeugdverpleegkundige)"]
    [row] = response.json()["results"]
    assert row["id"] == cast.care_team_member.memberships.get().pk


def test_only_the_active_coalition_is_searched(cast):
    here = logged_in_client(cast.case_director)
    there = logged_in_client(cast.other_coalition_professional)
    assert labels(here.get(URL, {"q": "anderecoalitie"})) == []
    assert labels(there.get(URL, {"q": "teamlid"})) == []
    assert labels(there.get(URL, {"q": "anderecoalitie"})) == [
        "Anderecoalitie Testpersoon — Verloskundigen Tweededorp (Verloskundige)"
    ]


def test_coordinators_and_other_roles_without_professional_work_get_403(cast):
    for actor in (cast.coordinator, cast.analyst, cast.administrator):
        assert logged_in_client(actor).get(URL, {"q": "teamlid"}).status_code == 403


def test_without_a_session_the_login_page(cast):
    response = Client().get(URL, {"q": "teamlid"})
    assert response.status_code == 302
    assert "/inloggen/?next=" in response["Location"]


def test_ended_memberships_and_other_roles_are_not_suggested(cast):
    membership = cast.care_team_member.memberships.get()
    membership.start_date = timezone.localdate() - timedelta(days=10)
    membership.end_date = timezone.localdate()
    membership.save()
    client = logged_in_client(cast.case_director)
    assert labels(client.get(URL, {"q": "teamlid"})) == []
    assert labels(client.get(URL, {"q": "coordinator"})) == []


def test_the_asker_can_leave_themselves_out(cast):
    client = logged_in_client(cast.case_director)
    assert len(labels(client.get(URL, {"q": "regisseur"}))) == 1
    assert labels(client.get(URL, {"q": "regisseur", "zelf": "nee"})) == []


def test_less_than_two_letters_asks_nothing_of_the_database(cast):
    client = logged_in_client(cast.case_director)
    client.get("/")
    with CaptureQueriesContext(connection) as one_letter:
        assert labels(client.get(URL, {"q": "t"})) == []
    with CaptureQueriesContext(connection) as two_letters:
        assert labels(client.get(URL, {"q": "te"}))
    assert len(two_letters) == len(one_letter) + 1


def test_at_most_twenty_in_name_order_in_one_query(cast):
    client = logged_in_client(cast.case_director)
    client.get("/")
    add_professionals(cast, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(labels(client.get(URL, {"q": "zoekpersoon"}))) == 3
    add_professionals(cast, PICKER_LIMIT + 10, prefix="meer")
    with CaptureQueriesContext(connection) as many:
        found = labels(client.get(URL, {"q": "zoekpersoon"}))
    assert len(found) == PICKER_LIMIT
    assert found == sorted(found)
    assert len(few) == len(many)


def test_only_get_is_answered(cast):
    assert logged_in_client(cast.case_director).post(URL, {"q": "te"}).status_code == 405
