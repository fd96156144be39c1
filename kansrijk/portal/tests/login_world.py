"""Shared steps of the portal's login and invitation tests: a family with Sanne invited, and
the two steps of the login as a phone would send them."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person

EMAIL = "sanne@example.org"
BIRTH_DATE = "1994-05-17"


def invited_sanne(cast):
    """A family of the cast with its client Sanne, invited by the case director."""
    family = make_family(cast)
    person = make_client_person(family, cast.case_director)
    return make_account(person, cast.case_director)


def ask_code(client: Client, capture, *, email=EMAIL, birth_date=BIRTH_DATE, next_url: str = ""):
    """Step 1, with the after-commit e-mail sent (`capture`: pytest-django's
    django_capture_on_commit_callbacks fixture)."""
    data = {"email": email, "date_of_birth": birth_date}
    if next_url:
        data["next"] = next_url
    with capture(execute=True):
        return client.post(reverse("portal:login"), data)


def enter_code(client: Client, code: str):
    return client.post(reverse("portal:login_code"), {"code": code})


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def last_code() -> str:
    return code_in(mail.outbox[-1])
