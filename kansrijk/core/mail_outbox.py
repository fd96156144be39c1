"""The outbox: every e-mail kansrijk sends goes through `OutgoingMail`.

`mail_enqueue` writes the mail in the caller's transaction, so the action and its mail are
stored together or not at all; a mail server that is down or a full disk (an `OSError` while
sending) fails only the send, never the action. After the commit the mail is tried at once;
a failed send keeps the row with its error and sets the next attempt (`tasks_retry.backoff`),
and a background task is enqueued for then. `manage.py send_mail_outbox` (from cron, the
safety net for a lost task) sends every mail that is due. After `MAX_ATTEMPTS` failed sends
the mail waits for a technical administrator: the faults page under Beheer lists it and
"Opnieuw proberen" (`outgoing_mail_retry`) sends it again.

Privacy: the body is blanked once the mail is sent. A mail with `expires_at` (the portal's
login code, valid for minutes) that could not be sent before then is dropped unsent and its
body blanked too: a late code no longer works, and it is not kept in clear text. Logs and
the faults page name a mail by its `label`, never by its address or content. The row of a
sent or dropped mail (its address and subject) is deleted `KEEP_DAYS` after that by
`outbox_purge`, which `manage.py send_mail_outbox` runs; a mail waiting for a retry stays.
"""

import logging
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django_tasks import task

from .audit import audit_record
from .models import AuditEvent, OutgoingMail
from .tasks_retry import backoff, retried

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BATCH = 200
KEEP_DAYS = 30
# A mail server's refusal may quote the address; the error is kept and shown without it.
ADDRESS = re.compile(r"[^\s'\"<>(),;:]+@[^\s'\"<>(),;:]+")


def error_text(error: BaseException) -> str:
    """The error in one line for the row and the faults page, without e-mail addresses."""
    return ADDRESS.sub("…@…", f"{type(error).__name__}: {error}")[:500]


def mail_enqueue(
    *,
    label: str,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    coalition=None,
    expires_at: datetime | None = None,
) -> OutgoingMail:
    """Store a mail in the caller's transaction and send it once that commits."""
    from django.utils import timezone

    mail = OutgoingMail.objects.create(
        label=label,
        to=list(to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject[:300],
        body=body,
        html_body=html_body,
        coalition=coalition,
        expires_at=expires_at,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: outgoing_mail_send(mail_pk=mail.pk), robust=True)
    return mail


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        mail.subject, mail.body, mail.from_email or settings.DEFAULT_FROM_EMAIL, mail.to
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def outgoing_mail_send(*, mail_pk: int) -> bool | None:
    """Try to send one mail now; True when sent, False when it failed (kept for a retry),
    None when there was nothing to send (sent, dropped, or being sent by someone else).
    Never raises for a failing mail server or disk."""
    from django.utils import timezone

    with transaction.atomic():
        # Locked for the send, so two workers never send the same mail twice; a locked row
        # is being sent by another worker and skipped.
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_pk, sent_at__isnull=True, dropped_at__isnull=True)
            .first()
        )
        if mail is None:
            return None
        now = timezone.now()
        if mail.expires_at is not None and mail.expires_at <= now:
            mail.dropped_at = now
            mail.body = mail.html_body = ""
            mail.next_attempt_at = None
            mail.save(update_fields=["dropped_at", "body", "html_body", "next_attempt_at"])
            logger.warning("E-mail %s (%s) expired before it could be sent.", mail.pk, mail.label)
            return None
        mail.attempts += 1
        try:
            _message(mail).send(fail_silently=False)
        except Exception as error:  # the mail server, the network or a full disk
            mail.last_error = error_text(error)
            mail.next_attempt_at = (
                now + backoff(mail.attempts) if mail.attempts < MAX_ATTEMPTS else None
            )
            mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.exception("E-mail %s (%s) could not be sent.", mail.pk, mail.label)
            sent = False
        else:
            mail.sent_at = now
            mail.body = mail.html_body = ""
            mail.next_attempt_at = None
            mail.save(update_fields=["attempts", "sent_at", "body", "html_body", "next_attempt_at"])
            sent = True
    if not sent and mail.next_attempt_at is not None:
        _schedule(mail.next_attempt_at)
    return sent


def _schedule(when: datetime) -> None:
    """Enqueue the outbox task for when the next attempt is due, where the task backend can
    wait; `manage.py send_mail_outbox` picks the mail up otherwise."""
    from django_tasks import default_task_backend

    if default_task_backend.supports_defer:
        try:
            send_mail_outbox.using(run_after=when).enqueue()
        except Exception:  # the database that stores tasks may be what fails
            logger.exception("Could not enqueue the outbox task; the cron command sends later.")


def due_mail_ids(limit: int = BATCH) -> list[int]:
    from django.utils import timezone

    return list(
        OutgoingMail.objects.filter(
            sent_at__isnull=True, dropped_at__isnull=True, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_send_due(limit: int = BATCH) -> dict:
    """Send every mail that is due, oldest first; returns how many were sent and failed."""
    counts = {"sent": 0, "failed": 0}
    for pk in due_mail_ids(limit):
        result = outgoing_mail_send(mail_pk=pk)
        if result is True:
            counts["sent"] += 1
        elif result is False:
            counts["failed"] += 1
    return counts


def failed_mails(coalition):
    """Mails that could not be sent (yet) and were not dropped: those of `coalition` and those
    of no coalition, newest first."""
    return OutgoingMail.objects.filter(
        Q(coalition=coalition) | Q(coalition__isnull=True),
        sent_at__isnull=True,
        dropped_at__isnull=True,
        attempts__gt=0,
    ).defer("body", "html_body")


def outgoing_mail_retry(*, actor, mail_pk: int, coalition, request=None) -> OutgoingMail:
    """An administrator's "Opnieuw proberen": the failed mail is due now and tried after the
    commit. Raises `OutgoingMail.DoesNotExist` for a mail that is not a failed one the
    administrator sees."""
    from django.utils import timezone

    with transaction.atomic():
        mail = failed_mails(coalition).select_for_update().get(pk=mail_pk)
        mail.next_attempt_at = timezone.now()
        mail.save(update_fields=["next_attempt_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=mail,
            coalition=coalition,
            summary=f"E-mail opnieuw verstuurd: {mail.label} ({mail.pk})",
            changes={"attempts": mail.attempts},
            request=request,
        )
        transaction.on_commit(lambda: outgoing_mail_send(mail_pk=mail.pk), robust=True)
    return mail


@retried(max_attempts=3)
@task()
def send_mail_outbox() -> dict:
    """Send the mails that are due (`outbox_send_due`); enqueued after a failed send for when
    its retry is due, and by nobody else (cron runs `manage.py send_mail_outbox`)."""
    return outbox_send_due()


def outbox_purge(now: datetime | None = None) -> int:
    """Delete the rows of mails sent or dropped more than `KEEP_DAYS` ago; the number."""
    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _ = OutgoingMail.objects.filter(
        Q(sent_at__lt=cutoff) | Q(dropped_at__lt=cutoff)
    ).delete()
    return deleted
