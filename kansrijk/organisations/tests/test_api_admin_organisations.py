"""A coalition's organisations through the API: a coordinator lists, adds, changes and
(de)activates them through the page's form and services (Dutch messages, the audit trail);
others get 403; another coalition's organisation is "not found"; refused input stores nothing;
a list costs the same queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kansrijk.access.services import api_token_create
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/admin/organisations/"


def detail(pk: int) -> str:
    return f"{LIST}{pk}/"


def test_a_coordinator_adds_changes_and_deactivates_an_organisation(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        LIST,
        {"name": "Buurtteam Oost", "kind": "buurtteam", "email": "oost@buurtteam.example"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    organisation = Organisation.objects.get(pk=created["id"])
    assert list(organisation.coalitions.all()) == [cast.coalition]
    assert response["Location"] == f"{detail(organisation.pk)}?coalition={cast.coalition.pk}"
    assert (created["kind_display"], created["member_count"], created["is_active"]) == (
        "Buurtteam / sociaal wijkteam",
        0,
        True,
    )
    event = AuditEvent.objects.get(action="create", object_id=str(organisation.pk))
    assert (event.actor, event.coalition) == (cast.coordinator, cast.coalition)

    response = client.patch(
        detail(organisation.pk), {"phone": "010 1234567"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Buurtteam Oost"
    change = AuditEvent.objects.filter(action="update", object_id=str(organisation.pk)).get()
    assert change.changes == {"phone": ["", "010 1234567"]}

    response = client.post(
        f"{detail(organisation.pk)}status/", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    organisation.refresh_from_db()
    assert organisation.is_active is False
    # The same state again changes and audits nothing.
    client.post(
        f"{detail(organisation.pk)}status/", {"is_active": False}, content_type="application/json"
    )
    assert AuditEvent.objects.filter(object_id=str(organisation.pk), action="update").count() == 2


def test_refused_input_has_the_pages_messages_and_stores_nothing(cast):
    client = logged_in_client(cast.coordinator)
    before = Organisation.objects.count()
    response = client.post(LIST, {"email": "geen-adres"}, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors["name"] == ["Vul de naam van de organisatie in."]
    assert errors["kind"] == ["Kies de soort organisatie."]
    assert errors["email"] == ["Vul een geldig e-mailadres in, bijvoorbeeld info@praktijk.nl."]
    assert Organisation.objects.count() == before
    assert not AuditEvent.objects.filter(action="create").exists()

    organisation = cast.case_director.memberships.get().organisation
    response = client.patch(detail(organisation.pk), {"name": ""}, content_type="application/json")
    assert response.json()["errors"] == {"name": ["Vul de naam van de organisatie in."]}
    organisation.refresh_from_db()
    assert organisation.name == "Verloskundigen Eerstedorp"

    status = client.post(f"{detail(organisation.pk)}status/", {})
    assert status.status_code == 400
    assert status.json()["errors"] == {
        "is_active": ["Geef aan of het actief moet zijn: true of false."]
    }
    organisation.refresh_from_db()
    assert organisation.is_active is True


def test_english_messages_when_asked(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(LIST, {}, headers={"Accept-Language": "en"})
    assert response.json()["errors"]["name"] == ["Enter the name of the organisation."]


def test_another_coalitions_organisation_is_not_found(cast):
    other = OrganisationFactory(coalitions=[cast.other_coalition])
    client = logged_in_client(cast.coordinator)
    assert client.get(detail(other.pk)).status_code == 404
    assert (
        client.patch(detail(other.pk), {"name": "X"}, content_type="application/json").status_code
        == 404
    )
    response = client.post(
        f"{detail(other.pk)}status/", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.name, other.is_active) == (other.name, True)
    assert client.get(f"{LIST}?coalition={cast.other_coalition.pk}").status_code == 404
    assert other.pk not in [row["id"] for row in client.get(LIST).json()["results"]]


def test_only_coordinators_manage_organisations(cast):
    for actor in (cast.administrator, cast.analyst, cast.case_director):
        client = logged_in_client(actor)
        assert client.get(LIST).status_code == 403
        assert client.post(LIST, {"name": "X", "kind": "ggz"}).status_code == 403
    assert APIClient().get(LIST).status_code == 401
    assert not Organisation.objects.filter(name="X").exists()


def test_a_coordinator_of_two_coalitions_names_the_coalition(cast):
    MembershipFactory(
        professional=cast.coordinator, coalition=cast.other_coalition, is_coordinator=True
    )
    client = logged_in_client(cast.coordinator)
    response = client.get(LIST)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "coalition": ["Je werkt in meer dan één coalitie: geef de coalitie op."]
    }
    names = [
        row["name"]
        for row in client.get(f"{LIST}?coalition={cast.other_coalition.pk}").json()["results"]
    ]
    assert "Verloskundigen Tweededorp" in names
    assert "Verloskundigen Eerstedorp" not in names


def test_a_token_works_without_a_session(cast):
    _token, key = api_token_create(professional=cast.coordinator, name="koppeling")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(LIST).status_code == 200


def test_filters_search_and_ordering_as_on_the_page(cast):
    client = logged_in_client(cast.coordinator)
    names = [row["name"] for row in client.get(f"{LIST}?ordering=-name").json()["results"]]
    assert names == ["Verloskundigen Eerstedorp", "JGZ Eerstedorp", "Gemeente Eerstedorp"]
    found = client.get(f"{LIST}?q=jgz eerste").json()["results"]
    assert [row["name"] for row in found] == ["JGZ Eerstedorp"]
    assert [row["name"] for row in client.get(f"{LIST}?kind=jgz").json()["results"]] == [
        "JGZ Eerstedorp"
    ]
    assert client.get(f"{LIST}?status=inactive").json()["count"] == 0
    refused = client.get(f"{LIST}?kind=bakkerij&ordering=kleur")
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"kind"}
    assert client.get(f"{LIST}?ordering=kleur").json()["errors"] == {
        "ordering": ["Kies een sortering uit de lijst."]
    }


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_for_one_row_as_for_many(cast):
    client = logged_in_client(cast.coordinator)
    client.get(LIST)  # the first request of a session stores its last activity
    few = _queries(client)
    for _ in range(8):
        organisation = OrganisationFactory(coalitions=[cast.coalition])
        MembershipFactory(organisation=organisation, coalition=cast.coalition)
    # Session, user, device, the role check, then a count and one page (member counts annotated).
    assert _queries(client) == few


def test_a_create_sent_twice_with_its_idempotency_key_makes_one_organisation(cast):
    client = logged_in_client(cast.coordinator)
    new = {"name": "Welzijn West", "kind": "welzijn"}
    key = {"Idempotency-Key": "org-1"}
    first = client.post(LIST, new, content_type="application/json", headers=key)
    again = client.post(LIST, new, content_type="application/json", headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Organisation.objects.filter(name="Welzijn West").count() == 1
