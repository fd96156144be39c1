"""An administrator manages accounts: create with a temporary password, (de)activate,
reset the password and the second factor. A temporary password works once for a login that
then forces a second factor and a password of one's own."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Professional
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import PASSWORD, ProfessionalFactory

from .conftest import page

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:professional_list")
CREATE = reverse("organisations:professional_create")
RESULT = reverse("organisations:temporary_password")


def detail(professional) -> str:
    return reverse("organisations:professional_detail", args=[professional.pk])


def shown_password(client) -> str:
    text = page(client.get(RESULT))
    return text.split('data-testid="temporary-password">')[1].split("<")[0]


def log_in_with_temporary_password(username: str, password: str) -> Client:
    """Password, then setting up an authenticator app, as a new professional does."""
    client = Client()
    response = client.post("/inloggen/", {"username": username, "password": password})
    assert response["Location"] == reverse("access:totp_setup")
    client.get(reverse("access:totp_setup"))
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("access:totp_setup"), {"token": code})
    assert response["Location"] == reverse("access:password_change")
    return client


def test_the_list_shows_the_coalitions_accounts_and_unlinked_ones(cast, administrator_client):
    ProfessionalFactory(username="nieuwkomer")
    text = page(administrator_client.get(LIST))
    for username in ("regisseur", "teamlid", "analist", "beheerder", "nieuwkomer"):
        assert username in text
    assert "anderecoalitie" not in text
    assert "nog niet gekoppeld" in text


def test_the_list_searches_and_filters_on_status(cast, administrator_client):
    cast.outsider.is_active = False
    cast.outsider.save()
    text = page(administrator_client.get(LIST, {"q": "regisseur"}))
    assert "regisseur" in text
    assert "teamlid" not in text
    text = page(administrator_client.get(LIST, {"status": "inactief"}))
    assert "buitenstaander" in text
    assert "regisseur" not in text


def test_creating_an_account_shows_the_temporary_password_once(cast, administrator_client):
    response = administrator_client.post(
        CREATE,
        {
            "first_name": "Sanne",
            "last_name": "Visser",
            "email": "sanne@example.invalid",
            "username": "sanne",
        },
    )
    assert response["Location"] == RESULT
    professional = Professional.objects.get(username="sanne")
    assert professional.must_change_password
    assert not professional.memberships.exists()
    password = shown_password(administrator_client)
    assert professional.check_password(password)
    assert administrator_client.get(RESULT).status_code == 302  # not a second time
    event = AuditEvent.objects.get(object_type="organisations.Professional")
    assert (event.action, event.actor, event.coalition) == (
        "create",
        cast.administrator,
        cast.coalition,
    )
    assert "sanne" in page(administrator_client.get(detail(professional)))


def test_the_create_form_names_each_missing_field(administrator_client):
    text = page(administrator_client.post(CREATE, {"first_name": "Sanne"}))
    assert "Vul de achternaam in." in text
    assert "Vul het e-mailadres in." in text
    assert "Vul een gebruikersnaam in." in text
    assert 'value="Sanne"' in text
    assert not Professional.objects.filter(first_name="Sanne").exists()


def test_the_temporary_password_logs_in_and_forces_a_new_password(administrator_client):
    administrator_client.post(
        CREATE,
        {
            "first_name": "Sanne",
            "last_name": "Visser",
            "email": "s@example.invalid",
            "username": "sanne",
        },
    )
    password = shown_password(administrator_client)
    client = log_in_with_temporary_password("sanne", password)
    # Every page leads to choosing a password of one's own first.
    assert client.get("/")["Location"] == reverse("access:password_change")
    response = client.post(
        reverse("access:password_change"),
        {
            "old_password": password,
            "new_password1": "een-eigen-lang-wachtwoord",
            "new_password2": "een-eigen-lang-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert not Professional.objects.get(username="sanne").must_change_password
    assert client.get("/").status_code == 200


def test_deactivating_asks_first_and_blocks_the_login(cast, administrator_client):
    url = reverse("organisations:professional_status", args=[cast.outsider.pk])
    assert "Weet je zeker dat je het account van" in page(administrator_client.get(url))
    cast.outsider.refresh_from_db()
    assert cast.outsider.is_active

    response = administrator_client.post(url, {"active": "0"})
    assert response["Location"] == detail(cast.outsider)
    cast.outsider.refresh_from_db()
    assert not cast.outsider.is_active
    assert "Gedeactiveerd" in page(administrator_client.get(detail(cast.outsider)))
    response = Client().post("/inloggen/", {"username": "buitenstaander", "password": PASSWORD})
    assert "Gebruikersnaam of wachtwoord klopt niet." in page(response)
    event = AuditEvent.objects.get(object_type="organisations.Professional")
    assert event.changes == {"is_active": [True, False]}

    administrator_client.post(url, {"active": "1"})
    cast.outsider.refresh_from_db()
    assert cast.outsider.is_active


def test_an_administrator_cannot_deactivate_themselves(cast, administrator_client):
    url = reverse("organisations:professional_status", args=[cast.administrator.pk])
    text = page(administrator_client.get(url))
    assert "Je kunt je eigen account niet deactiveren." in text
    assert "Ja, deactiveren" not in text
    response = administrator_client.post(url, {"active": "0"}, follow=True)
    assert "Je kunt je eigen account niet deactiveren." in page(response)
    cast.administrator.refresh_from_db()
    assert cast.administrator.is_active
    assert not AuditEvent.objects.exists()


def test_resetting_the_password_gives_a_new_temporary_one(cast, administrator_client):
    old_session = logged_in_client(cast.outsider)
    url = reverse("organisations:professional_password", args=[cast.outsider.pk])
    assert "Weet je zeker dat je een nieuw tijdelijk wachtwoord" in page(
        administrator_client.get(url)
    )
    assert cast.outsider.check_password(PASSWORD)  # the question changes nothing

    response = administrator_client.post(url)
    assert response["Location"] == RESULT
    password = shown_password(administrator_client)
    cast.outsider.refresh_from_db()
    assert cast.outsider.check_password(password)
    assert not cast.outsider.check_password(PASSWORD)
    assert cast.outsider.must_change_password
    # Open sessions end: the password hash in them no longer matches.
    assert old_session.get("/").status_code == 302
    event = AuditEvent.objects.get(object_type="organisations.Professional")
    assert event.action == "security"
    assert password not in event.summary


def test_resetting_the_second_factor_leads_to_a_new_authenticator_at_login(
    cast, administrator_client
):
    old_session = logged_in_client(cast.outsider)
    url = reverse("organisations:professional_second_factor", args=[cast.outsider.pk])
    assert "Weet je zeker dat je de authenticator-app van" in page(administrator_client.get(url))
    assert TOTPDevice.objects.filter(user=cast.outsider).exists()

    response = administrator_client.post(url, follow=True)
    assert "De tweede factor van Buitenstaander Testpersoon is gewist." in page(response)
    assert not TOTPDevice.objects.filter(user=cast.outsider).exists()
    assert old_session.get("/").status_code == 302
    response = Client().post("/inloggen/", {"username": "buitenstaander", "password": PASSWORD})
    assert response["Location"] == reverse("access:totp_setup")
    event = AuditEvent.objects.get(object_type="organisations.Professional")
    assert (event.action, event.coalition) == ("security", cast.coalition)
