"""While the database is unreachable every page and API request gets a clear 503 with
Retry-After, not a 500; when it is back the same session works again (issue 13, faults).

The shared PostgreSQL server is never stopped here: the outage is simulated by making each
query raise what the database driver raises when the server is gone (`OperationalError`,
or `InterfaceError` for a connection already closed), either for every query (the session
cannot even be loaded) or only for the family tables (the view fails, the login works).
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends import utils
from django.test import Client

from kansrijk.access.services import api_token_create
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

PAGE = "/gezinnen/"
API = "/api/v1/families/"


@pytest.fixture
def client_of(cast):
    # The test client re-raises a view's exception by default; a browser gets the answer.
    return logged_in_client(cast.case_director, Client(raise_request_exception=False))


def _break_database(monkeypatch, error_class, *, only: str | None = None):
    """Every query (or every query naming the table `only`) raises `error_class`."""
    for wrapper in (utils.CursorWrapper, utils.CursorDebugWrapper):
        original = wrapper.execute

        def execute(self, sql, params=None, *, _original=original):
            if only is None or only in str(sql):
                raise error_class("server closed the connection unexpectedly")
            return _original(self, sql, params)

        monkeypatch.setattr(wrapper, "execute", execute)


@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_a_page_during_an_outage_is_a_dutch_503_with_retry_after(
    client_of, monkeypatch, error_class
):
    _break_database(monkeypatch, error_class)
    response = client_of.get(PAGE)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Even niet beschikbaar" in text
    assert "Probeer het over 5 seconden opnieuw." in text
    assert "niet half opgeslagen" in text
    # The security headers of the outer middleware are still there.
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_api_request_during_an_outage_is_a_problem_detail_503(client_of, monkeypatch):
    _break_database(monkeypatch, OperationalError)
    response = client_of.get(API, HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 503
    assert body["instance"] == API
    assert "database is even niet bereikbaar" in body["detail"]


def test_a_write_through_the_api_during_an_outage_is_a_503(client_of, monkeypatch):
    _break_database(monkeypatch, OperationalError)
    response = client_of.post(API, {"name": "x"}, content_type="application/json")
    assert response.status_code == 503
    assert response.json()["status"] == 503


def test_a_view_that_fails_after_the_login_worked_is_a_503_too(client_of, monkeypatch):
    # The session and the professional load; the family list's own query fails.
    _break_database(monkeypatch, OperationalError, only="families_family")
    response = client_of.get(PAGE)
    assert response.status_code == 503
    assert "Even niet beschikbaar" in response.content.decode()


@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_an_api_view_that_fails_after_the_token_worked_is_a_503_too(cast, monkeypatch, error_class):
    # The token authenticates inside the API view; the family list's own query then fails,
    # inside the API's own exception handling.
    _token, key = api_token_create(professional=cast.case_director, name="outage")
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {key}")
    _break_database(monkeypatch, error_class, only="families_family")

    response = client.get(API)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/problem+json"
    assert "database is even niet bereikbaar" in response.json()["detail"]


def test_the_same_session_works_again_when_the_database_is_back(client_of, monkeypatch):
    _break_database(monkeypatch, OperationalError)
    assert client_of.get(PAGE).status_code == 503
    assert client_of.get(API).status_code == 503
    monkeypatch.undo()
    assert client_of.get(PAGE).status_code == 200
    assert client_of.get(API).status_code == 200


def test_other_server_errors_stay_500(client_of, monkeypatch):
    _break_database(monkeypatch, ZeroDivisionError, only="families_family")
    response = client_of.get(PAGE)
    assert response.status_code == 500
    assert "Retry-After" not in response
