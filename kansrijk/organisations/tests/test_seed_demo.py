import base64
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp

from kansrijk.organisations import demo
from kansrijk.organisations.models import Coalition, Membership, Organisation, Professional

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())


def test_the_demo_has_two_coalitions_and_every_documented_login():
    _seed()
    assert set(Coalition.objects.values_list("name", flat=True)) == {
        "Kansrijke Start Lindeoord",
        "Kansrijke Start Heuvelrande",
    }
    first = Coalition.objects.get(name="Kansrijke Start Lindeoord")
    for username in [
        "verloskundige",
        "gynaecoloog",
        "kraamzorg",
        "jgz",
        "buurtteam",
        "coordinator",
        "analist",
        "beheerder",
    ]:
        assert Membership.objects.filter(professional__username=username, coalition=first)
    assert Membership.objects.filter(
        professional__username="verloskundige2", coalition__name="Kansrijke Start Heuvelrande"
    )
    assert Membership.objects.get(professional__username="coordinator").is_coordinator
    assert Membership.objects.get(professional__username="beheerder").is_administrator
    assert Membership.objects.get(professional__username="analist").is_analyst


def test_running_it_twice_adds_nothing_and_keeps_changes():
    _seed()
    anna = Professional.objects.get(username="verloskundige")
    anna.set_password("een-eigen-gekozen-wachtwoord")
    anna.save()
    counts = (
        Professional.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    )
    _seed()
    assert counts == (
        Professional.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    )
    anna.refresh_from_db()
    assert anna.check_password("een-eigen-gekozen-wachtwoord")


def test_a_demo_login_works_with_the_documented_password_and_secret():
    _seed()
    client = Client()
    client.post("/inloggen/", {"username": "jgz", "password": demo.DEMO_PASSWORD})
    code = f"{totp(base64.b32decode(demo.DEMO_TOTP_SECRET)):06d}"
    response = client.post("/inloggen/code/", {"token": code})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Kansrijke Start Lindeoord" in page
    assert "Jeugdverpleegkundige" in page


def test_it_refuses_to_fill_a_production_database(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Demo-gegevens horen niet in productie"):
        call_command("seed_demo")
    assert not Professional.objects.exists()
