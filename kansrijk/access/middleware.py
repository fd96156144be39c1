"""Login hardening: every page needs a login that passed the second factor, and an idle
session ends after SESSION_IDLE_TIMEOUT_MINUTES."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "last_activity"
# Refresh the activity stamp at most this often, so that not every request writes the session.
ACTIVITY_RESOLUTION_SECONDS = 30


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = unwrapped_user(request.user)
        if request.user.is_authenticated and "_auth_user_id" in request.session:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("Je bent automatisch uitgelogd omdat je een tijd niets hebt gedaan."),
                )
            elif (
                now - last >= ACTIVITY_RESOLUTION_SECONDS
                or LAST_ACTIVITY_KEY not in request.session
            ):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def unwrapped_user(user):
    """The user behind the lazy wrappers of the authentication and OTP middleware.

    Each of the two wraps `request.user` in a `SimpleLazyObject`, so every attribute a view,
    a policy check or a template reads went through both: a few hundred times per page.
    This middleware reads the user anyway, so from here on `request.user` is the object
    itself (with the `otp_device` and `is_verified` the OTP middleware set on it).
    """
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class TwoFactorRequiredMiddleware(LoginRequiredMiddleware):
    """Every view needs a login with two factors, unless marked `login_not_required`.

    A session that is logged in but not verified by OTP (which our login never creates, but
    another path might) is logged out. The API authenticates itself (token or verified
    session) and answers 401/403 instead of redirecting. A professional with a temporary
    password must first choose their own.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        user = request.user
        if user.is_authenticated and not user.is_verified():
            logout(request)
        if (
            request.user.is_authenticated
            and request.user.must_change_password
            and not getattr(view_func, "allowed_with_temporary_password", False)
            and getattr(view_func, "login_required", True)
        ):
            return redirect("access:password_change")
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse(settings.LOGIN_URL)
            return response
        return super().handle_no_permission(request, view_func)


def allowed_with_temporary_password(view):
    view.allowed_with_temporary_password = True
    return view
