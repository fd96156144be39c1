"""A failing mail server or a full disk never loses the action that sends a mail, nor the
mail: it stays in the outbox with its error and is sent on a later try; administrators see
the mails that failed."""

import errno
import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.mail_outbox import KEEP_DAYS, MAX_ATTEMPTS, outbox_send_due
from kansrijk.core.models import AuditEvent, OutgoingMail
from kansrijk.portal.models import FamilyAccount
from kansrijk.portal.services_invite import family_account_invite
from kansrijk.portal.services_login import login_code_request
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down and quotes the address it refused."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(f"550 mailbox {email_messages[0].to[0]} unavailable")


class FullDiskBackend(BaseEmailBackend):
    """The spool directory's disk is full."""

    def send_messages(self, email_messages):
        raise OSError(errno.ENOSPC, "No space left on device")


def invite(cast, capture):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    with capture(execute=True):
        family_account_invite(actor=cast.case_director, family_pk=family.pk, person_pk=sanne.pk)
    return sanne


@pytest.mark.parametrize(
    ("backend", "error"),
    [
        (f"{__name__}.RefusingBackend", "ConnectionRefusedError: 550 mailbox …@… unavailable"),
        (f"{__name__}.FullDiskBackend", "OSError: [Errno 28] No space left on device"),
    ],
)
def test_a_failing_send_keeps_the_action_and_the_mail_for_a_later_try(
    cast, settings, django_capture_on_commit_callbacks, backend, error
):
    settings.EMAIL_BACKEND = backend
    sanne = invite(cast, django_capture_on_commit_callbacks)
    # The action is done.
    assert FamilyAccount.objects.filter(person=sanne).exists()
    # The mail waits, with its error (no address in it) and the time of the next try.
    waiting = OutgoingMail.objects.get()
    assert waiting.sent_at is None
    assert waiting.attempts == 1
    assert waiting.last_error == error
    assert waiting.to == ["sanne@example.org"]
    assert "Sanne" in waiting.body
    assert waiting.next_attempt_at > timezone.now()
    assert mail.outbox == []
    # Not due yet: the command leaves it.
    settings.EMAIL_BACKEND = LOCMEM
    out = io.StringIO()
    call_command("send_mail_outbox", stdout=out)
    assert mail.outbox == []
    # The mail server is back and the next try is due: sent once, its text removed.
    with time_machine.travel(waiting.next_attempt_at, tick=False):
        call_command("send_mail_outbox", stdout=out)
        call_command("send_mail_outbox", stdout=out)
    assert "1 e-mail verstuurd" in out.getvalue()
    assert [message.to for message in mail.outbox] == [["sanne@example.org"]]
    assert "Sanne" in mail.outbox[0].body
    sent = OutgoingMail.objects.get()
    assert sent.sent_at is not None
    assert sent.attempts == 2
    assert sent.body == ""


def test_a_mail_that_works_is_sent_after_the_commit_and_its_text_removed(
    cast, django_capture_on_commit_callbacks
):
    invite(cast, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    sent = OutgoingMail.objects.get()
    assert (sent.attempts, sent.body, sent.last_error) == (1, "", "")
    assert sent.sent_at is not None


def test_the_command_deletes_mails_sent_or_dropped_long_ago_and_keeps_waiting_ones():
    now = timezone.now()
    long_ago = now - timedelta(days=KEEP_DAYS, hours=1)
    recently = now - timedelta(days=KEEP_DAYS - 1)

    def outgoing(subject, **fields):
        return OutgoingMail.objects.create(
            label="test", to=["a@example.org"], subject=subject, **fields
        )

    outgoing("oud verstuurd", sent_at=long_ago)
    outgoing("oud vervallen", dropped_at=long_ago)
    outgoing("net verstuurd", sent_at=recently)
    outgoing("wacht al lang", attempts=MAX_ATTEMPTS, last_error="Fout")
    out = io.StringIO()

    call_command("send_mail_outbox", stdout=out)

    assert "2 oude verwijderd" in out.getvalue()
    remaining = set(OutgoingMail.objects.values_list("subject", flat=True))
    assert remaining == {"net verstuurd", "wacht al lang"}


def test_a_rolled_back_action_leaves_no_mail(cast, django_capture_on_commit_callbacks):
    from django.db import transaction

    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)

    def invite_then_fail():
        with transaction.atomic():
            family_account_invite(actor=cast.case_director, family_pk=family.pk, person_pk=sanne.pk)
            raise RuntimeError("the page failed after the invitation")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        invite_then_fail()
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_a_login_code_not_sent_before_it_expires_is_dropped(
    cast, settings, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    make_account(make_client_person(family, cast.case_director), cast.case_director)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        account = login_code_request(email="sanne@example.org", date_of_birth=_birth())
    assert account is not None
    code_mail = OutgoingMail.objects.get()
    assert code_mail.expires_at is not None
    settings.EMAIL_BACKEND = LOCMEM
    later = code_mail.expires_at + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert outbox_send_due() == {"sent": 0, "failed": 0}
    code_mail.refresh_from_db()
    assert code_mail.dropped_at is not None
    assert code_mail.body == ""  # the code is not kept in clear text
    assert mail.outbox == []


def _birth():
    from datetime import date

    return date(1994, 5, 17)


def test_after_its_attempts_a_mail_waits_for_an_administrator(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    invite(cast, django_capture_on_commit_callbacks)
    waiting = OutgoingMail.objects.get()
    for _ in range(MAX_ATTEMPTS - 1):
        with time_machine.travel(waiting.next_attempt_at, tick=False):
            outbox_send_due()
        waiting.refresh_from_db()
    assert waiting.attempts == MAX_ATTEMPTS
    assert waiting.next_attempt_at is None

    client = logged_in_client(cast.administrator)
    page = client.get(reverse("core:operations"))
    assert [row["kind"] for row in page.context["mail_rows"]] == ["Uitnodiging Mijn gezin"]
    text = page.content.decode()
    assert "sanne@example.org" not in text
    assert "ConnectionRefusedError: 550 mailbox …@… unavailable" in text

    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:operations_mail_retry", args=[waiting.pk]), follow=True
        )
    assert "wordt opnieuw verstuurd" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["sanne@example.org"]]
    assert OutgoingMail.objects.get().sent_at is not None
    assert AuditEvent.objects.filter(
        actor=cast.administrator, summary__startswith="E-mail opnieuw verstuurd"
    ).exists()
    assert (
        logged_in_client(cast.administrator).get(reverse("core:operations")).context["mail_rows"]
        == []
    )


def test_a_failed_mail_of_another_coalition_is_not_shown(cast):
    from kansrijk.testing.factories import CoalitionFactory

    OutgoingMail.objects.create(
        label="portal: invitation of account 1",
        to=["someone@example.org"],
        subject="x",
        body="x",
        coalition=CoalitionFactory(),
        attempts=1,
        last_error="ConnectionRefusedError",
    )
    client = logged_in_client(cast.administrator)
    assert client.get(reverse("core:operations")).context["mail_rows"] == []
    other = OutgoingMail.objects.get()
    assert client.post(reverse("core:operations_mail_retry", args=[other.pk])).status_code == 404
