"""The read-only HSDS API: lists and details of the caller's coalition's map, HSDS-shaped
as the export; another coalition's records do not exist (404); no session, 401."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.socialmap.api_hsds import MapPagination
from kansrijk.socialmap.hsds.exporter import export_document
from kansrijk.socialmap.hsds.mapping import attribute_record
from kansrijk.socialmap.models import Attribute, Location, Service
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_hsds import make_full_map

pytestmark = pytest.mark.django_db


def get(client, name, **kwargs):
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None))


def test_the_service_list_is_the_coalitions_map_in_hsds_records(cast):
    make_full_map(cast.coalition)
    make_full_map(cast.other_coalition, services=1, prefix="Ander ")
    client = logged_in_client(cast.outsider)

    response = get(client, "socialmap_service_list")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    names = [service["name"] for service in body["results"]]
    assert names == ["Schuldhulp 0", "Schuldhulp 1"]
    service = body["results"][0]
    assert service["organization"]["name"] == "Stichting Welzijn Eerstedorp"
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} >= {"finances", "housing"}
    # A list item is the service with its organization and attributes; its locations,
    # phones and the rest are on the service's own record.
    assert "service_at_locations" not in service
    detail = get(client, "socialmap_service_detail", pk=service["id"]).json()
    assert detail["service_at_locations"][0]["location"]["addresses"]
    assert {key: detail[key] for key in service} == service


def test_a_list_items_attributes_are_the_attribute_records_with_their_terms(cast):
    make_full_map(cast.coalition)
    client = logged_in_client(cast.outsider)

    results = get(client, "socialmap_service_list").json()["results"]

    for service in results:
        attributes = (
            Attribute.objects.filter(link_entity="service", link_id=service["id"])
            .select_related("taxonomy_term")
            .order_by("taxonomy_term__taxonomy_name", "taxonomy_term__code", "id")
        )
        assert service["attributes"] == [attribute_record(item) for item in attributes]
        assert len(service["attributes"]) >= 2


def test_a_service_detail_is_the_exported_record(cast):
    make_full_map(cast.coalition, services=1)
    service = Service.objects.get()
    exported = export_document(coalition=cast.coalition)["services"][0]
    client = logged_in_client(cast.coordinator)

    response = get(client, "socialmap_service_detail", pk=service.pk)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(service.pk)
    assert body["cost_options"][0]["amount"] == 12.5
    exported["cost_options"][0]["amount"] = float(exported["cost_options"][0]["amount"])
    exported["service_at_locations"][0]["location"]["latitude"] = float(
        exported["service_at_locations"][0]["location"]["latitude"]
    )
    exported["service_at_locations"][0]["location"]["longitude"] = float(
        exported["service_at_locations"][0]["location"]["longitude"]
    )
    assert body == exported


def test_organizations_and_locations(cast):
    organization = make_full_map(cast.coalition, services=1)
    location = Location.objects.get(organization=organization)
    client = logged_in_client(cast.analyst)

    organizations = get(client, "socialmap_organization_list").json()
    assert [item["name"] for item in organizations["results"]] == [
        "Buurtteam Noord",
        "Stichting Welzijn Eerstedorp",
    ]
    detail = get(client, "socialmap_organization_detail", pk=organization.pk).json()
    assert detail["programs"][0]["name"] == "Samen Sterk"
    assert detail["contacts"][0]["phones"][0]["number"] == "0612345678"

    locations = get(client, "socialmap_location_list").json()
    assert [item["id"] for item in locations["results"]] == [str(location.pk)]
    detail = get(client, "socialmap_location_detail", pk=location.pk).json()
    assert detail["external_identifier_type"] == "cbs_code"
    assert detail["phones"][0]["languages"][0]["code"] == "tr"


def test_another_coalitions_records_do_not_exist(cast):
    organization = make_full_map(cast.other_coalition, services=1)
    service = Service.objects.get()
    location = Location.objects.get(organization=organization)
    client = logged_in_client(cast.outsider)

    assert get(client, "socialmap_service_detail", pk=service.pk).status_code == 404
    assert get(client, "socialmap_organization_detail", pk=organization.pk).status_code == 404
    assert get(client, "socialmap_location_detail", pk=location.pk).status_code == 404
    assert get(client, "socialmap_service_list").json()["count"] == 0
    assert get(client, "socialmap_location_list").json()["count"] == 0


def test_without_a_session_the_api_answers_401(cast):
    service = make_service(make_provider(cast.coalition))
    assert get(Client(), "socialmap_service_list").status_code == 401
    assert get(Client(), "socialmap_service_detail", pk=service.pk).status_code == 401
    assert get(Client(), "socialmap_organization_list").status_code == 401


def test_an_administrator_gets_no_map(cast):
    make_service(make_provider(cast.coalition))
    response = get(logged_in_client(cast.administrator), "socialmap_service_list")
    assert response.status_code == 403


def test_the_service_list_filters_by_text_need_and_municipality(cast):
    provider = make_provider(cast.coalition)
    municipality = cast.coalition.municipalities.get()
    make_service(provider, name="Schuldhulp", terms={"needs": ["finances"]})
    make_service(
        provider,
        name="Kraamhulp",
        description="Extra hulp in de kraamweek.",
        terms={"needs": ["parenting"]},
        access={municipality: "direct"},
    )
    client = logged_in_client(cast.case_director)

    def names(**params):
        response = client.get(reverse("api:socialmap_service_list"), params)
        assert response.status_code == 200
        return [service["name"] for service in response.json()["results"]]

    assert names(q="kraamweek") == ["Kraamhulp"]
    assert names(need="finances") == ["Schuldhulp"]
    assert names(municipality=municipality.cbs_code) == ["Kraamhulp"]
    assert client.get(reverse("api:socialmap_service_list"), {"need": "x"}).status_code == 400


def test_the_list_is_paginated(cast, monkeypatch):
    provider = make_provider(cast.coalition)
    for number in range(3):
        make_service(provider, name=f"Aanbod {number}")
    monkeypatch.setattr(MapPagination, "page_size", 2)
    client = logged_in_client(cast.outsider)
    first = client.get(reverse("api:socialmap_service_list")).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    assert [service["name"] for service in second["results"]] == ["Aanbod 2"]


def test_opening_hours_are_described_as_the_local_times_they_are(cast):
    """Found by the contract test: the schema said `format: time` (RFC 3339, with a UTC
    offset), the records hold local times without one ("09:00:00")."""
    import re

    organization = make_full_map(cast.coalition, services=1)
    location = Location.objects.get(organization=organization)
    client = logged_in_client(cast.coordinator)
    record = get(client, "socialmap_location_detail", pk=location.pk).json()
    [schedule] = record["schedules"]
    assert schedule["opens_at"] == "09:00:00"

    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    opens_at = schema["components"]["schemas"]["HsdsSchedule"]["properties"]["opens_at"]
    assert opens_at.get("format") != "time"
    assert re.fullmatch(opens_at["pattern"], schedule["opens_at"])
