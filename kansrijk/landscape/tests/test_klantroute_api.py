"""GET /api/v1/klantroute/: the same grid as the page, as JSON, for coordinators and analysts;
403 for professionals and administrators, 401 without a session or token; described in the
OpenAPI schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kansrijk.landscape.models import Agreement
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape_klantroute import VULNERABLE, klantroute_world, referrals_to

pytestmark = pytest.mark.django_db
URL = "/api/v1/klantroute/"


def _cell(body, phase, need):
    return next(c for c in body["cells"] if c["phase"] == phase and c["need"] == need)


def test_the_url(cast):
    assert reverse("api:klantroute") == URL


def test_the_grid_as_json(cast):
    world = klantroute_world(cast)
    referrals_to(world.kraamzorg, cast, 11, completed=1)
    Agreement.objects.create(
        coalition=cast.coalition,
        target_group=VULNERABLE,
        phase="gap",
        need="language",
        municipality=world.noorddorp,
        what="Spreekuur ook in Noorddorp",
        who="Taalhuis",
        due_date="2020-01-01",
    )
    response = logged_in_client(cast.analyst).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["coalition"] == {"id": cast.coalition.pk, "name": cast.coalition.name}
    assert body["target_group"]["code"] == VULNERABLE
    assert [p["code"] for p in body["phases"]][3] == "gap"
    assert len(body["cells"]) == len(body["phases"]) * len(body["needs"])
    assert [m["name"] for m in body["municipalities"]] == ["Eerstedorp", "Noorddorp"]

    language = _cell(body, "gap", "language")
    (service,) = language["services"]
    assert service["name"] == "Taalspreekuur"
    assert service["id"] == str(world.taal.pk)
    assert [(o["municipality"]["name"], o["available"]) for o in service["offers"]] == [
        ("Eerstedorp", True),
        ("Noorddorp", False),
    ]
    assert {(g["kind"], g["municipality"]["name"]) for g in language["gaps"]} == {
        ("not_available", "Noorddorp"),
        ("no_evidence", "Eerstedorp"),
    }
    (agreement,) = language["agreements"]
    assert agreement["what"] == "Spreekuur ook in Noorddorp"
    assert agreement["overdue"] is True
    assert agreement["municipality"]["name"] == "Noorddorp"

    parenting = _cell(body, "gap", "parenting")
    assert parenting["usage"] == {"referred": "11", "completed": "<10", "suppressed": True}
    assert parenting["gaps"] == []
    assert _cell(body, "gap", "safety")["gaps"] == [
        {"kind": "no_service", "label": "Geen aanbod", "municipality": None}
    ]


def test_target_group_and_municipality_filters(cast):
    world = klantroute_world(cast)
    client = logged_in_client(cast.coordinator)
    body = client.get(URL, {"target_group": "schulden", "municipality": "GM9521"}).json()
    assert body["municipality"] == {"id": world.noorddorp.pk, "name": "Noorddorp"}
    assert [s["name"] for s in _cell(body, "gap", "finances")["services"]] == [
        "Schuldhulp voor schulden"
    ]
    bad = client.get(URL, {"target_group": "iedereen"})
    assert bad.status_code == 400
    assert "Onbekende doelgroep" in bad.content.decode()
    other = client.get(URL, {"municipality": "GM9502"})  # the other coalition's
    assert other.status_code == 400


@pytest.mark.parametrize(
    ("actor", "status"),
    [("case_director", 403), ("outsider", 403), ("administrator", 403), ("coordinator", 200)],
)
def test_who_may_read_it(cast, actor, status):
    klantroute_world(cast)
    assert logged_in_client(getattr(cast, actor)).get(URL).status_code == status


def test_anonymous_gets_401(cast):
    assert APIClient().get(URL).status_code == 401


def test_the_schema_describes_it(cast):
    client = logged_in_client(cast.coordinator)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/klantroute/"]["get"]
    assert operation["summary"] == "Klantroute"
    assert "leemten" in operation["description"]
    assert {p["name"] for p in operation["parameters"]} >= {"target_group", "municipality"}
    assert {"200", "401", "403"} <= set(operation["responses"])
    content = operation["responses"]["200"]["content"]["application/json"]
    assert content["schema"]["$ref"].endswith("/Klantroute")
    assert "examples" in content
    cell = schema["components"]["schemas"]["KlantrouteCell"]
    assert {"services", "gaps", "usage", "agreements"} <= set(cell["properties"])
