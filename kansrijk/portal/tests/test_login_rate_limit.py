"""The login is limited per e-mail address and per client address: above the limit a Dutch
page with 429 and Retry-After, and no code is sent."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kansrijk.testing.ratelimits import one_second_into_a_window

from .login_world import ask_code, enter_code, invited_sanne

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "portal_login_email": {"requests": 3, "seconds": 900},
        "portal_login_address": {"requests": 5, "seconds": 900},
        "portal_code_address": {"requests": 4, "seconds": 900},
        "portal_code_email": {"requests": 10, "seconds": 900},
    }
    with one_second_into_a_window(900):
        yield


def _refused(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Je hebt het in korte tijd heel vaak geprobeerd." in response.content.decode()


def test_codes_for_one_email_address_are_limited(
    cast, tight_limits, django_capture_on_commit_callbacks
):
    invited_sanne(cast)
    capture = django_capture_on_commit_callbacks
    for _attempt in range(3):
        # Each from another address: the limit per e-mail address holds across them.
        client = Client(REMOTE_ADDR=f"10.0.0.{_attempt + 1}")
        assert ask_code(client, capture).status_code == 302
    assert len(mail.outbox) == 3
    _refused(ask_code(Client(REMOTE_ADDR="10.0.0.9"), capture, email="SANNE@example.org"))
    assert len(mail.outbox) == 3


def test_requests_from_one_address_are_limited(
    cast, tight_limits, django_capture_on_commit_callbacks
):
    client = Client(REMOTE_ADDR="10.1.1.1")
    for number in range(5):
        response = ask_code(client, django_capture_on_commit_callbacks, email=f"x{number}@e.org")
        assert response.status_code == 302
    _refused(ask_code(client, django_capture_on_commit_callbacks, email="y@e.org"))
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.1.1.2")
    assert ask_code(other, django_capture_on_commit_callbacks).status_code == 302


def test_codes_typed_from_one_address_are_limited(
    cast, tight_limits, django_capture_on_commit_callbacks
):
    invited_sanne(cast)
    client = Client(REMOTE_ADDR="10.2.2.2")
    ask_code(client, django_capture_on_commit_callbacks)
    for _attempt in range(4):
        assert enter_code(client, "000000").status_code in (400, 302)
    _refused(enter_code(client, "000000"))


def test_empty_forms_count_too_and_the_page_says_when_to_try_again(cast, tight_limits):
    client = Client(REMOTE_ADDR="10.3.3.3")
    for _attempt in range(5):
        assert client.post(reverse("portal:login"), {}).status_code == 400
    response = client.post(reverse("portal:login"), {})
    _refused(response)
    assert re.search(r"Probeer het over \d+ minu(ut|ten) opnieuw\.", response.content.decode())
