import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client, verified_client
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_temporary_password_must_be_changed_before_anything_else(cast):
    professional = cast.case_director
    professional.must_change_password = True
    professional.save()
    client = verified_client(professional)
    assert client.get("/")["Location"] == reverse("access:password_change")
    assert client.get(reverse("access:account"))["Location"] == reverse("access:password_change")
    assert client.get(reverse("access:password_change")).status_code == 200
    response = client.post(
        reverse("access:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "een-nieuw-lang-wachtwoord",
            "new_password2": "een-nieuw-lang-wachtwoord",
        },
    )
    assert response["Location"] == reverse("access:account")
    professional.refresh_from_db()
    assert not professional.must_change_password
    assert client.get("/").status_code == 200


def test_a_short_new_password_is_refused_in_dutch(cast):
    client = logged_in_client(cast.case_director)
    response = client.post(
        reverse("access:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Kies minstens 12 tekens." in response.content.decode()


def test_the_admin_has_no_password_only_login(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
