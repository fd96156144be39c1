"""Logging in to "Mijn gezin": e-mail address and date of birth, then the code from the
e-mail; no enumeration; codes that expire, are used once and allow five tries."""

import hashlib
import hmac
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.core.models import AuditEvent
from kansrijk.portal.models import LoginCode
from kansrijk.portal.session import ACCOUNT_KEY

from .login_world import EMAIL, ask_code, code_in, enter_code, invited_sanne, last_code

pytestmark = pytest.mark.django_db

SENT = "Als je gegevens kloppen, krijg je binnen een paar minuten een e-mail met een code."


def test_a_family_member_logs_in_with_the_code_from_the_email(
    cast, django_capture_on_commit_callbacks
):
    account = invited_sanne(cast)
    client = Client()

    response = ask_code(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login_code")
    assert "?" not in response["Location"]  # the pending login is not in the URL
    page = client.get(reverse("portal:login_code"))
    assert SENT in page.content.decode()
    assert page["Cache-Control"] == "no-store"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert message.subject.startswith("Je code voor Mijn gezin")
    assert "Hallo Sanne," in message.body
    # Nothing about the family travels by mail.
    assert "de Vries" not in message.body
    assert account.family.reference not in message.body
    code = code_in(message)
    stored = LoginCode.objects.get(account=account)
    assert stored.code_hash != code
    expected = hmac.new(
        settings.SECRET_KEY.encode(), f"portal-login-code:{code}".encode(), hashlib.sha256
    )
    assert stored.code_hash == expected.hexdigest()

    key_before = client.session.session_key
    response = enter_code(client, code)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.session.session_key != key_before  # no session fixation
    assert client.session[ACCOUNT_KEY] == account.pk

    account.refresh_from_db()
    assert account.activated_at is not None
    assert account.last_login_at is not None
    assert LoginCode.objects.get(account=account).used_at is not None
    event = AccessEvent.objects.get(family=account.family, detail="Ingelogd in Mijn gezin")
    assert event.ground == SELF_GROUND
    assert event.user is None
    assert event.persons == [account.person_id]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN, object_id=str(account.pk)
    ).exists()


def test_the_email_address_is_matched_whatever_its_case(cast, django_capture_on_commit_callbacks):
    invited_sanne(cast)
    client = Client()
    ask_code(client, django_capture_on_commit_callbacks, email="  Sanne@EXAMPLE.org ")
    assert len(mail.outbox) == 1
    assert enter_code(client, last_code())["Location"] == reverse("portal:home")


