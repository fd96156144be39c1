"""User accounts through the API: an administrator lists accounts, makes one, (de)activates
it, resets its password (the temporary password answered once, never stored) and its second
factor, through the page's form and services (Dutch messages, the audit trail); nobody
deactivates themselves; an account of another coalition is "not found"; others get 403; the
list costs the same for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.models import AuditEvent, IdempotentRequest
from kansrijk.organisations.models import Professional
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, TOTPDeviceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/admin/professionals/"
NEW = {
    "first_name": "Sanne",
    "last_name": "Bakker",
    "email": "sanne@example.org",
    "username": "sanne.bakker",
}


def detail(pk: int) -> str:
    return f"{LIST}{pk}/"


def test_an_administrator_makes_an_account_with_a_temporary_password(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(
        LIST, NEW, content_type="application/json", headers={"Idempotency-Key": "account-1"}
    )
    assert response.status_code == 201, response.json()
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    professional = Professional.objects.get(username="sanne.bakker")
    assert professional.check_password(body["temporary_password"])
    assert (body["memberships"], body["has_second_factor"], body["must_change_password"]) == (
        [],
        False,
        True,
    )
    assert not IdempotentRequest.objects.filter(key="account-1").exists()
    event = AuditEvent.objects.get(action="create", object_id=str(professional.pk))
    assert (event.actor, event.coalition) == (cast.administrator, cast.coalition)
    # Not yet in any coalition: this coalition's administrators manage it.
    assert client.get(detail(professional.pk)).json()["username"] == "sanne.bakker"
    # Sent again: the username is taken.
    again = client.post(LIST, NEW, content_type="application/json")
    assert again.json()["errors"]["username"] == [
        "Deze gebruikersnaam is al in gebruik. Kies een andere."
    ]


def test_refused_input_has_the_pages_messages_and_stores_nothing(cast):
    client = logged_in_client(cast.administrator)
    before = Professional.objects.count()
    response = client.post(
        LIST, {"username": "met spatie", "email": "geen-adres"}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["first_name"] == ["Vul de voornaam in."]
    assert errors["last_name"] == ["Vul de achternaam in."]
    assert errors["email"] == ["Vul een geldig e-mailadres in, bijvoorbeeld naam@praktijk.nl."]
    assert errors["username"] == [
        "Een gebruikersnaam bestaat alleen uit letters, cijfers en de tekens . @ + - _ "
        "(geen spaties)."
    ]
    assert Professional.objects.count() == before


def test_an_administrator_deactivates_an_account_but_not_their_own(cast):
    client = logged_in_client(cast.administrator)
    status = f"{detail(cast.outsider.pk)}status/"
    response = client.post(status, {"is_active": False}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    cast.outsider.refresh_from_db()
    assert cast.outsider.is_active is False
    event = AuditEvent.objects.get(action="security", object_id=str(cast.outsider.pk))
    assert event.changes == {"is_active": [True, False]}

    own = f"{detail(cast.administrator.pk)}status/"
    response = client.post(own, {"is_active": False}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Je kunt je eigen account niet deactiveren."
    cast.administrator.refresh_from_db()
    assert cast.administrator.is_active is True


def test_a_password_reset_answers_the_new_password_once(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(
        f"{detail(cast.outsider.pk)}password-reset/", headers={"Idempotency-Key": "reset-1"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    cast.outsider.refresh_from_db()
    assert cast.outsider.check_password(body["temporary_password"])
    assert cast.outsider.must_change_password is True
    assert body["detail"] == "Buitenstaander Testpersoon heeft een nieuw tijdelijk wachtwoord."
    assert not IdempotentRequest.objects.filter(key="reset-1").exists()
    event = AuditEvent.objects.get(action="security", object_id=str(cast.outsider.pk))
    assert body["temporary_password"] not in event.summary + str(event.changes)


def test_a_second_factor_reset_removes_the_authenticator(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(f"{detail(cast.outsider.pk)}second-factor-reset/")
    assert response.status_code == 200
    assert response.json()["removed_devices"] == 1
    assert not TOTPDevice.objects.filter(user=cast.outsider).exists()
    assert AuditEvent.objects.filter(action="security", object_id=str(cast.outsider.pk)).exists()
    assert client.get(detail(cast.outsider.pk)).json()["has_second_factor"] is False


def test_an_account_of_another_coalition_is_not_found(cast):
    other = cast.other_coalition_professional
    client = logged_in_client(cast.administrator)
    password = other.password
    assert client.get(detail(other.pk)).status_code == 404
    assert client.post(f"{detail(other.pk)}password-reset/").status_code == 404
    assert client.post(f"{detail(other.pk)}second-factor-reset/").status_code == 404
    response = client.post(
        f"{detail(other.pk)}status/", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.password, other.is_active) == (password, True)
    assert TOTPDevice.objects.filter(user=other).exists()
    assert not AuditEvent.objects.filter(object_id=str(other.pk)).exists()


def test_only_administrators_manage_accounts(cast):
    for actor in (cast.coordinator, cast.analyst, cast.case_director):
        client = logged_in_client(actor)
        assert client.get(LIST).status_code == 403
        assert client.post(f"{detail(cast.outsider.pk)}password-reset/").status_code == 403
    cast.outsider.refresh_from_db()
    assert cast.outsider.must_change_password is False


def test_filters_as_on_the_page(cast):
    client = logged_in_client(cast.administrator)
    rows = client.get(f"{LIST}?q=teamlid").json()["results"]
    assert [row["username"] for row in rows] == ["teamlid"]
    assert rows[0]["memberships"][0]["organisation_name"] == "JGZ Eerstedorp"
    usernames = [
        row["username"] for row in client.get(f"{LIST}?ordering=username").json()["results"]
    ]
    assert usernames == sorted(usernames)
    assert "anderecoalitie" not in usernames
    assert client.get(f"{LIST}?status=inactive").json()["count"] == 0
    assert set(client.get(f"{LIST}?status=weg").json()["errors"]) == {"status"}


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_for_one_row_as_for_many(cast):
    client = logged_in_client(cast.administrator)
    client.get(LIST)  # the first request of a session stores its last activity
    few = _queries(client)
    for _ in range(8):
        membership = MembershipFactory(coalition=cast.coalition)
        TOTPDeviceFactory(user=membership.professional)
    # Session, user, device, the role check, a count, one page (second factor annotated) and
    # one query for all rows' memberships in the coalition (prefetch).
    assert _queries(client) == few
