"""The landscape API: coordinators and analysts read their region's partnerships with the
municipalities they cover, the coverage per municipality and the central points, and the
comparison within one VSV; a VSV of another region is "not found"; the schema describes
both endpoints."""

import pytest
from django.urls import reverse

from kansrijk.socialmap.models import MunicipalityAccess
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, RegionFactory
from kansrijk.testing.landscape import make_central_point, make_partnership, region_municipalities
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.django_db


def test_the_landscape_lists_partnerships_coverage_and_central_points(cast):
    first, second = region_municipalities(cast)
    region = cast.coalition.region
    vsv = make_partnership(region, name="VSV Regio", municipalities=[first, second])
    jgz = make_partnership(region, kind="jgz", name="JGZ Regio", municipalities=[first])
    make_central_point(first, name="Meldpunt Eerstedorp")
    make_partnership(RegionFactory(name="Elders"), name="VSV Elders")
    response = logged_in_client(cast.analyst).get(reverse("api:landscape"))
    assert response.status_code == 200
    body = response.json()
    assert body["region"]["name"] == region.name
    assert [p["name"] for p in body["partnerships"]] == ["VSV Regio", "JGZ Regio"]
    assert [m["cbs_code"] for m in body["partnerships"][0]["municipalities"]] == [
        first.cbs_code,
        second.cbs_code,
    ]
    coverage = {row["municipality"]["name"]: row["partnerships"] for row in body["municipalities"]}
    assert coverage[first.name] == {
        "vsv": [vsv.pk],
        "ksv": [],
        "ros": [],
        "jgz": [jgz.pk],
        "other": [],
    }
    assert coverage[second.name]["jgz"] == []
    assert body["central_points"] == [
        {
            "municipality": {
                "id": first.pk,
                "cbs_code": first.cbs_code,
                "name": first.name,
                "coalition": cast.coalition.name,
            },
            "name": "Meldpunt Eerstedorp",
            "phone": "0301 000 000",
            "email": "",
            "website": "",
            "for_all_services": True,
        }
    ]


def test_the_comparison_as_json(cast):
    first, second = region_municipalities(cast)
    vsv = make_partnership(cast.coalition.region, municipalities=[first, second])
    service = make_service(make_provider(cast.coalition), name="Schuldhulp")
    MunicipalityAccess.objects.create(service=service, municipality=first, waiting_weeks=3)
    response = logged_in_client(cast.coordinator).get(reverse("api:vsv_compare", args=[vsv.pk]))
    assert response.status_code == 200
    body = response.json()
    assert [m["name"] for m in body["municipalities"]] == [first.name, second.name]
    row = body["groups"][0]["rows"][0]
    assert body["groups"][0]["phase"] == "pregnancy"
    assert row["name"] == "Schuldhulp"
    assert row["cells"][0]["waiting_weeks"] == 3
    assert row["cells"][0]["available"] is True
    assert row["cells"][1]["on_map"] is False
    assert "available" in row["differs"]


def test_a_vsv_of_another_region_is_not_found(cast):
    vsv = make_partnership(RegionFactory(name="Elders"))
    response = logged_in_client(cast.coordinator).get(reverse("api:vsv_compare", args=[vsv.pk]))
    assert response.status_code == 404


def test_someone_in_two_coalitions_names_the_coalition(cast):
    MembershipFactory(
        professional=cast.coordinator,
        coalition=cast.other_coalition,
        organisation=cast.coordinator.memberships.get().organisation,
        is_professional=False,
        is_coordinator=True,
    )
    client = logged_in_client(cast.coordinator)
    response = client.get(reverse("api:landscape"))
    assert response.status_code == 400
    response = client.get(reverse("api:landscape"), {"coalition": cast.other_coalition.pk})
    assert response.status_code == 200
    assert client.get(reverse("api:landscape"), {"coalition": 999999}).status_code == 404


def test_professionals_get_403(cast):
    response = logged_in_client(cast.case_director).get(reverse("api:landscape"))
    assert response.status_code == 403


def test_the_schema_describes_both_endpoints(cast):
    response = logged_in_client(cast.coordinator).get(reverse("api:schema"), {"format": "json"})
    paths = response.json()["paths"]
    landscape = paths["/api/v1/regio/landschap/"]["get"]
    compare = paths["/api/v1/regio/landschap/vsv/{id}/vergelijking/"]["get"]
    assert landscape["summary"] == "Regionaal landschap"
    assert compare["summary"] == "Gemeenten van een VSV vergeleken"
    for operation in (landscape, compare):
        assert {"200", "403", "404"} <= set(operation["responses"])
        assert operation["responses"]["200"]["content"]["application/json"]["examples"]
