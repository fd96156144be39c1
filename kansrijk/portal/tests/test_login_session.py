"""A portal session is short and separate: it ends after PORTAL_SESSION_IDLE_MINUTES without a
request and after PORTAL_SESSION_MAX_MINUTES in all, when the account is revoked, and at
logout; it never opens a professional page, and a professional's session is no portal
session."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.portal.services_invite import family_account_revoke
from kansrijk.portal.session import ACCOUNT_KEY
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.portal import portal_client

from .login_world import ask_code, enter_code, invited_sanne, last_code

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("portal:login") + "?next="
    )


def test_the_session_ends_after_the_idle_minutes(cast):
    account = invited_sanne(cast)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = portal_client(account)
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=settings.PORTAL_SESSION_IDLE_MINUTES - 1))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=settings.PORTAL_SESSION_IDLE_MINUTES, seconds=1))
        assert _sent_to_login(client.get(HOME))
        assert ACCOUNT_KEY not in client.session


def test_the_session_ends_after_the_maximum_minutes_however_active(cast):
    account = invited_sanne(cast)
    start = timezone.now()
    step = timedelta(minutes=settings.PORTAL_SESSION_IDLE_MINUTES - 1)
    with time_machine.travel(start, tick=False) as traveller:
        client = portal_client(account)
        elapsed = timedelta()
        while elapsed + step <= timedelta(minutes=settings.PORTAL_SESSION_MAX_MINUTES):
            traveller.shift(step)
            elapsed += step
            assert client.get(HOME).status_code == 200
        traveller.shift(step)
        assert _sent_to_login(client.get(HOME))


def test_a_revoked_account_loses_its_open_session_at_the_next_request(cast):
    account = invited_sanne(cast)
    client = portal_client(account)
    assert client.get(HOME).status_code == 200
    family_account_revoke(
        actor=cast.case_director, family_pk=account.family_id, account_pk=account.pk
    )
    assert _sent_to_login(client.get(HOME))


def test_a_revoked_account_gets_no_code(cast, django_capture_on_commit_callbacks):
    from django.core import mail

    account = invited_sanne(cast)
    family_account_revoke(
        actor=cast.case_director, family_pk=account.family_id, account_pk=account.pk
    )
    assert ask_code(Client(), django_capture_on_commit_callbacks).status_code == 302
    assert mail.outbox == []


def test_a_professionals_session_is_no_portal_session(cast):
    client = logged_in_client(cast.case_director)
    assert _sent_to_login(client.get(HOME))


def test_a_portal_session_opens_no_professional_page(cast):
    account = invited_sanne(cast)
    client = portal_client(account)
    for url in (
        reverse("families:detail", args=[account.family_id]),
        reverse("families:list"),
        reverse("portal:invitations", args=[account.family_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/?next=")


def test_logging_in_to_the_portal_ends_a_professionals_session(
    cast, django_capture_on_commit_callbacks
):
    invited_sanne(cast)
    client = logged_in_client(cast.case_director)
    ask_code(client, django_capture_on_commit_callbacks)
    assert enter_code(client, last_code())["Location"] == HOME
    assert client.get(reverse("families:list"))["Location"].startswith("/inloggen/?next=")
    assert client.get(HOME).status_code == 200


def test_logging_out_ends_the_session(cast):
    account = invited_sanne(cast)
    client = portal_client(account)
    response = client.post(reverse("portal:logout"))
    assert response["Location"] == reverse("portal:login")
    assert "Je bent uitgelogd." in client.get(response["Location"]).content.decode()
    assert _sent_to_login(client.get(HOME))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGOUT, object_id=str(account.pk)
    ).exists()


def test_logging_out_of_the_portal_leaves_a_professional_logged_in(cast):
    client = logged_in_client(cast.case_director)
    assert client.post(reverse("portal:logout"))["Location"] == reverse("portal:login")
    assert client.get(reverse("families:list")).status_code == 200


def test_a_logged_in_family_member_skips_the_login_page(cast):
    client = portal_client(invited_sanne(cast))
    assert client.get(reverse("portal:login"))["Location"] == HOME
