"""Under the production settings, pages and API answers carry the security headers and the
session and CSRF cookies are Secure, HttpOnly and SameSite.

The settings are those `kansrijk.settings.production` computes with the variables an operator
sets (read in a separate process, as `manage.py` would start), applied to this test's Django.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kansrijk.core.tests.test_production_settings import (
    manage,
    production_environment,
    random_secret_key,
)
from kansrijk.testing.actors import current_code, logged_in_client
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOST = "kansrijk.example.nl"
SECURITY_SETTINGS = [
    "ALLOWED_HOSTS",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
]
READ_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
)


@pytest.fixture(scope="module")
def production_values() -> dict:
    environment = production_environment(
        KANSRIJK_SECRET_KEY=random_secret_key(), KANSRIJK_ALLOWED_HOSTS=HOST
    )
    result = manage("shell", "-c", READ_SETTINGS, environment=environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production(settings, production_values) -> dict:
    for name, value in production_values.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    return production_values


def _get(client: Client, path: str, **extra):
    return client.get(path, secure=True, headers={"host": HOST}, **extra)


def _assert_security_headers(response) -> None:
    policy = response["Content-Security-Policy"]
    directives = dict(
        part.strip().partition(" ")[::2] for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions


def test_production_switches_on_every_cookie_and_transport_protection(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000


def test_the_deployment_checks_pass_with_the_production_values(production, settings):
    settings.DEBUG = False
    settings.SECRET_KEY = random_secret_key()
    output = StringIO()
    # --fail-level WARNING: any warning of the deployment checklist raises SystemCheckError.
    call_command("check", "--deploy", "--fail-level", "WARNING", stdout=output, stderr=output)
    assert "System check identified no issues" in output.getvalue()


def test_a_page_carries_the_security_headers(production, cast):
    response = _get(logged_in_client(cast.case_director), reverse("access:account"))
    assert response.status_code == 200
    _assert_security_headers(response)


def test_an_api_answer_carries_the_security_headers(production, cast):
    response = _get(logged_in_client(cast.case_director), reverse("api:me"))
    assert response.status_code == 200
    _assert_security_headers(response)


def test_an_api_error_carries_the_security_headers(production, db):
    response = _get(Client(), reverse("api:me"))
    assert response.status_code in (401, 403)
    _assert_security_headers(response)


def test_plain_http_is_sent_to_https(production, db):
    response = Client().get(reverse("access:login"), headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{reverse('access:login')}"


def test_the_session_and_csrf_cookies_are_secure_httponly_and_samesite(production, cast):
    client = Client()
    login_page = _get(client, reverse("access:login"))
    csrf_cookie = login_page.cookies["__Host-csrftoken"]
    response = client.post(
        reverse("access:login"),
        {"username": cast.case_director.username, "password": PASSWORD},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("access:login_verify"),
        {"token": current_code(cast.case_director)},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302
    session_cookie = response.cookies["__Host-sessionid"]
    for cookie in (csrf_cookie, session_cookie):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert not cookie["domain"]  # a __Host- cookie is bound to the exact host
