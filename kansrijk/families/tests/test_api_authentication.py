"""The families API accepts a personal token or a browser session that passed 2FA; anyone
else gets 401 (the API never redirects to the login page)."""

import pytest
from django.test import Client

from kansrijk.access.services import api_token_create
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/families/", "/api/v1/families/{pk}/", "/api/v1/families/{pk}/access-log/"]


@pytest.mark.parametrize("url", URLS)
def test_a_personal_token_is_accepted(url, cast, cast_family):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    response = Client().get(url.format(pk=cast_family.pk), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_a_session_that_passed_two_factors_is_accepted(url, cast, cast_family):
    response = logged_in_client(cast.case_director).get(url.format(pk=cast_family.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_a_session_without_the_second_factor_is_refused(url, cast, cast_family):
    client = Client()
    client.force_login(cast.case_director)
    assert client.get(url.format(pk=cast_family.pk)).status_code == 401


@pytest.mark.parametrize("url", URLS)
def test_anonymous_gets_401_not_a_login_page(url, cast_family):
    response = Client().get(url.format(pk=cast_family.pk))
    assert response.status_code == 401
    assert "Location" not in response


def test_a_revoked_token_is_refused(cast, cast_family):
    from kansrijk.access.services import api_token_revoke

    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    api_token_revoke(professional=cast.case_director, token=token)
    response = Client().get("/api/v1/families/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def test_a_write_without_authentication_is_refused(cast, cast_family):
    response = Client().patch(
        f"/api/v1/families/{cast_family.pk}/",
        {"version": 1, "low_income": True},
        content_type="application/json",
    )
    assert response.status_code == 401
    cast_family.refresh_from_db()
    assert cast_family.low_income is False
