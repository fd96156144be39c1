"""Logging in to "Mijn gezin": e-mail address and date of birth, then a one-time code by e-mail.

The rules, in plain words:

1. No enumeration. Whether or not the e-mail address and date of birth belong to an active
   account, the answer is the same page, and the same work is done (a code is drawn and
   hashed either way). The code page answers a made-up pending login exactly as a real one:
   "wrong code", counting down the same attempts, "expired" after the same minutes.
2. A code is six digits, e-mailed once; only its HMAC (keyed with SECRET_KEY) is kept. It is
   valid for PORTAL_LOGIN_CODE_MINUTES, for at most `CODE_ATTEMPTS` tries, once. Asking for a
   new code ends the earlier unused ones.
3. Which login is pending lives in the server-side session (never in the URL).
4. Requests are limited per client address and per e-mail address (`RATE_LIMITS` in the settings,
   `portal_login_*` and `portal_code_*`, counted by `kansrijk.core.ratelimit`).
5. A successful login starts a portal session (`kansrijk.portal.session.login_account`: a new
   session key), is logged as the family member's own access and in the audit trail.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent

from .mail import portal_mail_send_on_commit
from .models import FamilyAccount, LoginCode
from .session import login_account

CODE_ATTEMPTS = 5
PENDING_KEY = "portal_pending_login"
CODE_SUBJECT = gettext_lazy("Je code voor Mijn gezin")
OBJECT_TYPE = "portal.FamilyAccount"


def code_hash(code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"portal-login-code:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def normalised_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def login_code_request(*, email: str, date_of_birth: date, request=None) -> FamilyAccount | None:
    """Send a code when `email` (any case) and `date_of_birth` match an active account; the
    account, or None. The caller answers the same either way."""
    email = normalised_email(email)
    code = _new_code()
    # Hashed before the lookup, whatever it finds: equal work for a match and a miss.
    digest = code_hash(code)
    account = (
        FamilyAccount.objects.active()
        .alias(email_lower=Lower("email"))  # the partial unique index on lower(email)
        .filter(email_lower=email)
        .select_related("person", "coalition")
        .first()
    )
    if account is None or account.person.date_of_birth != date_of_birth:
        # Neither the address nor the date is kept: they may belong to nobody.
        audit_record(
            actor=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            object_type=OBJECT_TYPE,
            summary=_("Code voor Mijn gezin gevraagd; de gegevens kloppen niet"),
            request=request,
        )
        return None
    now = timezone.now()
    LoginCode.objects.filter(account=account, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    LoginCode.objects.create(
        account=account,
        code_hash=digest,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.PORTAL_LOGIN_CODE_MINUTES),
    )
    audit_record(
        actor=None,
        action=AuditEvent.Action.SECURITY,
        obj=account,
        coalition=account.coalition,
        summary=_("Code voor Mijn gezin gestuurd"),
        request=request,
    )
    portal_mail_send_on_commit(
        to=account.email,
        subject=CODE_SUBJECT,
        template="portal/login/email_code.txt",
        context={
            "first_name": account.person.first_name,
            "code": code,
            "minutes": settings.PORTAL_LOGIN_CODE_MINUTES,
        },
        what=f"login code of account {account.pk}",
        # The mail is dropped unsent when the code expires first (`core.mail_outbox`).
        expires_at=now + timedelta(minutes=settings.PORTAL_LOGIN_CODE_MINUTES),
        coalition=account.coalition,
    )
    return account


def pending_login(account: FamilyAccount | None, *, email: str, next_url: str) -> dict:
    """What the session keeps between the two steps (the same shape for a match and a miss)."""
    return {
        "account": account.pk if account is not None else None,
        "email": normalised_email(email),
        "requested": int(time.time()),
        "attempts": 0,
        "next": next_url,
    }


@dataclass
class CodeResult:
    account: FamilyAccount | None = None
    error: str = ""
    attempts_left: int = 0
    # The code can no longer be used: the family member must ask for a new one.
    new_code_needed: bool = False


def _wrong(attempts: int) -> CodeResult:
    left = max(0, CODE_ATTEMPTS - attempts)
    if left == 0:
        return _too_many()
    return CodeResult(
        error=ngettext(
            "Deze code klopt niet. Je kunt het nog %(left)d keer proberen.",
            "Deze code klopt niet. Je kunt het nog %(left)d keer proberen.",
            left,
        )
        % {"left": left},
        attempts_left=left,
    )


def _too_many() -> CodeResult:
    return CodeResult(
        error=_("Je hebt de code te vaak verkeerd ingevuld. Vraag een nieuwe code aan."),
        new_code_needed=True,
    )


def _expired() -> CodeResult:
    return CodeResult(
        error=_("Deze code is niet meer geldig. Vraag een nieuwe code aan."),
        new_code_needed=True,
    )


def login_code_verify(*, pending: dict, code: str, request) -> CodeResult:
    """Check `code` for the pending login and, when it is right, log the family member in.

    `pending` (from the session) counts the attempts too, so that a pending login without an
    account answers exactly as one with an account; for a real account the code's own
    counter decides. A wrong attempt is saved (the transaction commits), then reported.
    """
    digest = code_hash(code.strip())
    pending["attempts"] = pending.get("attempts", 0) + 1
    expired = time.time() - pending.get("requested", 0) > settings.PORTAL_LOGIN_CODE_MINUTES * 60
    if not pending.get("account"):
        if expired or pending["attempts"] > CODE_ATTEMPTS:
            return _expired() if expired else _too_many()
        # Written as for a real account's wrong code: the same work, and a trail of guesses.
        with transaction.atomic():
            audit_record(
                actor=None,
                action=AuditEvent.Action.LOGIN_FAILED,
                object_type=OBJECT_TYPE,
                summary=_("Verkeerde code voor Mijn gezin"),
                request=request,
            )
        return _wrong(pending["attempts"])
    with transaction.atomic():
        now = timezone.now()
        login_code = (
            LoginCode.objects.select_for_update(of=("self",))
            .filter(
                account_id=pending["account"],
                account__revoked_at__isnull=True,
                used_at__isnull=True,
            )
            .select_related("account__person__family", "account__coalition")
            .order_by("-created_at", "-id")
            .first()
        )
        if login_code is None or login_code.expires_at <= now:
            return _expired()
        if login_code.attempts >= CODE_ATTEMPTS:
            return _too_many()
        account = login_code.account
        if not hmac.compare_digest(login_code.code_hash, digest):
            login_code.attempts += 1
            login_code.save(update_fields=["attempts"])
            audit_record(
                actor=None,
                action=AuditEvent.Action.LOGIN_FAILED,
                obj=account,
                coalition=account.coalition,
                summary=_("Verkeerde code voor Mijn gezin"),
                request=request,
            )
            return _wrong(login_code.attempts)
        login_code.used_at = now
        login_code.save(update_fields=["used_at"])
        login_account(request, account)
        access_event_record_self(
            person=account.person,
            action=AccessEvent.Action.READ,
            detail=_("Ingelogd in Mijn gezin"),
            request=request,
        )
        audit_record(
            actor=None,
            action=AuditEvent.Action.LOGIN,
            obj=account,
            coalition=account.coalition,
            summary=_("Ingelogd in Mijn gezin"),
            request=request,
        )
        return CodeResult(account=account)


@transaction.atomic
def logout_recorded(*, account: FamilyAccount, request=None) -> None:
    """The audit trail of a family member logging out (the session itself ends in the view)."""
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGOUT,
        obj=account,
        coalition=account.coalition,
        summary=_("Uitgelogd uit Mijn gezin"),
        request=request,
    )
