"""The caller's own API tokens through the API: listing them and revoking one (the audit
trail); someone else's token and one already revoked are "not found"; a revoked token no longer
works; no token is made through the API; the list costs the same for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kansrijk.access.models import ApiToken
from kansrijk.access.services import api_token_create
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/me/tokens/"


def revoke(pk: int) -> str:
    return f"{LIST}{pk}/revoke/"


def _token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_professional_lists_and_revokes_their_own_tokens(cast):
    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    api_token_create(professional=cast.outsider, name="van een ander")
    client = _token_client(key)
    rows = client.get(LIST).json()["results"]
    assert [(row["name"], row["is_active"]) for row in rows] == [("koppeling", True)]
    assert key not in str(rows)
    assert rows[0]["key_start"] == key[:8]

    response = client.post(revoke(token.pk))
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(object_type="access.ApiToken", action="update")
    assert event.actor == cast.case_director
    # The token revoked itself: it no longer works.
    assert client.get(LIST).status_code == 401


def test_someone_elses_token_and_a_revoked_one_are_not_found(cast):
    token, _key = api_token_create(professional=cast.outsider, name="van een ander")
    client = logged_in_client(cast.case_director)
    assert client.post(revoke(token.pk)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    own, _key = api_token_create(professional=cast.case_director, name="eigen")
    assert client.post(revoke(own.pk)).status_code == 200
    again = client.post(revoke(own.pk))
    assert again.status_code == 404
    assert again.json()["detail"] == "Deze token bestaat niet of is al ingetrokken."
    assert AuditEvent.objects.filter(object_type="access.ApiToken", action="update").count() == 1


def test_no_token_is_made_through_the_api(cast):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    client = _token_client(key)
    response = client.post(LIST, {"name": "nog een"}, format="json")
    assert response.status_code == 405
    assert ApiToken.objects.count() == 1
    assert APIClient().get(LIST).status_code == 401


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_for_one_row_as_for_many(cast):
    api_token_create(professional=cast.case_director, name="een")
    client = logged_in_client(cast.case_director)
    client.get(LIST)  # the first request of a session stores its last activity
    few = _queries(client)
    for number in range(8):
        api_token_create(professional=cast.case_director, name=f"token {number}")
    # Session, user, device, a count and one page.
    assert _queries(client) == few
