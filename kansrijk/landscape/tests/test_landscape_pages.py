"""The regional landscape: the region's partnerships and coalitions with their
municipalities in a table municipality x kind (holes and overlaps in words); partnerships
created, changed (version check) and deleted by a coordinator of the region; a
municipality's central reporting point recorded, changed and removed; every write audited."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import CentralPoint, Partnership
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import (
    CoalitionFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from kansrijk.testing.landscape import (
    central_point_form_data,
    make_central_point,
    make_partnership,
    partnership_form_data,
    region_municipalities,
)

pytestmark = pytest.mark.django_db


def test_an_empty_region_says_so(cast):
    response = logged_in_client(cast.analyst).get(reverse("landscape:landscape"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er zijn nog geen samenwerkingsverbanden vastgelegd voor deze regio." in html
    assert "Nieuw samenwerkingsverband" not in html  # analysts read only
    # Every municipality of the region is a hole for every kind but "other".
    assert html.count('data-testid="coverage-hole"') == 2 * 4


def test_the_table_shows_holes_and_overlaps(cast):
    first, second = region_municipalities(cast)
    region = cast.coalition.region
    make_partnership(region, name="VSV Noord", municipalities=[first, second])
    make_partnership(region, name="VSV Zuid", municipalities=[first])
    make_partnership(region, kind="jgz", name="JGZ Regio", municipalities=[first, second])
    make_central_point(first, name="Meldpunt Eerstedorp")
    other_region = RegionFactory(name="Andere regio")
    elsewhere = CoalitionFactory(region=other_region, name="Elders")
    make_partnership(
        other_region,
        name="VSV Elders",
        municipalities=[MunicipalityFactory(coalition=elsewhere, cbs_code="GM9599")],
    )
    response = logged_in_client(cast.coordinator).get(reverse("landscape:landscape"))
    html = response.content.decode()
    rows = {row.municipality.name: row for row in response.context["data"].rows}
    assert [p.name for p in rows[first.name].cells[0].partnerships] == ["VSV Noord", "VSV Zuid"]
    assert rows[first.name].cells[0].overlap
    assert not rows[second.name].cells[0].overlap
    assert rows[second.name].cells[1].hole  # no KSV
    assert html.count('data-testid="coverage-overlap"') == 1
    assert "VSV Elders" not in html
    assert "Meldpunt Eerstedorp" in html
    assert "Gemeenten vergelijken" in html
    assert "Nieuw samenwerkingsverband" in html
    assert reverse("landscape:agreement_list") in html


def test_a_coordinator_creates_a_partnership_with_region_municipalities(cast):
    municipalities = region_municipalities(cast)
    jgz = cast.care_team_member.memberships.get().organisation
    client = logged_in_client(cast.coordinator)
    data = partnership_form_data(municipalities, name="VSV Rivier", organisations=[str(jgz.pk)])
    response = client.post(reverse("landscape:partnership_create"), data)
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.region == cast.coalition.region
    assert set(partnership.municipalities.all()) == set(municipalities)
    assert list(partnership.organisations.all()) == [jgz]
    event = AuditEvent.objects.get(object_type="landscape.Partnership", action="create")
    assert event.coalition == cast.coalition
    assert "Eerstedorp" in event.changes["municipalities"][1]


def test_municipalities_and_organisations_outside_the_region_are_refused(cast):
    elsewhere = CoalitionFactory(region=RegionFactory(name="Elders"), name="Elders")
    outside = MunicipalityFactory(coalition=elsewhere, cbs_code="GM9598")
    stranger = OrganisationFactory(name="Elders BV", coalitions=[elsewhere])
    client = logged_in_client(cast.coordinator)
    data = partnership_form_data([outside], organisations=[str(stranger.pk)])
    response = client.post(reverse("landscape:partnership_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["municipalities"] == ["Kies gemeenten van de coalities in deze regio."]
    assert errors["organisations"] == ["Kies organisaties van de coalities in deze regio."]
    assert not Partnership.objects.exists()


def test_a_name_and_kind_are_required_and_unique_in_the_region(cast):
    make_partnership(cast.coalition.region, name="VSV Rivier")
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse("landscape:partnership_create"), partnership_form_data(name=""))
    assert response.context["form"].errors["name"] == ["Geef het samenwerkingsverband een naam."]
    response = client.post(
        reverse("landscape:partnership_create"), partnership_form_data(name="VSV Rivier")
    )
    assert response.status_code == 400
    assert "heeft al een samenwerkingsverband" in response.context["form"].errors["name"][0]


def test_a_stale_partnership_edit_gets_the_conflict_page(cast):
    municipalities = region_municipalities(cast)
    partnership = make_partnership(
        cast.coalition.region, name="VSV Oud", municipalities=municipalities
    )
    Partnership.objects.filter(pk=partnership.pk).update(name="VSV Intussen", version=2)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:partnership_edit", args=[partnership.pk])
    response = client.post(url, partnership_form_data(municipalities, name="VSV Mijn", version="1"))
    assert response.status_code == 409
    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["Naam"]["stored"] == "VSV Intussen"
    assert rows["Naam"]["submitted"] == "VSV Mijn"
    partnership.refresh_from_db()
    assert partnership.name == "VSV Intussen"
    # With the current version it saves.
    response = client.post(
        url, partnership_form_data(municipalities[:1], name="VSV Mijn", version="2")
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.name == "VSV Mijn"
    assert partnership.version == 3
    assert list(partnership.municipalities.all()) == municipalities[:1]
    event = AuditEvent.objects.get(object_type="landscape.Partnership", action="update")
    assert event.changes["name"] == ["VSV Intussen", "VSV Mijn"]


def test_deleting_a_partnership_asks_first(cast):
    partnership = make_partnership(cast.coalition.region)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:partnership_delete", args=[partnership.pk])
    assert "Weet je zeker dat je VSV Testregio verwijdert?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Partnership.objects.exists()
    assert AuditEvent.objects.filter(object_type="landscape.Partnership", action="delete").exists()


def test_a_partnership_of_another_region_is_not_found(cast):
    partnership = make_partnership(RegionFactory(name="Elders"))
    client = logged_in_client(cast.coordinator)
    for name in (
        "landscape:partnership_edit",
        "landscape:partnership_delete",
        "landscape:vsv_compare",
    ):
        assert client.get(reverse(name, args=[partnership.pk])).status_code == 404


def test_the_central_point_is_recorded_changed_and_removed(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:central_point_edit", args=[municipality.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, central_point_form_data(name="Meldpunt Eerstedorp"))
    assert response.status_code == 302
    point = CentralPoint.objects.get(municipality=municipality)
    assert point.for_all_services
    assert point.version == 1
    assert point.updated_by == cast.coordinator

    response = client.post(url, central_point_form_data(name="Meldpunt Oud", version="0"))
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()

    response = client.post(
        url, central_point_form_data(name="Meldpunt Nieuw", for_all_services="", version="1")
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.name == "Meldpunt Nieuw"
    assert not point.for_all_services
    assert point.version == 2

    confirm = client.get(url + "?verwijderen=1")
    assert "Weet je zeker dat je Meldpunt Nieuw verwijdert" in confirm.content.decode()
    assert client.post(url, {"verwijderen": "1"}).status_code == 302
    assert not CentralPoint.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="landscape.CentralPoint")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_a_central_point_needs_a_name_and_a_way_to_reach_it(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:central_point_edit", args=[municipality.pk])
    response = client.post(url, central_point_form_data(name="", phone=""))
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Geef het meldpunt een naam."]
    response = client.post(url, central_point_form_data(phone="", email="nope"))
    assert response.context["form"].errors["email"] == ["Vul een geldig e-mailadres in."]
    response = client.post(url, central_point_form_data(phone=""))
    assert response.status_code == 400
    assert "Vul ten minste een telefoonnummer" in response.context["form"].errors["phone"][0]


def test_the_central_point_of_another_coalitions_municipality_is_not_found(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:central_point_edit", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, central_point_form_data()).status_code == 404
    assert not CentralPoint.objects.exists()
