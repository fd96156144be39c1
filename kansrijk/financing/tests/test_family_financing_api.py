"""The family financing API: the page's content as JSON, through the access policy (logged
read; 404 for everyone without a ground), with the year to ask for, and in the schema."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Family
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_rule
from kansrijk.testing.financing_family import make_calculation, make_usual_rules

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


@pytest.fixture(autouse=True)
def june_2026():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def family(cast, cast_family) -> Family:
    Family.objects.filter(pk=cast_family.pk).update(
        low_income=True, interpreter_needed=True, health_insurer="Zorgverzekeraar Noord"
    )
    make_usual_rules(cast.coalition, 2026)
    make_compensation(cast.coalition, cast_family.municipality, care_kinds=["kraamzorg"])
    make_calculation(cast_family, cast.case_director, chosen_hours=49)
    return Family.objects.get(pk=cast_family.pk)


def url(family) -> str:
    return reverse("api:family_financing", args=[family.pk])


def test_a_care_team_member_reads_who_pays(cast, family):
    response = logged_in_client(cast.care_team_member).get(url(family))

    assert response.status_code == 200
    body = response.json()
    assert body["family"] == family.pk
    assert (body["year"], body["figures_year"]) == (2026, 2026)
    assert body["year_label"] == "Bedragen van 2026."
    assert body["low_income"] is True
    items = {item["what"]: item for item in body["items"]}
    assert list(items) == ["Verloskundigen Eerstedorp", "JGZ Eerstedorp", "Kraamzorg"]
    kraamzorg = items["Kraamzorg"]
    assert kraamzorg["source_kind"] == "kraamzorg"
    assert kraamzorg["hours"] == 49
    assert (kraamzorg["law"], kraamzorg["payer"]) == ("zvw", "insurer")
    assert kraamzorg["contribution_kind"] == "per_hour"
    assert kraamzorg["contribution_amount"] == "4.20"
    assert kraamzorg["contribution_text"] == "€ 4,20 per uur"
    assert kraamzorg["own_amount"] == "205.80"
    assert kraamzorg["family_amount"] == "205.80"
    assert kraamzorg["indication_required"] is True
    assert [route["name"] for route in kraamzorg["compensation_routes"]] == [
        "Bijzondere bijstand Eerstedorp"
    ]
    assert "voor 49 uur is dat € 205,80" in kraamzorg["explanation"]
    assert items["JGZ Eerstedorp"]["payer"] == "municipality"
    assert items["JGZ Eerstedorp"]["compensation_routes"] == []
    assert body["totals"]["own_total"] == "205.80"
    assert body["totals"]["text"] == "€ 205,80 aan eigen bijdragen"
    interpreter = {line["provider"]: line for line in body["interpreter"]}
    assert interpreter["Verloskundigen Eerstedorp"]["payer_label"] == "Zorgverzekeraar"
    assert interpreter["JGZ Eerstedorp"]["payer_label"] == "Gemeente"
    event = AccessEvent.objects.filter(family=family).latest("id")
    assert event.action == AccessEvent.Action.READ
    assert event.detail == "Financiering ingezien via de API"


def test_the_year_can_be_asked(cast, family):
    make_rule(cast.coalition, "jgz", 2024, law="wpg", payer="municipality")

    body = logged_in_client(cast.case_director).get(url(family), {"year": 2025}).json()

    assert (body["year"], body["figures_year"]) == (2025, 2024)
    assert body["year_label"] == "Bedragen van 2024: voor 2025 zijn nog geen cijfers ingevoerd."
    assert body["totals"]["own_total"] == "0.00"


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"]
)
def test_outsiders_get_nothing(cast, family, actor):
    response = logged_in_client(getattr(cast, actor)).get(url(family))

    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND["detail"]


def test_anonymous_callers_are_refused(client, family):
    assert client.get(url(family)).status_code == 401


def test_the_schema_describes_the_endpoint(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/families/{id}/financing/"]["get"]
    assert operation["tags"] == ["financiering"]
    assert operation["summary"] == "Wie betaalt wat voor dit gezin"
    assert {"200", "404"} <= set(operation["responses"])
    assert "FamilyFinancing" in schema["components"]["schemas"]
    assert "FinancingItem" in schema["components"]["schemas"]
