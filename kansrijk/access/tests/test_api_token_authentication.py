"""Who gets into the API: a personal token, or a browser session that passed both factors."""

import pytest
from django.test import Client

from kansrijk.access.models import ApiToken
from kansrijk.access.services import api_token_create, api_token_revoke
from kansrijk.testing.actors import logged_in_client, verified_client
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def get_me(key: str, client: Client | None = None):
    return (client or Client()).get(ME, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_personal_token_authenticates_as_its_owner(cast):
    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    response = get_me(key)
    assert response.status_code == 200
    assert response.json()["username"] == cast.case_director.username
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_refused(cast):
    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    api_token_revoke(professional=cast.case_director, token=token)
    response = get_me(key)
    assert response.status_code == 401
    assert response.json()["detail"] == "Ongeldige of ingetrokken API-token."


def test_a_wrong_token_gets_401_with_a_dutch_message(cast):
    api_token_create(professional=cast.case_director, name="koppeling")
    response = get_me("kr_dit-is-geen-echte-token")
    assert response.status_code == 401
    assert response.json()["detail"] == "Ongeldige of ingetrokken API-token."
    assert response["WWW-Authenticate"] == "Token"


def test_no_credentials_get_401(db):
    response = Client().get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_token_of_a_deactivated_account_is_refused(cast):
    _token, key = api_token_create(professional=cast.outsider, name="koppeling")
    cast.outsider.is_active = False
    cast.outsider.save()
    response = get_me(key)
    assert response.status_code == 401
    assert response.json()["detail"] == "Dit account is gedeactiveerd."


def test_only_the_hash_of_a_token_is_stored(cast):
    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    assert token.key_hash != key
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert key.startswith(token.key_start)


def test_a_session_that_passed_both_factors_works(cast):
    client = verified_client(cast.care_team_member)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["username"] == cast.care_team_member.username


def test_a_session_after_only_the_password_step_is_refused(cast):
    client = Client()
    response = client.post(
        "/inloggen/", {"username": cast.case_director.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(ME).status_code in (401, 403)


def test_a_logged_in_session_without_the_second_factor_is_refused(cast):
    client = Client()
    client.force_login(cast.case_director)  # logged in, but not verified by OTP
    assert client.get(ME).status_code in (401, 403)
    assert logged_in_client(cast.case_director, client).get(ME).status_code == 200


def test_a_verified_session_still_needs_csrf_for_writes(cast):
    client = logged_in_client(cast.case_director, Client(enforce_csrf_checks=True))
    response = client.post(ME, {})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
