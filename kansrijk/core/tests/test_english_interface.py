import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_the_login_page_is_dutch_by_default(client):
    page = client.get(reverse("access:login")).content.decode()
    assert '<html lang="nl"' in page
    assert "Inloggen" in page


def test_choosing_english_translates_the_interface(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    page = client.get(reverse("access:login")).content.decode()
    assert '<html lang="en"' in page
    assert "Log in" in page
    assert "Gebruikersnaam" not in page


def test_a_logged_in_professional_sees_management_in_english(cast):
    client = logged_in_client(cast.coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("organisations:manage")).content.decode()
    assert "Management" in page
    assert "Beheer" not in page


def test_a_browser_set_to_english_still_gets_dutch_until_english_is_chosen(client):
    headers = {"Accept-Language": "en-US,en;q=0.9"}
    page = client.get(reverse("access:login"), headers=headers).content.decode()
    assert '<html lang="nl"' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    page = client.get(reverse("access:login"), headers=headers).content.decode()
    assert '<html lang="en"' in page
