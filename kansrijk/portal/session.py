"""The family portal's own session: which family member is logged in, for how long.

A portal session is never a professional session: logging in to the portal first logs out
whoever was logged in, `current_account` ignores a session that has a professional user,
and professional pages (which need `request.user`) see a family member as anonymous.
Sessions are short: PORTAL_SESSION_IDLE_MINUTES without a request, at most
PORTAL_SESSION_MAX_MINUTES in all.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

ACCOUNT_KEY = "portal_account_id"
STARTED_KEY = "portal_started"
ACTIVITY_KEY = "portal_activity"
# Refresh the activity stamp at most this often, so that not every request writes the session.
ACTIVITY_RESOLUTION_SECONDS = 30


def login_account(request, account) -> None:
    """Start a portal session for `account` (a new session key: no fixation)."""
    logout(request)
    request.session.cycle_key()
    now = int(time.time())
    request.session[ACCOUNT_KEY] = account.pk
    request.session[STARTED_KEY] = now
    request.session[ACTIVITY_KEY] = now
    request.session.set_expiry(settings.PORTAL_SESSION_IDLE_MINUTES * 60)
    moment = timezone.now()
    fields = ["last_login_at"]
    account.last_login_at = moment
    if account.activated_at is None:
        account.activated_at = moment
        fields.append("activated_at")
    account.save(update_fields=fields)


def logout_account(request) -> None:
    request.session.flush()


def current_account(request):
    """The active `FamilyAccount` of this session, or None (and the session ended when it
    timed out or the account was revoked)."""
    from .models import FamilyAccount

    account_id = request.session.get(ACCOUNT_KEY)
    if account_id is None or request.user.is_authenticated:
        return None
    now = int(time.time())
    started = request.session.get(STARTED_KEY, 0)
    activity = request.session.get(ACTIVITY_KEY, 0)
    if (
        now - activity > settings.PORTAL_SESSION_IDLE_MINUTES * 60
        or now - started > settings.PORTAL_SESSION_MAX_MINUTES * 60
    ):
        request.session.flush()
        return None
    account = (
        FamilyAccount.objects.active()
        .select_related("person__family", "family", "coalition")
        .filter(pk=account_id)
        .first()
    )
    if account is None:
        request.session.flush()
        return None
    if now - activity >= ACTIVITY_RESOLUTION_SECONDS:
        request.session[ACTIVITY_KEY] = now
    return account


def family_member_required(view):
    """The view needs a portal session; it finds the account as `request.family_account`.
    Without one: the portal's login page (an htmx request gets an HX-Redirect)."""

    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        account = current_account(request)
        if account is None:
            login_url = f"{reverse('portal:login')}?next={request.path}"
            if getattr(request, "htmx", False):
                from django.http import HttpResponse

                response = HttpResponse(status=204)
                response["HX-Redirect"] = login_url
                return response
            return redirect(login_url)
        request.family_account = account
        return view(request, *args, **kwargs)

    return wrapped
