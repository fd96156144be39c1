"""A coalition's memberships through the API: a coordinator adds an existing professional or a
new account (its temporary password answered once and never stored), changes and ends a
membership through the page's forms and services (Dutch messages, the audit trail); only an
administrator grants the administrator role; another coalition's membership is "not found";
refused input stores nothing; the list costs the same for one row as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.core.models import AuditEvent, IdempotentRequest
from kansrijk.organisations.models import Membership, Professional
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/admin/memberships/"


def detail(pk: int) -> str:
    return f"{LIST}{pk}/"


def _jgz(cast):
    return cast.care_team_member.memberships.get().organisation


def test_a_coordinator_adds_an_existing_professional(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        LIST,
        {
            "who": "existing",
            "identifier": cast.case_director.email,
            "organisation": _jgz(cast).pk,
            "discipline": "jeugdverpleegkundige",
            "roles": ["professional"],
            "start_date": "2026-01-05",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["temporary_password"] is None
    assert (body["username"], body["organisation_name"], body["start_date"]) == (
        "regisseur",
        "JGZ Eerstedorp",
        "2026-01-05",
    )
    membership = Membership.objects.get(pk=body["id"])
    assert membership.coalition == cast.coalition
    event = AuditEvent.objects.get(action="create", object_id=str(membership.pk))
    assert event.actor == cast.coordinator
    assert response["Location"] == f"{detail(membership.pk)}?coalition={cast.coalition.pk}"


def test_adding_a_new_professional_answers_the_temporary_password_once(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        LIST,
        {
            "who": "new",
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "email": "fatima@jgz.example",
            "username": "fatima.elamrani",
            "organisation": _jgz(cast).pk,
            "discipline": "jeugdarts",
            "roles": ["professional"],
        },
        content_type="application/json",
        headers={"Idempotency-Key": "nieuw-1"},
    )
    assert response.status_code == 201, response.json()
    assert response["Cache-Control"] == "no-store"
    password = response.json()["temporary_password"]
    professional = Professional.objects.get(username="fatima.elamrani")
    assert professional.check_password(password)
    assert professional.must_change_password is True
    assert response.json()["start_date"] == timezone.localdate().isoformat()
    # The password is kept nowhere, not even to replay the answer for its Idempotency-Key.
    assert not IdempotentRequest.objects.filter(key="nieuw-1").exists()
    assert password not in str(list(AuditEvent.objects.values_list("summary", "changes")))


def test_refused_input_has_the_pages_messages_and_stores_nothing(cast):
    client = logged_in_client(cast.coordinator)
    before = (Membership.objects.count(), Professional.objects.count())
    response = client.post(LIST, {}, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["who"] == ["Kies of de professional al een account heeft."]
    assert errors["organisation"] == ["Kies de organisatie waar de professional werkt."]
    assert errors["discipline"] == ["Kies de discipline."]
    assert errors["roles"] == ["Kies minstens één rol."]

    response = client.post(
        LIST,
        {"who": "existing", "identifier": "niemand", "organisation": _jgz(cast).pk},
        content_type="application/json",
    )
    assert response.json()["errors"]["identifier"] == [
        "Er is geen account met gebruikersnaam of e-mailadres 'niemand'. Controleer de "
        "spelling, of kies 'Een nieuwe professional'."
    ]
    # A coordinator may not grant the administrator role: the page does not offer it.
    response = client.post(
        LIST,
        {
            "who": "new",
            "first_name": "Nieuw",
            "last_name": "Account",
            "email": "nieuw@example.org",
            "username": "nieuw",
            "organisation": _jgz(cast).pk,
            "discipline": "jeugdarts",
            "roles": ["administrator"],
        },
        content_type="application/json",
    )
    assert response.json()["errors"] == {"roles": ["Kies alleen rollen uit de lijst."]}
    # Someone who already works there: the service's message, and no new account left behind.
    response = client.post(
        LIST,
        {
            "who": "existing",
            "identifier": "teamlid",
            "organisation": _jgz(cast).pk,
            "discipline": "jeugdverpleegkundige",
            "roles": ["professional"],
        },
        content_type="application/json",
    )
    assert response.json()["errors"]["organisation"] == [
        "Teamlid Testpersoon werkt al bij JGZ Eerstedorp in deze coalitie. Bewerk dat "
        "lidmaatschap in plaats van een tweede toe te voegen."
    ]
    assert (Membership.objects.count(), Professional.objects.count()) == before


def test_a_coordinator_changes_a_membership_and_keeps_an_administrator_role(cast):
    membership = cast.administrator.memberships.get()
    client = logged_in_client(cast.coordinator)
    response = client.patch(
        detail(membership.pk),
        {"phone": "010 7654321", "roles": ["coordinator"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert sorted(response.json()["roles"]) == ["administrator", "coordinator"]
    membership.refresh_from_db()
    assert membership.phone == "010 7654321"
    change = AuditEvent.objects.get(action="update", object_id=str(membership.pk))
    assert change.changes["phone"] == ["06 12345678", "010 7654321"]
    assert change.changes["is_coordinator"] == [False, True]

    response = client.patch(
        detail(membership.pk), {"start_date": "2999-01-01"}, content_type="application/json"
    )
    assert response.status_code == 200


def test_an_administrator_who_coordinates_grants_the_administrator_role(cast):
    membership = cast.coordinator.memberships.get()
    membership.is_administrator = True
    membership.save()
    target = cast.outsider.memberships.get()
    client = logged_in_client(cast.coordinator)
    response = client.patch(
        detail(target.pk),
        {"roles": ["professional", "administrator"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.is_administrator is True


def test_a_coordinator_ends_a_membership(cast):
    membership = cast.outsider.memberships.get()
    client = logged_in_client(cast.coordinator)
    end = f"{detail(membership.pk)}end/"
    response = client.post(end, {}, content_type="application/json")
    assert response.json()["errors"] == {"end_date": ["Vul de einddatum in."]}
    early = (membership.start_date - datetime.timedelta(days=1)).isoformat()
    response = client.post(end, {"end_date": early}, content_type="application/json")
    assert response.json()["errors"]["end_date"][0].startswith(
        "De einddatum kan niet voor de startdatum"
    )
    membership.refresh_from_db()
    assert membership.end_date is None

    today = timezone.localdate().isoformat()
    response = client.post(end, {"end_date": today}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["end_date"], response.json()["is_current"]) == (today, False)
    assert AuditEvent.objects.filter(object_id=str(membership.pk), action="update").count() == 1
    again = client.post(end, {"end_date": today}, content_type="application/json")
    assert again.json()["errors"] == {"non_field_errors": ["Dit lidmaatschap is al beëindigd."]}
    # Ended memberships show only when asked for.
    ids = [row["id"] for row in client.get(LIST).json()["results"]]
    assert membership.pk not in ids
    ids = [row["id"] for row in client.get(f"{LIST}?include_ended=true").json()["results"]]
    assert membership.pk in ids


def test_another_coalitions_membership_is_not_found(cast):
    other = cast.other_coalition_professional.memberships.get()
    client = logged_in_client(cast.coordinator)
    assert client.get(detail(other.pk)).status_code == 404
    response = client.patch(detail(other.pk), {"phone": ""}, content_type="application/json")
    assert response.status_code == 404
    response = client.post(
        f"{detail(other.pk)}end/", {"end_date": "2030-01-01"}, content_type="application/json"
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.end_date, other.phone) == (None, "06 12345678")
    response = client.post(
        LIST,
        {
            "who": "existing",
            "identifier": "regisseur",
            "organisation": other.organisation_id,
            "discipline": "verloskundige",
            "roles": ["professional"],
        },
        content_type="application/json",
    )
    assert response.json()["errors"] == {"organisation": ["Kies een organisatie uit de lijst."]}


def test_only_coordinators_manage_memberships(cast):
    membership = cast.outsider.memberships.get()
    for actor in (cast.administrator, cast.analyst, cast.outsider):
        client = logged_in_client(actor)
        assert client.get(LIST).status_code == 403
        assert client.get(detail(membership.pk)).status_code == 403
        assert (
            client.post(f"{detail(membership.pk)}end/", {"end_date": "2030-01-01"}).status_code
            == 403
        )


def test_filters_as_on_the_page(cast):
    client = logged_in_client(cast.coordinator)
    rows = client.get(f"{LIST}?role=coordinator").json()["results"]
    assert [row["username"] for row in rows] == ["coordinator"]
    rows = client.get(f"{LIST}?discipline=jeugdverpleegkundige&q=teamlid").json()["results"]
    assert [row["username"] for row in rows] == ["teamlid"]
    jgz = _jgz(cast)
    rows = client.get(f"{LIST}?organisation={jgz.pk}&ordering=-start_date").json()["results"]
    assert [row["organisation"] for row in rows] == [jgz.pk]
    assert set(client.get(f"{LIST}?role=koning").json()["errors"]) == {"role"}


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
        MembershipFactory(
            professional=ProfessionalFactory(), organisation=_jgz(cast), coalition=cast.coalition
        )
    # Session, user, device, the role check, a count and one page (professional and
    # organisation joined).
    assert _queries(client) == few