def _visible(response) -> str:
    """The page as the browser shows it, without the per-request CSRF token."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def test_wrong_details_get_exactly_the_answer_of_right_ones_and_no_mail(
    cast, django_capture_on_commit_callbacks
):
    invited_sanne(cast)
    capture = django_capture_on_commit_callbacks
    right, wrong_date, unknown = Client(), Client(), Client()

    answers = [
        ask_code(wrong_date, capture, birth_date="1994-05-18"),
        ask_code(unknown, capture, email="niemand@example.org"),
    ]
    assert mail.outbox == []
    answers.append(ask_code(right, capture))
    assert len(mail.outbox) == 1
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("portal:login_code"))
    }
    pages = [_visible(c.get(reverse("portal:login_code"))) for c in (wrong_date, unknown, right)]
    assert pages[0] == pages[1] == pages[2]

    # A code typed for a login without an account is "wrong", counted as for a real one.
    typed = [_visible(enter_code(c, "000000")) for c in (wrong_date, unknown, right)]
    assert typed[0] == typed[1] == typed[2]
    assert "Deze code klopt niet. Je kunt het nog 4 keer proberen." in typed[0]
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.filter(summary__contains="de gegevens kloppen niet").count() == 2
    assert failed.filter(summary="Verkeerde code voor Mijn gezin").count() == 3


def test_an_expired_code_no_longer_works(cast, django_capture_on_commit_callbacks):
    invited_sanne(cast)
    client = Client()
    ask_code(client, django_capture_on_commit_callbacks)
    code = last_code()
    later = timezone.now() + timedelta(minutes=settings.PORTAL_LOGIN_CODE_MINUTES, seconds=5)
    with time_machine.travel(later, tick=False):
        response = enter_code(client, code)
        assert response["Location"] == reverse("portal:login")
        page = client.get(response["Location"]).content.decode()
    assert "Deze code is niet meer geldig. Vraag een nieuwe code aan." in page
    assert ACCOUNT_KEY not in client.session


def test_a_used_code_cannot_be_used_again(cast, django_capture_on_commit_callbacks):
    invited_sanne(cast)
    first = Client()
    ask_code(first, django_capture_on_commit_callbacks)
    pending = dict(first.session["portal_pending_login"])
    code = last_code()
    assert enter_code(first, code)["Location"] == reverse("portal:home")

    # Someone who copied the pending login and the code tries it once more.
    second = Client()
    session = second.session
    session["portal_pending_login"] = pending
    session.save()
    response = enter_code(second, code)
    assert response["Location"] == reverse("portal:login")
    assert ACCOUNT_KEY not in second.session


def test_five_wrong_codes_end_the_code(cast, django_capture_on_commit_callbacks):
    invited_sanne(cast)
    client = Client()
    ask_code(client, django_capture_on_commit_callbacks)
    code = last_code()
    wrong = "111111" if code != "111111" else "222222"
    for left in (4, 3, 2, 1):
        response = enter_code(client, wrong)
        assert response.status_code == 400
        assert f"Je kunt het nog {left} keer proberen." in response.content.decode()
    response = enter_code(client, wrong)
    assert response["Location"] == reverse("portal:login")
    page = client.get(response["Location"]).content.decode()
    assert "Je hebt de code te vaak verkeerd ingevuld. Vraag een nieuwe code aan." in page
    assert LoginCode.objects.get().attempts == 5

    # Not even the right code works now: the pending login is gone, and restored it is refused.
    assert enter_code(client, code)["Location"] == reverse("portal:login")
    session = client.session
    session["portal_pending_login"] = {
        "account": LoginCode.objects.get().account_id,
        "email": EMAIL,
        "requested": int(timezone.now().timestamp()),
        "attempts": 0,
        "next": "",
    }
    session.save()
    assert enter_code(client, code)["Location"] == reverse("portal:login")
    assert ACCOUNT_KEY not in client.session


def test_a_new_code_ends_the_earlier_one(cast, django_capture_on_commit_callbacks):
    invited_sanne(cast)
    client = Client()
    ask_code(client, django_capture_on_commit_callbacks)
    earlier = last_code()
    ask_code(client, django_capture_on_commit_callbacks)
    newer = last_code()
    if earlier != newer:  # one in a million they are the same digits
        response = enter_code(client, earlier)
        assert response.status_code == 400
        assert "Deze code klopt niet." in response.content.decode()
    earlier_code = LoginCode.objects.order_by("created_at", "id").first()
    assert earlier_code.expires_at <= timezone.now()
    assert enter_code(client, newer)["Location"] == reverse("portal:home")
    assert LoginCode.objects.filter(used_at__isnull=False).count() == 1


def test_bad_input_gets_dutch_errors_and_is_kept(cast):
    response = Client().post(
        reverse("portal:login"), {"email": "sanne@", "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in page
    assert "Je geboortedatum kan niet in de toekomst liggen." in page
    assert 'value="sanne@"' in page


def test_the_login_goes_on_to_a_page_of_the_portal_never_elsewhere(
    cast, django_capture_on_commit_callbacks
):
    invited_sanne(cast)
    capture = django_capture_on_commit_callbacks
    client = Client()
    ask_code(client, capture, next_url=reverse("portal:team"))
    assert enter_code(client, last_code())["Location"] == reverse("portal:team")

    client = Client()
    ask_code(client, capture, next_url="https://evil.example.com/mijn/")
    assert enter_code(client, last_code())["Location"] == reverse("portal:home")


def test_the_code_page_without_a_pending_login_goes_back_to_step_one(cast):
    response = Client().get(reverse("portal:login_code"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login")
