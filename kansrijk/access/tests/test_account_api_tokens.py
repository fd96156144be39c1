"""Making and revoking personal API tokens on the account page."""

import pytest
from django.db import connection

from kansrijk.access.models import ApiToken
from kansrijk.access.services import api_token_create
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def create_token(client, name="koppeling praktijksysteem"):
    response = client.post("/account/", {"name": name})
    assert response.status_code == 200
    return response


def shown_key(response) -> str:
    return response.context["new_token_key"]


def database_contains(text: str) -> bool:
    """Whether any column of any table holds `text` (SQLite and PostgreSQL)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = [t.name for t in connection.introspection.get_table_list(cursor) if t.type == "t"]
        for table in tables:
            for column in _column_names(cursor, table):
                column_text = f"CAST({quote(column)} AS TEXT)"
                cursor.execute(
                    f"SELECT 1 FROM {quote(table)} WHERE {column_text} LIKE %s", [f"%{text}%"]
                )
                if cursor.fetchone():
                    return True
    return False


def _column_names(cursor, table: str) -> list[str]:
    # Plain catalogue queries: Django's SQLite introspection trips over some CHECK constraints.
    if connection.vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
        return [row[1] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def test_the_account_page_offers_tokens(cast):
    page = logged_in_client(cast.case_director).get("/account/").content.decode()
    assert "API-tokens" in page
    assert "Je hebt nog geen API-tokens." in page


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(cast):
    client = logged_in_client(cast.case_director)
    response = create_token(client)
    key = shown_key(response)
    page = response.content.decode()
    assert key in page
    assert "hij wordt maar één keer getoond" in page
    assert "no-store" in response["Cache-Control"]

    token = ApiToken.objects.get(professional=cast.case_director)
    assert token.name == "koppeling praktijksysteem"
    assert token.key_hash != key
    assert len(token.key_hash) == 64
    assert database_contains(token.key_hash)  # the search itself works
    assert not database_contains(key)

    again = client.get("/account/").content.decode()
    assert key not in again
    assert token.key_start in again
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_making_a_token_is_audited(cast):
    create_token(logged_in_client(cast.case_director), name="export")
    token = ApiToken.objects.get()
    event = AuditEvent.objects.get(object_type="access.ApiToken", object_id=str(token.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == cast.case_director
    assert "export" in event.summary


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_gets_a_dutch_error(cast, name):
    response = logged_in_client(cast.case_director).post("/account/", {"name": name})
    assert response.status_code == 200
    assert "Geef de token een naam" in response.content.decode()
    assert response.context["new_token_key"] is None
    assert not ApiToken.objects.exists()


def test_revoking_asks_for_confirmation_first(cast):
    token, key = api_token_create(professional=cast.case_director, name="koppeling")
    client = logged_in_client(cast.case_director)
    response = client.get(f"/account/tokens/{token.pk}/intrekken/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Weet je zeker" in page
    assert "koppeling" in page
    token.refresh_from_db()
    assert token.is_active

    response = client.post(f"/account/tokens/{token.pk}/intrekken/")
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    token.refresh_from_db()
    assert not token.is_active
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert "is ingetrokken" in client.get("/account/").content.decode()


def test_revoking_is_audited(cast):
    token, _key = api_token_create(professional=cast.case_director, name="koppeling")
    logged_in_client(cast.case_director).post(f"/account/tokens/{token.pk}/intrekken/")
    event = AuditEvent.objects.get(
        object_type="access.ApiToken", object_id=str(token.pk), action=AuditEvent.Action.UPDATE
    )
    assert event.actor == cast.case_director
    assert "ingetrokken" in event.summary


def test_nobody_can_revoke_someone_elses_token(cast):
    token, _key = api_token_create(professional=cast.case_director, name="koppeling")
    client = logged_in_client(cast.outsider)
    assert client.get(f"/account/tokens/{token.pk}/intrekken/").status_code == 404
    assert client.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_a_revoked_token_cannot_be_revoked_again(cast):
    token, _key = api_token_create(professional=cast.case_director, name="koppeling")
    client = logged_in_client(cast.case_director)
    client.post(f"/account/tokens/{token.pk}/intrekken/")
    assert client.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 404


def test_the_account_page_lists_only_ones_own_tokens(cast):
    api_token_create(professional=cast.outsider, name="token-van-een-ander")
    page = logged_in_client(cast.case_director).get("/account/").content.decode()
    assert "token-van-een-ander" not in page


def test_the_account_page_needs_a_login(client, db):
    response = client.post("/account/", {"name": "koppeling"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
