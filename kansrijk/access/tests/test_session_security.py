"""Sessions: a new session key at each login step, a logout that ends the session on the
server, "log out everywhere else" on the account page, and the password policy."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import current_code, logged_in_client, verified_client
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_session_key_changes_after_the_password_and_after_the_code(cast):
    client = Client()
    client.get(reverse("access:login"))
    client.session.save()  # a session from before the login, as a planted cookie would be
    before = client.session.session_key

    client.post(
        reverse("access:login"), {"username": cast.case_director.username, "password": PASSWORD}
    )
    after_password = _session_key(client)
    client.post(reverse("access:login_verify"), {"token": current_code(cast.case_director)})
    after_code = _session_key(client)

    assert len({before, after_password, after_code}) == 3
    assert not Session.objects.filter(session_key__in=[before, after_password]).exists()
    assert client.get(reverse("core:home")).status_code == 200


def test_a_session_key_planted_before_the_login_is_not_logged_in(cast):
    attacker = Client()
    attacker.get(reverse("access:login"))
    attacker.session.save()
    planted = attacker.session.session_key

    victim = Client()
    victim.cookies[settings.SESSION_COOKIE_NAME] = planted
    victim.post(
        reverse("access:login"), {"username": cast.case_director.username, "password": PASSWORD}
    )
    victim.post(reverse("access:login_verify"), {"token": current_code(cast.case_director)})

    assert victim.get(reverse("core:home")).status_code == 200
    assert attacker.get(reverse("core:home")).status_code == 302


def test_logout_deletes_the_session_on_the_server(cast):
    client = verified_client(cast.case_director)
    key = _session_key(client)
    assert Session.objects.filter(session_key=key).exists()

    client.post(reverse("access:logout"))

    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    response = replay.get(reverse("access:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_the_account_page_offers_to_log_out_everywhere_else(cast):
    page = logged_in_client(cast.case_director).get(reverse("access:account")).content.decode()
    assert "Overal uitloggen" in page
    assert f'action="{reverse("access:end_other_sessions")}#sessies"' in page
    assert "Overal anders uitloggen" in page


def test_log_out_everywhere_else_ends_the_other_sessions_and_keeps_this_one(cast):
    laptop = logged_in_client(cast.case_director)
    phone = logged_in_client(cast.case_director)
    colleague = logged_in_client(cast.care_team_member)
    laptop_key = _session_key(laptop)

    response = laptop.post(reverse("access:end_other_sessions"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("access:account")
    page = laptop.get(reverse("access:account")).content.decode()
    assert "Je bent nu overal uitgelogd, behalve hier." in page
    assert _session_key(laptop) != laptop_key  # a new key for the session that stays
    phone_response = phone.get(reverse("access:account"))
    assert phone_response.status_code == 302
    assert phone_response["Location"].startswith(reverse("access:login"))
    assert colleague.get(reverse("access:account")).status_code == 200
    assert AuditEvent.objects.filter(
        actor=cast.case_director,
        action=AuditEvent.Action.SECURITY,
        summary__contains="alle andere apparaten",
    ).exists()
    # The password itself did not change: the professional logs in with it as before.
    cast.case_director.refresh_from_db()
    assert cast.case_director.check_password(PASSWORD)


def test_log_out_everywhere_else_needs_the_right_password(cast):
    laptop = logged_in_client(cast.case_director)
    phone = logged_in_client(cast.case_director)

    response = laptop.post(reverse("access:end_other_sessions"), {"password": "niet-het-goede"})

    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert phone.get(reverse("access:account")).status_code == 200

    response = laptop.post(reverse("access:end_other_sessions"), {"password": ""})
    assert "Vul je wachtwoord in." in response.content.decode()


def test_log_out_everywhere_else_needs_post(cast):
    client = logged_in_client(cast.case_director)
    assert client.get(reverse("access:end_other_sessions")).status_code == 405


def test_changing_the_password_ends_the_other_sessions_too(cast):
    laptop = logged_in_client(cast.case_director)
    phone = logged_in_client(cast.case_director)
    new_password = "Lange-zin-voor-de-kraamtijd-2026"

    response = laptop.post(
        reverse("access:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 302
    assert laptop.get(reverse("access:account")).status_code == 200
    assert phone.get(reverse("access:account")).status_code == 302


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Kort-2026!", "Dit wachtwoord is te kort. Kies minstens 12 tekens."),
        ("password1234", "Dit wachtwoord wordt te vaak gebruikt. Kies een ander."),
        ("908172635401", "Dit wachtwoord bestaat alleen uit cijfers."),
        ("regisseur-kansrijk", "Het wachtwoord lijkt te veel op je "),
    ],
)
def test_the_password_policy_refuses_weak_passwords(cast, new_password, message):
    cast.case_director.username = "regisseur-kansrijk"
    cast.case_director.save(update_fields=["username"])
    client = logged_in_client(cast.case_director)

    response = client.post(
        reverse("access:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    cast.case_director.refresh_from_db()
    assert cast.case_director.check_password(PASSWORD)
