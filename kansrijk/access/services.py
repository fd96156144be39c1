"""Writes of the access app: the two-step login, TOTP devices and personal API tokens.

The login is two steps. The password step only remembers, for five minutes, who passed it;
the professional is logged in once the second factor (a TOTP code) is verified too. A failed
code counts as a failed login for the lockout, just like a wrong password.
"""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login, logout, user_login_failed
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Professional

from .models import ApiToken, hash_token, new_token_key

PENDING_LOGIN_KEY = "pending_login"
PENDING_LOGIN_SECONDS = 300
DEVICE_NAME = "Authenticator-app"


def login_password_passed(request, *, user: Professional) -> None:
    request.session.cycle_key()
    request.session[PENDING_LOGIN_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "at": int(time.time()),
    }


def pending_login_user(request) -> Professional | None:
    """The professional who passed the password step in the last five minutes, if any."""
    pending = request.session.get(PENDING_LOGIN_KEY)
    if not pending or time.time() - pending["at"] > PENDING_LOGIN_SECONDS:
        request.session.pop(PENDING_LOGIN_KEY, None)
        return None
    user = Professional.objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def confirmed_device(user: Professional) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_locked_out(request, *, user: Professional) -> bool:
    AxesProxyHandler.update_request(request)
    return AxesProxyHandler.is_locked(request, {"username": user.username})


def login_token_failed(request, *, user: Professional) -> None:
    """Count a wrong code as a failed login (django-axes listens to this signal)."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN_FAILED,
        obj=user,
        summary=f"Onjuiste code bij inloggen van {user.username}",
        request=request,
    )


@transaction.atomic
def login_complete(request, *, user: Professional, device: TOTPDevice) -> None:
    request.session.pop(PENDING_LOGIN_KEY, None)
    login(request, user, backend=user.backend)
    otp_login(request, device)
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN,
        obj=user,
        summary=f"{user.username} ingelogd met twee factoren",
        request=request,
    )


def totp_device_for_setup(user: Professional) -> TOTPDevice:
    """The unconfirmed device a professional is setting up; the same one on every reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(request, *, user: Professional, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=user,
        summary=f"{user.username} heeft een authenticator-app ingesteld",
        request=request,
    )
    login_complete(request, user=user, device=device)


def logout_user(request) -> None:
    user = request.user
    if user.is_authenticated:
        audit_record(
            actor=user,
            action=AuditEvent.Action.LOGOUT,
            obj=user,
            summary=f"{user.username} uitgelogd",
            request=request,
        )
    logout(request)


@transaction.atomic
def password_changed(request, *, user: Professional) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=user,
        summary=f"{user.username} heeft het wachtwoord gewijzigd",
        request=request,
    )


@transaction.atomic
def api_token_create(
    *, professional: Professional, name: str, request=None
) -> tuple[ApiToken, str]:
    """Make a token; returns it with its key, which is never stored and shown only now."""
    key = new_token_key()
    token = ApiToken.objects.create(
        professional=professional, name=name, key_hash=hash_token(key), key_start=key[:8]
    )
    audit_record(
        actor=professional,
        action=AuditEvent.Action.CREATE,
        obj=token,
        summary=f"API-token '{name}' aangemaakt voor {professional.username}",
        request=request,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, professional: Professional, token: ApiToken, request=None) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token.pk, professional=professional)
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=professional,
        action=AuditEvent.Action.UPDATE,
        obj=token,
        summary=f"API-token '{token.name}' ingetrokken door {professional.username}",
        request=request,
    )
