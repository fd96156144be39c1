"""The rules page costs the same number of queries with few and with many rules, service
rules, exceptions and compensation routes (for an administrator, who sees every edit link),
and the API list the same with one and with many rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.financing.defaults import load_defaults
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_exception, make_rule
from kansrijk.testing.financing_rules import kraamzorg_service

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_rules_page_costs_the_same_with_1_and_30_rules(cast):
    client = logged_in_client(cast.administrator)
    url = f"{reverse('financing:rules')}?jaar=2020"
    municipality = Municipality.objects.get(coalition=cast.coalition)
    make_rule(cast.coalition, "kraamzorg", service=kraamzorg_service(cast.coalition, "Eerste"))
    make_exception(cast.coalition)
    make_compensation(cast.coalition, municipality)
    one = queries_for(client, url)
    # 11: the session, the user, the TOTP device and the memberships; the page's five (the
    # years in one union, the year's figures, its rules with services and providers, its
    # exceptions, the compensation routes with municipality); the unread notifications and
    # the break-the-glass banner of the layout.
    assert one <= 11

    load_defaults(cast.coalition)
    for number in range(10):
        service = kraamzorg_service(cast.coalition, f"Kraamzorg {number}")
        make_rule(cast.coalition, "kraamzorg", service=service)
        make_exception(cast.coalition, insurer=f"Verzekeraar {number}")
        make_compensation(cast.coalition, municipality, name=f"Fonds {number}")
    assert queries_for(client, url) == one


def test_the_api_list_costs_the_same_with_1_and_20_rules(cast):
    client = logged_in_client(cast.case_director)
    url = reverse("api:financing_rule_list")
    make_rule(cast.coalition, "kraamzorg", year=2019)
    one = queries_for(client, url)
    load_defaults(cast.coalition)
    assert queries_for(client, url) == one
