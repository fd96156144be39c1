"""The care-team page costs the same, in queries and in HTML, with 3 and with 300
professionals in the coalition: the professional to add is typed (the professional picker),
not chosen from a list of everyone; a post resolves the name in one bounded query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import add_colleagues, logged_in_client

pytestmark = pytest.mark.django_db


def add_professionals(cast, count: int, prefix: str):
    add_colleagues(cast.outsider, count, first_name=prefix, last_name="Veel")


def _page(client, family):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("families:care_team", args=[family.pk]))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_care_team_page_does_not_grow_with_the_coalition(cast, cast_family):
    client = logged_in_client(cast.case_director)
    client.get("/")
    add_professionals(cast, 3, "Weinig")
    few_queries, few_html = _page(client, cast_family)
    add_professionals(cast, 297, "Talrijk")
    many_queries, many_html = _page(client, cast_family)
    assert few_queries == many_queries
    # Only the random CSRF token differs, not its length.
    assert len(few_html) == len(many_html)
    assert "Talrijk" not in many_html
