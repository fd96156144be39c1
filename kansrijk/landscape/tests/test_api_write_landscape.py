"""The landscape's write API: coordinators of a coalition in the region add, change (with
the version check) and delete partnerships; coordinators of a municipality's coalition record,
change and remove its central reporting point; analysts read; other professionals get 403;
another region's rows are "not found"; the audit trail is the services'."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import CentralPoint, Partnership
from kansrijk.organisations.models import Municipality, Organisation
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import (
    CoalitionFactory,
    MembershipFactory,
    MunicipalityFactory,
    RegionFactory,
    TOTPDeviceFactory,
)
from kansrijk.testing.landscape import make_central_point, make_partnership, region_municipalities

pytestmark = pytest.mark.django_db

PARTNERSHIPS = "/api/v1/regio/landschap/samenwerkingsverbanden/"
POINTS = "/api/v1/regio/landschap/meldpunten/"
JSON = "application/json"


def partnership_url(partnership) -> str:
    return reverse("api:partnership_detail", args=[partnership.pk])


def point_url(point) -> str:
    return reverse("api:central_point_detail", args=[point.pk])


def elsewhere():
    """A municipality in a coalition of another region."""
    coalition = CoalitionFactory(region=RegionFactory(name="Elders"), name="Elders")
    return MunicipalityFactory(coalition=coalition, cbs_code="GM9909", name="Verweg")


# --- Partnerships ---------------------------------------------------------------------------


def test_a_coordinator_adds_a_partnership_of_the_region(cast):
    first, second = region_municipalities(cast)
    jgz = Organisation.objects.get(name="JGZ Eerstedorp")
    response = logged_in_client(cast.coordinator).post(
        PARTNERSHIPS,
        {
            "kind": "vsv",
            "name": "VSV Testregio",
            "website": "https://vsv.example.nl",
            "municipalities": [first.pk, second.pk],
            "organisations": [jgz.pk],
        },
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    partnership = Partnership.objects.get(pk=body["id"])
    assert response["Location"] == partnership_url(partnership)
    assert partnership.region == cast.coalition.region
    assert [m["name"] for m in body["municipalities"]] == [first.name, second.name]
    assert body["municipalities"][1]["coalition"] == cast.other_coalition.name
    assert body["organisations"] == [{"id": jgz.pk, "name": "JGZ Eerstedorp"}]
    assert body["kind_label"] == "Verloskundig samenwerkingsverband (VSV)"
    event = AuditEvent.objects.get(object_id=str(partnership.pk), action="create")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition


def test_municipalities_outside_the_region_and_a_double_name_are_refused(cast):
    make_partnership(cast.coalition.region, name="VSV Testregio")
    client = logged_in_client(cast.coordinator)
    response = client.post(
        PARTNERSHIPS,
        {"kind": "vsv", "name": "VSV Ander", "municipalities": [elsewhere().pk]},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipalities": ["Kies gemeenten van de coalities in deze regio."]
    }
    response = client.post(
        PARTNERSHIPS, {"kind": "vsv", "name": "VSV Testregio"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == [
        "Deze regio heeft al een samenwerkingsverband van deze soort met deze naam."
    ]
    assert Partnership.objects.count() == 1


def test_the_partnership_list_filters_by_kind_and_municipality(cast):
    first, second = region_municipalities(cast)
    region = cast.coalition.region
    vsv = make_partnership(region, name="VSV Regio", municipalities=[first, second])
    jgz = make_partnership(region, kind="jgz", name="JGZ Regio", municipalities=[second])
    make_partnership(RegionFactory(name="Elders"), name="VSV Elders")
    client = logged_in_client(cast.analyst)
    body = client.get(PARTNERSHIPS).json()
    # By kind (its code), then name.
    assert [row["id"] for row in body["results"]] == [jgz.pk, vsv.pk]
    assert [row["id"] for row in client.get(PARTNERSHIPS, {"kind": "jgz"}).json()["results"]] == [
        jgz.pk
    ]
    filtered = client.get(PARTNERSHIPS, {"municipality": first.pk}).json()
    assert [row["id"] for row in filtered["results"]] == [vsv.pk]
    assert client.get(PARTNERSHIPS, {"kind": "vvv"}).status_code == 400


def test_a_partnership_change_keeps_what_was_not_sent_and_checks_the_version(cast):
    first, second = region_municipalities(cast)
    partnership = make_partnership(
        cast.coalition.region, municipalities=[first], description="Verloskundigen"
    )
    client = logged_in_client(cast.coordinator)
    response = client.patch(
        partnership_url(partnership),
        {"municipalities": [first.pk, second.pk], "version": 1},
        content_type=JSON,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 2
    assert body["description"] == "Verloskundigen"
    assert len(body["municipalities"]) == 2
    event = AuditEvent.objects.get(object_id=str(partnership.pk), action="update")
    assert list(event.changes) == ["municipalities"]
    stale = client.patch(
        partnership_url(partnership), {"name": "VSV Oud", "version": 1}, content_type=JSON
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale.json()["submitted"]["name"] == "VSV Oud"
    assert Partnership.objects.get(pk=partnership.pk).name == "VSV Testregio"


def test_a_coordinator_of_the_other_coalition_in_the_region_may_change_it_too(cast):
    """As the service decides: coordinators of any coalition in the region."""
    partnership = make_partnership(cast.coalition.region)
    other_coordinator = MembershipFactory(
        coalition=cast.other_coalition, is_coordinator=True, is_professional=False
    ).professional
    TOTPDeviceFactory(user=other_coordinator, confirmed=True)
    response = logged_in_client(other_coordinator).delete(partnership_url(partnership))
    assert response.status_code == 204
    assert not Partnership.objects.filter(pk=partnership.pk).exists()
    assert AuditEvent.objects.filter(object_id=str(partnership.pk), action="delete").exists()


@pytest.mark.parametrize("actor", ["analyst", "case_director", "administrator"])
def test_only_coordinators_write_partnerships(cast, actor):
    partnership = make_partnership(cast.coalition.region)
    client = logged_in_client(getattr(cast, actor))
    assert (
        client.post(PARTNERSHIPS, {"kind": "ros", "name": "ROS"}, content_type=JSON).status_code
        == 403
    )
    response = client.patch(
        partnership_url(partnership), {"name": "Anders", "version": 1}, content_type=JSON
    )
    assert response.status_code == 403
    assert client.delete(partnership_url(partnership)).status_code == 403
    assert Partnership.objects.get().name == "VSV Testregio"


def test_a_partnership_of_another_region_is_not_found(cast):
    partnership = make_partnership(RegionFactory(name="Elders"))
    client = logged_in_client(cast.coordinator)
    assert client.get(partnership_url(partnership)).status_code == 404
    assert client.delete(partnership_url(partnership)).status_code == 404
    assert Partnership.objects.filter(pk=partnership.pk).exists()


# --- Central reporting points ---------------------------------------------------------------


def test_a_coordinator_records_the_central_point_of_an_own_municipality(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        POINTS,
        {"municipality": municipality.pk, "name": "Meldpunt Eerstedorp", "email": "m@e.example"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["municipality"]["cbs_code"] == "GM9501"
    assert body["for_all_services"] is True
    assert body["version"] == 1
    point = CentralPoint.objects.get(pk=body["id"])
    assert response["Location"] == point_url(point)
    assert AuditEvent.objects.get(object_id=str(point.pk), action="create").coalition == (
        cast.coalition
    )
    # One per municipality: a second is a conflict with the stored one.
    again = client.post(
        POINTS, {"municipality": municipality.pk, "name": "Tweede", "phone": "1"}, content_type=JSON
    )
    assert again.status_code == 409
    assert again.json()["current"]["name"] == "Meldpunt Eerstedorp"


def test_central_point_input_gets_the_forms_messages(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        POINTS, {"municipality": municipality.pk, "name": "Meldpunt"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "phone": ["Vul ten minste een telefoonnummer, e-mailadres of website in."]
    }
    response = client.post(
        POINTS,
        {"municipality": municipality.pk, "name": "Meldpunt", "phone": "0" * 31, "email": "x"},
        content_type=JSON,
    )
    assert response.json()["errors"] == {
        "phone": ["Houd het telefoonnummer korter dan 30 tekens."],
        "email": ["Vul een geldig e-mailadres in."],
    }
    other = Municipality.objects.get(coalition=cast.other_coalition)
    response = client.post(
        POINTS, {"municipality": other.pk, "name": "Meldpunt", "phone": "1"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipality": ["Deze gemeente hoort niet bij je coalitie."]
    }
    assert not CentralPoint.objects.exists()


def test_a_central_point_change_and_removal(cast):
    point = make_central_point(Municipality.objects.get(coalition=cast.coalition))
    client = logged_in_client(cast.coordinator)
    response = client.patch(
        point_url(point), {"for_all_services": False, "version": 1}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["for_all_services"] is False
    assert response.json()["phone"] == "0301 000 000"
    assert response.json()["version"] == 2
    stale = client.patch(point_url(point), {"name": "Oud", "version": 1}, content_type=JSON)
    assert stale.status_code == 409
    assert stale.json()["type"].endswith("/versieconflict")
    assert client.delete(point_url(point)).status_code == 204
    assert not CentralPoint.objects.exists()
    actions = set(
        AuditEvent.objects.filter(object_id=str(point.pk)).values_list("action", flat=True)
    )
    assert actions == {"update", "delete"}


def test_the_other_coalitions_point_is_read_but_not_changed(cast):
    """Same region: the analyst's and coordinator's landscape shows it; only the coordinators
    of its own coalition change it, as on the page."""
    point = make_central_point(Municipality.objects.get(coalition=cast.other_coalition))
    make_central_point(elsewhere())
    client = logged_in_client(cast.coordinator)
    body = client.get(POINTS).json()
    assert [row["id"] for row in body["results"]] == [point.pk]
    assert client.get(point_url(point)).status_code == 200
    response = client.patch(point_url(point), {"name": "Anders", "version": 1}, content_type=JSON)
    assert response.status_code == 403
    assert client.delete(point_url(point)).status_code == 403
    assert CentralPoint.objects.get(pk=point.pk).name == point.name


def test_a_point_of_another_region_is_not_found(cast):
    point = make_central_point(elsewhere())
    client = logged_in_client(cast.coordinator)
    assert client.get(point_url(point)).status_code == 404
    assert client.delete(point_url(point)).status_code == 404


def test_without_a_session_or_token_401(client):
    assert client.get(PARTNERSHIPS).status_code == 401
    assert client.get(POINTS).status_code == 401
