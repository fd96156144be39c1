"""The business-case API: CRUD for coordinators with nested rows, read-only for analysts,
nothing for professionals and administrators, 404 across coalitions, 409 on a stale
version, the result per estimate, and its place in the OpenAPI schema."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.financing.models import BusinessCase
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory
from kansrijk.testing.financing_business import make_small_case

pytestmark = pytest.mark.django_db

LIST = reverse("api:business_case_list")
BODY = {
    "name": "Preconceptiezorg in de wijk",
    "start_year": 2026,
    "horizon_years": 4,
    "interventions": [
        {
            "name": "Spreekuur",
            "reach_per_year": 10,
            "cost_per_family": "100.00",
            "payer": "gemeente_wpg",
            "source": "Begroting",
            "effects": [
                {
                    "outcome": "Vroeggeboorte",
                    "effect_low": "0.1",
                    "effect_base": "0.2",
                    "effect_high": "0.3",
                    "lag_years": 1,
                    "source": "Werkgroep",
                    "savings": [
                        {"payer": "insurer", "amount_per_outcome": "1000", "source": "Werkgroep"}
                    ],
                }
            ],
        }
    ],
}


def detail(case) -> str:
    return reverse("api:business_case_detail", args=[case.pk])


def test_a_coordinator_creates_a_case_with_its_rows(cast):
    client = logged_in_client(cast.coordinator)

    response = client.post(LIST, BODY, content_type="application/json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["coalition"] == cast.coalition.pk
    assert body["version"] == 1
    intervention = body["interventions"][0]
    assert intervention["payer_display"] == "Gemeente: publieke gezondheid (Wpg)"
    saving = intervention["effects"][0]["savings"][0]
    assert saving == {
        "id": saving["id"],
        "payer": "insurer",
        "payer_display": "Zorgverzekeraar",
        "amount_per_outcome": "1000.00",
        "source": "Werkgroep",
    }
    assert AuditEvent.objects.filter(object_type="financing.BusinessCase", action="create").exists()


def test_the_list_shows_the_cases_of_the_callers_coalitions(cast):
    mine = make_small_case(cast.coalition, cast.coordinator)
    make_small_case(cast.other_coalition, cast.coordinator, name="Elders")

    for actor in (cast.coordinator, cast.analyst):
        response = logged_in_client(actor).get(LIST)
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_professionals_and_administrators_get_403(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    for actor in (cast.case_director, cast.administrator, cast.other_coalition_professional):
        client = logged_in_client(actor)
        assert client.get(LIST).status_code == 403
        assert client.get(detail(case)).status_code == 403
        assert client.post(LIST, BODY, content_type="application/json").status_code == 403


def test_anonymous_gets_401(client, cast):
    assert client.get(LIST).status_code == 401


def test_an_analyst_reads_but_cannot_write(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.analyst)

    assert client.get(detail(case)).status_code == 200
    assert client.post(LIST, BODY, content_type="application/json").status_code == 403
    response = client.patch(
        detail(case), {"name": "X", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.delete(detail(case)).status_code == 403
    assert BusinessCase.objects.get(pk=case.pk).name == "Preconceptie"


def test_another_coalitions_case_is_not_found(cast):
    case = make_small_case(cast.other_coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)

    assert client.get(detail(case)).status_code == 404
    assert client.get(reverse("api:business_case_result", args=[case.pk])).status_code == 404
    assert client.delete(detail(case)).status_code == 404


def test_put_replaces_the_fields_and_every_row(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)
    body = {**BODY, "name": "Nieuw", "version": 1}
    body["interventions"] = [{**BODY["interventions"][0], "name": "Vervangen", "effects": []}]

    response = client.put(detail(case), body, content_type="application/json")

    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    assert [row["name"] for row in response.json()["interventions"]] == ["Vervangen"]
    assert not case.effects.exists()


def test_patch_changes_only_what_is_sent(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    response = logged_in_client(cast.coordinator).patch(
        detail(case), {"horizon_years": 6, "version": 1}, content_type="application/json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["horizon_years"] == 6
    assert body["name"] == "Preconceptie"
    assert len(body["interventions"]) == 1


def test_a_stale_version_answers_409(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)
    assert (
        client.patch(
            detail(case), {"name": "Eerste", "version": 1}, content_type="application/json"
        ).status_code
        == 200
    )

    response = client.patch(
        detail(case), {"name": "Tweede", "version": 1}, content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response.json()["submitted_version"] == 1
    assert client.delete(f"{detail(case)}?version=1").status_code == 409
    assert BusinessCase.objects.get(pk=case.pk).name == "Eerste"


def test_a_write_without_version_is_refused(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    response = logged_in_client(cast.coordinator).patch(
        detail(case), {"name": "X"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_invalid_rows_get_dutch_messages_by_path(cast):
    body = {**BODY}
    body["interventions"] = [{**BODY["interventions"][0], "source": ""}]
    body["interventions"][0]["effects"] = [
        {**BODY["interventions"][0]["effects"][0], "effect_low": "0.5", "lag_years": 4}
    ]

    response = logged_in_client(cast.coordinator).post(LIST, body, content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "Vermeld de bron" in errors["interventions.0.source"][0]
    assert "niet hoger" in errors["interventions.0.effects.0.effect_low"][0]
    assert "kies 0 tot en met 3" in errors["interventions.0.effects.0.lag_years"][0]
    assert not BusinessCase.objects.exists()


def test_a_coordinator_of_two_coalitions_names_the_coalition(cast):
    MembershipFactory(
        professional=cast.coordinator,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
        is_professional=False,
        is_coordinator=True,
    )
    client = logged_in_client(cast.coordinator)

    refused = client.post(LIST, BODY, content_type="application/json")
    created = client.post(
        LIST, {**BODY, "coalition": cast.other_coalition.pk}, content_type="application/json"
    )

    assert refused.status_code == 400
    assert "coalition" in refused.json()["errors"]
    assert created.status_code == 201
    assert created.json()["coalition"] == cast.other_coalition.pk


def test_delete(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    response = logged_in_client(cast.coordinator).delete(f"{detail(case)}?version=1")

    assert response.status_code == 204
    assert not BusinessCase.objects.exists()


def test_the_result_per_estimate(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.analyst)
    url = reverse("api:business_case_result", args=[case.pk])

    base = client.get(url).json()
    low = client.get(url, {"estimate": "low"}).json()

    assert base["estimate"] == "base"
    assert base["years"] == [2026, 2027, 2028, 2029]
    assert base["total_net"] == "2000.00"
    assert base["break_even_year"] == 2027
    assert base["wrong_pocket"] is True
    insurer = next(row for row in base["payers"] if row["payer"] == "insurer")
    assert [row["savings"] for row in insurer["years"]] == ["0.00", "2000.00", "2000.00", "2000.00"]
    assert [row["cumulative_net"] for row in base["totals"]] == [
        "-1000.00",
        "0.00",
        "1000.00",
        "2000.00",
    ]
    assert low["break_even_year"] is None
    assert client.get(url, {"estimate": "veel"}).status_code == 400


def test_the_schema_describes_the_business_cases(cast):
    schema = logged_in_client(cast.coordinator).get("/api/v1/schema/", {"format": "json"}).json()

    paths = schema["paths"]
    assert set(paths["/api/v1/financing/business-cases/"]) >= {"get", "post"}
    assert set(paths["/api/v1/financing/business-cases/{id}/"]) >= {"get", "put", "patch", "delete"}
    assert "get" in paths["/api/v1/financing/business-cases/{id}/result/"]


def test_odd_digits_in_the_query_are_not_a_server_error(cast):
    """`?coalition=²` and `?version=²` (digits for `str.isdigit()`, not for `int()`) are
    treated as any other text: no filter, no version."""
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)
    listed = client.get(LIST, {"coalition": "²"})
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [case.pk]
    # As without a version: deleted (it was a server error).
    assert client.delete(f"{detail(case)}?version=²").status_code == 204
    assert not BusinessCase.objects.filter(pk=case.pk).exists()
