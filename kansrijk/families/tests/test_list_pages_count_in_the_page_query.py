"""The families list and the API list count their families in the page's own query
(`WindowCountPaginator`), and page exactly as Django's paginator does."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.services import api_token_create
from kansrijk.families.models import Family
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(cast):
    for _ in range(7):
        make_family(cast)
    return Family.objects.order_by("pk")


def _pages(paginator_class, queryset, number):
    page = paginator_class(queryset, 3).get_page(number)
    return page.number, [family.pk for family in page], page.paginator.count


@pytest.mark.parametrize("number", [1, 2, 3, "2", None, "x", 0, -1, 4, 99])
def test_it_gives_the_same_pages_as_djangos_paginator(seven, number):
    assert _pages(WindowCountPaginator, seven, number) == _pages(Paginator, seven, number)


def test_a_page_and_its_count_cost_one_query(seven):
    with CaptureQueriesContext(connection) as queries:
        page = WindowCountPaginator(seven, 3).page(2)
        assert (page.paginator.count, page.paginator.num_pages, len(page)) == (7, 3, 3)
    assert len(queries) == 1


def test_a_page_past_the_end_is_an_error_as_in_django(seven):
    with pytest.raises(EmptyPage):
        WindowCountPaginator(seven, 3).page(4)
    with pytest.raises(PageNotAnInteger):
        WindowCountPaginator(seven, 3).page("x")


def test_an_empty_list_has_one_empty_page(cast):
    page = WindowCountPaginator(Family.objects.none(), 3).get_page(1)
    assert (page.number, list(page), page.paginator.count) == (1, [], 0)


def test_the_api_list_reports_the_count_and_the_pages(client, cast, seven):
    for _ in range(51 - len(seven)):
        make_family(cast)
    _token, key = api_token_create(professional=cast.care_team_member, name="koppeling")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    first = client.get("/api/v1/families/", **auth).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (51, 50, None)
    second = client.get(first["next"], **auth).json()
    assert (second["count"], len(second["results"]), second["next"]) == (51, 1, None)
    assert client.get("/api/v1/families/", {"page": 3}, **auth).status_code == 404


def test_the_families_list_shows_the_total(cast, seven):
    page = logged_in_client(cast.case_director).get(reverse("families:list")).content.decode()
    assert "7 gezinnen" in page
