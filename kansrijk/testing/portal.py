"""Family members in the portal, for tests: an account for a person and a logged-in client.

`portal_client` starts a portal session the way the login does at its end
(`kansrijk.portal.session.login_account`), without the e-mail code round trip; the login
itself has its own tests.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.test.client import RequestFactory

from kansrijk.families.models import Person, PersonRole
from kansrijk.families.services import person_add
from kansrijk.portal.models import FamilyAccount
from kansrijk.portal.session import login_account


def make_client_person(family, actor, *, first_name="Sanne", email="sanne@example.org") -> Person:
    """The client (the pregnant woman or mother) of `family`, with a date of birth and e-mail."""
    return person_add(
        actor=actor,
        family_pk=family.pk,
        data={
            "role": PersonRole.CLIENT,
            "first_name": first_name,
            "last_name": "de Vries",
            "date_of_birth": date(1994, 5, 17),
            "email": email,
        },
    )


def make_account(person: Person, invited_by, *, email: str | None = None) -> FamilyAccount:
    return FamilyAccount.objects.create(
        person=person,
        family=person.family,
        coalition_id=person.family.coalition_id,
        email=(email or person.email).lower(),
        invited_by=invited_by,
    )


def portal_client(account: FamilyAccount, client: Client | None = None) -> Client:
    """A client logged in to the portal as `account`'s family member."""
    client = client or Client()
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = AnonymousUser()
    login_account(request, account)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return client
