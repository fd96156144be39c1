import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import current_code, verified_client
from kansrijk.testing.factories import PASSWORD, ProfessionalFactory

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_password_alone_does_not_log_in(client, cast):
    response = client.post(
        "/inloggen/", {"username": cast.case_director.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("access:login_verify")
    assert client.get("/").status_code == 302  # still not logged in


def test_password_and_code_log_in_and_show_the_coalition(cast):
    client = verified_client(cast.case_director)
    page = client.get("/").content.decode()
    assert "Kansrijke Start Eerstedorp" in page
    assert "Verloskundige" in page
    assert AuditEvent.objects.filter(actor=cast.case_director, action="login").count() == 1


def test_a_wrong_password_gets_a_dutch_error_and_keeps_the_username(client, cast):
    response = client.post("/inloggen/", {"username": "regisseur", "password": "fout"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet." in page
    assert 'value="regisseur"' in page


def test_an_empty_form_names_each_missing_field(client, db):
    page = client.post("/inloggen/", {}).content.decode()
    assert "Vul je gebruikersnaam in." in page
    assert "Vul je wachtwoord in." in page


def test_a_wrong_code_is_refused(client, cast):
    client.post("/inloggen/", {"username": "regisseur", "password": PASSWORD})
    wrong = "000000" if current_code(cast.case_director) != "000000" else "111111"
    response = client.post("/inloggen/code/", {"token": wrong})
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_code_that_is_not_six_digits_gets_a_clear_message(client, cast):
    client.post("/inloggen/", {"username": "regisseur", "password": PASSWORD})
    response = client.post("/inloggen/code/", {"token": "12ab"})
    assert "De code bestaat uit zes cijfers." in response.content.decode()


def test_the_code_step_without_a_password_step_sends_back_to_login(client, db):
    response = client.get("/inloggen/code/")
    assert response["Location"] == reverse("access:login")


def test_five_wrong_passwords_lock_the_account(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": "regisseur", "password": "fout"})
    response = client.post("/inloggen/", {"username": "regisseur", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_wrong_codes_count_towards_the_lockout(client, cast, settings):
    client.post("/inloggen/", {"username": "regisseur", "password": PASSWORD})
    right = current_code(cast.case_director)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/inloggen/code/", {"token": wrong})
    assert response.status_code == 429
    assert client.post("/inloggen/code/", {"token": right}).status_code == 429
    assert client.get("/").status_code == 302


def test_a_professional_without_a_device_is_led_to_set_one_up(client, db):
    professional = ProfessionalFactory(username="nieuw")
    response = client.post("/inloggen/", {"username": "nieuw", "password": PASSWORD})
    assert response["Location"] == reverse("access:totp_setup")
    page = client.get(reverse("access:totp_setup")).content.decode()
    assert "Authenticator-app instellen" in page
    assert "<svg" in page
    device = professional.totpdevice_set.get(confirmed=False)
    from django_otp.oath import totp

    code = f"{totp(device.bin_key):06d}"
    response = client.post(reverse("access:totp_setup"), {"token": code})
    assert response.status_code == 302
    assert professional.totpdevice_set.get().confirmed
    assert client.get("/").status_code == 200


def test_logout_ends_the_session(cast):
    client = verified_client(cast.case_director)
    response = client.post(reverse("access:logout"))
    assert response["Location"] == reverse("access:login")
    assert client.get("/").status_code == 302


def test_logout_needs_post(cast):
    client = verified_client(cast.case_director)
    assert client.get(reverse("access:logout")).status_code == 405
