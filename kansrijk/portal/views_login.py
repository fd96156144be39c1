"""The family member's login (e-mail address and date of birth, then the code from the
e-mail) and logout. The rules are in `kansrijk.portal.services_login`; these views parse,
limit the rate, call and render. Every answer is kept out of caches (`render_portal`)."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.core.ratelimit import address_identity, hit

from . import services_login as services
from .forms_login import CodeForm, LoginForm
from .rendering import render_portal
from .session import ACCOUNT_KEY, current_account, logout_account


def _safe_next(request, target: str) -> str:
    """`target` if it is a page of this site, else the portal's home."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:home")


def _limited(request, checks: list[tuple[str, str]]):
    """Count one request against each (limit, identity); the 429 page when one is over."""
    waits = [wait for name, identity in checks if (wait := hit(name, identity)) is not None]
    if not waits:
        return None
    wait = max(waits)
    response = render_portal(
        request,
        "portal/login/too_many.html",
        {"wait": wait, "wait_minutes": math.ceil(wait / 60)},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@login_not_required
@sensitive_post_parameters("email", "date_of_birth")
@require_http_methods(["GET", "POST"])
def login(request):
    """Step 1: e-mail address and date of birth. Whatever they are, the next page is the
    same: "if your details are right, a code is on its way"."""
    if current_account(request) is not None:
        return redirect("portal:home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    status = 200
    if request.method == "POST":
        checks = [("portal_login_address", address_identity(request))]
        email = services.normalised_email(request.POST.get("email", ""))
        if email:
            checks.append(("portal_login_email", f"email:{email}"))
        if limited := _limited(request, checks):
            return limited
        if form.is_valid():
            account = services.login_code_request(
                email=form.cleaned_data["email"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                request=request,
            )
            request.session[services.PENDING_KEY] = services.pending_login(
                account, email=form.cleaned_data["email"], next_url=next_url
            )
            return redirect("portal:login_code")
        status = 400
    return render_portal(
        request, "portal/login/login.html", {"form": form, "next": next_url}, status=status
    )


@login_not_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request):
    """Step 2: the code from the e-mail, for the login pending in this session."""
    pending = request.session.get(services.PENDING_KEY)
    if not pending:
        return redirect("portal:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        limited = _limited(
            request,
            [
                ("portal_code_address", address_identity(request)),
                ("portal_code_email", f"email:{pending.get('email', '')}"),
            ],
        )
        if limited:
            return limited
        if form.is_valid():
            result = services.login_code_verify(
                pending=pending, code=form.cleaned_data["code"], request=request
            )
            if result.account is not None:
                return redirect(_safe_next(request, pending.get("next", "")))
            if result.new_code_needed:
                request.session.pop(services.PENDING_KEY, None)
                messages.error(request, result.error)
                return redirect("portal:login")
            request.session[services.PENDING_KEY] = pending
            form.add_error("code", result.error)
        status = 400
    return render_portal(
        request,
        "portal/login/code.html",
        {"form": form, "code_minutes": settings.PORTAL_LOGIN_CODE_MINUTES},
        status=status,
    )


@login_not_required
@require_POST
def logout(request):
    """End the portal session; back to the login page. A professional's session is left
    alone: they log out with their own button."""
    if ACCOUNT_KEY in request.session and not request.user.is_authenticated:
        account = current_account(request)
        if account is not None:
            services.logout_recorded(account=account, request=request)
        logout_account(request)
        messages.success(request, _("Je bent uitgelogd. Tot ziens!"))
    return redirect("portal:login")
