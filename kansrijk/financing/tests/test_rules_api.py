"""The financing-rules API: the rules of the caller's coalitions, filtered and paginated,
and a year's figures; read by professionals, coordinators and administrators."""

import pytest
from django.urls import reverse

from kansrijk.financing.defaults import load_defaults
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory
from kansrijk.testing.financing import make_rule, make_year

pytestmark = pytest.mark.django_db
RULES = reverse("api:financing_rule_list")


def year_url(year: int) -> str:
    return reverse("api:financing_year_detail", args=[year])


def test_the_list_has_the_coalitions_rules_with_labels_and_source(cast):
    load_defaults(cast.coalition)
    make_rule(
        cast.other_coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="9.99"
    )
    body = logged_in_client(cast.case_director).get(RULES).json()
    assert body["count"] == 18
    assert {"count", "next", "previous", "results"} <= set(body)
    kraamzorg = next(rule for rule in body["results"] if rule["care_kind"] == "kraamzorg")
    assert kraamzorg["contribution_amount"] == "4.20"
    assert kraamzorg["contribution_kind"] == "per_hour"
    assert kraamzorg["care_kind_label"] == "Kraamzorg"
    assert kraamzorg["law"] == "zvw"
    assert kraamzorg["service"] is None
    assert "knelpunt 1.3" in kraamzorg["source"]
    assert all(rule["coalition"] == cast.coalition.pk for rule in body["results"])


def test_filters_by_year_and_kind_of_care(cast):
    load_defaults(cast.coalition)
    make_rule(
        cast.coalition,
        "kraamzorg",
        year=2026,
        contribution_kind="per_hour",
        contribution_amount="5.00",
    )
    client = logged_in_client(cast.administrator)
    body = client.get(RULES, {"care_kind": "kraamzorg"}).json()
    assert [rule["year"] for rule in body["results"]] == [2026, 2020]
    body = client.get(RULES, {"year": 2026}).json()
    assert body["count"] == 1
    assert client.get(RULES, {"care_kind": "tandarts"}).status_code == 400
    assert client.get(RULES, {"year": "vorig"}).status_code == 400


def test_analysts_get_403_and_anonymous_401(cast, client):
    assert logged_in_client(cast.analyst).get(RULES).status_code == 403
    assert client.get(RULES).status_code == 401
    assert logged_in_client(cast.analyst).get(year_url(2020)).status_code == 403


def test_the_year_has_the_figures_that_apply_with_their_source(cast):
    load_defaults(cast.coalition)
    client = logged_in_client(cast.coordinator)
    body = client.get(year_url(2020)).json()
    assert body["year"] == 2020
    assert body["kraamzorg_standard_hours_low"] == 45
    assert body["kraamzorg_max_hours"] == 80
    assert body["eigen_risico"] is None
    assert "LIP" in body["kraamzorg_source"]
    later = client.get(year_url(2023)).json()
    assert (later["year"], later["requested_year"]) == (2020, 2023)
    assert client.get(year_url(2019)).status_code == 404


def test_another_coalitions_year_is_not_found(cast):
    make_year(cast.coalition, 2020)
    assert (
        logged_in_client(cast.other_coalition_professional).get(year_url(2020)).status_code == 404
    )


def test_with_two_coalitions_the_caller_names_one(cast):
    make_year(cast.coalition, 2020)
    make_year(cast.other_coalition, 2020, kraamzorg_max_hours=72)
    professional = cast.case_director
    MembershipFactory(
        professional=professional,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
    )
    client = logged_in_client(professional)
    assert client.get(year_url(2020)).status_code == 400
    body = client.get(year_url(2020), {"coalition": cast.other_coalition.pk}).json()
    assert body["kraamzorg_max_hours"] == 72
    assert client.get(year_url(2020), {"coalition": 999999}).status_code == 404
    assert client.get(RULES).status_code == 200


def test_the_schema_describes_the_financing_endpoints(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    rules = schema["paths"]["/api/v1/financing/rules/"]["get"]
    year = schema["paths"]["/api/v1/financing/years/{year}/"]["get"]
    assert rules["tags"] == ["financiering"]
    assert rules["summary"]
    assert {"year", "care_kind"} <= {parameter["name"] for parameter in rules["parameters"]}
    assert {"200", "403", "404"} <= set(year["responses"])


def test_a_year_out_of_range_is_a_documented_400(cast):
    """Found by the contract test: `?year=160` answered 400, which the schema did not list."""
    client = logged_in_client(cast.administrator)
    response = client.get(RULES, {"year": 160})
    assert response.status_code == 400
    assert "2000 tot en met 2100" in response.content.decode()
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "400" in schema["paths"]["/api/v1/financing/rules/"]["get"]["responses"]


@pytest.mark.parametrize("year", ["²", "٢٠٢٦"])
def test_a_year_in_other_digits_is_a_400_not_a_server_error(cast, year):
    """Found by the contract test's review: `str.isdigit()` accepts "²", which `int()`
    refuses; the check now wants ASCII digits."""
    response = logged_in_client(cast.administrator).get(RULES, {"year": year})
    assert response.status_code == 400
    assert "2000 tot en met 2100" in response.content.decode()


def test_a_coalition_in_other_digits_is_not_found(cast):
    make_year(cast.coalition, year=2020)
    response = logged_in_client(cast.administrator).get(year_url(2020), {"coalition": "²"})
    assert response.status_code == 404
