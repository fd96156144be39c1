"""The production settings pass Django's deployment checklist and refuse an unsafe start."""

import base64
import os
import secrets
import string
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")
# Variables the settings read, with or without the KANSRIJK_ prefix; the test sets its own.
OPERATOR_VARIABLES = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "HSTS_SECONDS",
    "MONITORING_SIGNING_KEY",
}
# Set by the browser tests while a browser runs; never part of a deployment.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_environment(**variables: str) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KANSRIJK_") and name not in OPERATOR_VARIABLES | TEST_ONLY_VARIABLES
    }
    environment["DJANGO_SETTINGS_MODULE"] = "kansrijk.settings.production"
    environment["KANSRIJK_MONITORING_SIGNING_KEY"] = base64.b64encode(os.urandom(32)).decode()
    environment.update(variables)
    return environment


def manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def test_the_deployment_checklist_passes_without_warnings():
    environment = production_environment(
        KANSRIJK_SECRET_KEY=random_secret_key(), KANSRIJK_ALLOWED_HOSTS="kansrijk.example.nl"
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    environment = production_environment(KANSRIJK_ALLOWED_HOSTS="kansrijk.example.nl")
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KANSRIJK_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    environment = production_environment(
        KANSRIJK_SECRET_KEY="te-kort", KANSRIJK_ALLOWED_HOSTS="kansrijk.example.nl"
    )
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "KANSRIJK_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    environment = production_environment(KANSRIJK_SECRET_KEY=random_secret_key())
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "KANSRIJK_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_monitoring_signing_key():
    environment = production_environment(
        KANSRIJK_SECRET_KEY=random_secret_key(),
        KANSRIJK_ALLOWED_HOSTS="kansrijk.example.nl",
        KANSRIJK_MONITORING_SIGNING_KEY="",
    )
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "MONITORING_SIGNING_KEY" in result.stderr
