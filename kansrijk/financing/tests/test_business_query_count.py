"""The list of scenarios, a scenario's page, the comparison, the export and the API's detail
cost the same number of queries with few and with many scenarios, interventions, effects
and savings (for a coordinator, who sees every edit control).

The list and a scenario read the cases and, in one query each, their interventions, the
effects and the effects' savings; the result is computed in Python from those rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing_business import make_sized_case

pytestmark = pytest.mark.django_db


def queries_for(client, url: str, data=None) -> int:
    client.get(url, data)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_1_and_8_scenarios(cast):
    client = logged_in_client(cast.coordinator)
    make_sized_case(cast.coalition, cast.coordinator, interventions=1, effects=1, name="A")
    one = queries_for(client, reverse("financing:business_list"))

    for number in range(7):
        make_sized_case(
            cast.coalition, cast.coordinator, interventions=3, effects=3, name=f"B{number}"
        )

    assert queries_for(client, reverse("financing:business_list")) == one


def test_a_scenario_costs_the_same_with_few_and_many_rows(cast):
    client = logged_in_client(cast.coordinator)
    few = make_sized_case(cast.coalition, cast.coordinator, interventions=1, effects=1)
    many = make_sized_case(cast.coalition, cast.coordinator, interventions=6, effects=5)

    for name in ("financing:business_detail", "financing:business_print"):
        assert queries_for(client, reverse(name, args=[many.pk])) == queries_for(
            client, reverse(name, args=[few.pk])
        ), name


def test_the_export_and_the_comparison_cost_the_same_with_few_and_many_rows(cast):
    client = logged_in_client(cast.analyst)
    few = make_sized_case(cast.coalition, cast.coordinator, interventions=1, effects=1)
    other = make_sized_case(cast.coalition, cast.coordinator, interventions=1, effects=1, name="C")
    many = make_sized_case(cast.coalition, cast.coordinator, interventions=6, effects=5)

    export = reverse("financing:business_export", args=[few.pk])
    assert queries_for(client, reverse("financing:business_export", args=[many.pk])) == (
        queries_for(client, export)
    )
    compare = reverse("financing:business_compare")
    assert queries_for(client, compare, {"ids": [few.pk, many.pk]}) == queries_for(
        client, compare, {"ids": [few.pk, other.pk]}
    )


def test_the_api_detail_and_result_cost_the_same_with_few_and_many_rows(cast):
    client = logged_in_client(cast.coordinator)
    few = make_sized_case(cast.coalition, cast.coordinator, interventions=1, effects=1)
    many = make_sized_case(cast.coalition, cast.coordinator, interventions=6, effects=5)

    for name in ("api:business_case_detail", "api:business_case_result"):
        assert queries_for(client, reverse(name, args=[many.pk])) == queries_for(
            client, reverse(name, args=[few.pk])
        ), name
