import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    ApiTokenForm,
    EndOtherSessionsForm,
    LoginForm,
    PasswordChangeForm,
    TokenForm,
)
from .middleware import allowed_with_temporary_password
from .models import ApiToken


def _safe_next(request, fallback: str = "core:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_not_required
@sensitive_post_parameters("password")
@never_cache
def login_view(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            # The lockout page is rendered by AxesMiddleware.
            return render(request, "access/locked_out.html", status=429)
        if user is None:
            form.add_error(None, _("Gebruikersnaam of wachtwoord klopt niet."))
        else:
            services.login_password_passed(request, user=user)
            request.session["login_next"] = _safe_next(request, "")
            if services.confirmed_device(user) is None:
                return redirect("access:totp_setup")
            return redirect("access:login_verify")
    return render(request, "access/login.html", {"form": form, "next": _safe_next(request, "")})


def _after_login(request):
    target = request.session.pop("login_next", "")
    if request.user.must_change_password:
        messages.info(request, _("Kies eerst een eigen wachtwoord."))
        return redirect("access:password_change")
    return redirect(target or "core:home")


def _verify_token(request, *, user, device, template, context):
    """Shared second step of login and set-up: check the code, count failures, log in."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    if services.is_locked_out(request, user=user):
        return render(request, "access/locked_out.html", status=429)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            return None
        services.login_token_failed(request, user=user)
        if getattr(request, "axes_locked_out", False):
            return render(request, "access/locked_out.html", status=429)
        if not allowed:
            form.add_error(
                "token", _("Te veel pogingen achter elkaar. Wacht even en probeer het opnieuw.")
            )
        else:
            form.add_error(
                "token", _("Deze code klopt niet of is verlopen. Probeer de nieuwste code.")
            )
    return render(request, template, {"form": form, **context})


@login_not_required
@never_cache
def login_verify(request):
    user = services.pending_login_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in met je gebruikersnaam en wachtwoord."))
        return redirect("access:login")
    device = services.confirmed_device(user)
    if device is None:
        return redirect("access:totp_setup")
    response = _verify_token(
        request, user=user, device=device, template="access/login_verify.html", context={}
    )
    if response is not None:
        return response
    services.login_complete(request, user=user, device=device)
    return _after_login(request)


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


@login_not_required
@never_cache
def totp_setup(request):
    user = services.pending_login_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in met je gebruikersnaam en wachtwoord."))
        return redirect("access:login")
    if services.confirmed_device(user) is not None:
        return redirect("access:login_verify")
    device = services.totp_device_for_setup(user)
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr_svg": _qr_svg(device.config_url),
    }
    response = _verify_token(
        request, user=user, device=device, template="access/totp_setup.html", context=context
    )
    if response is not None:
        return response
    services.totp_device_confirm(request, user=user, device=device)
    messages.success(request, _("Je authenticator-app is ingesteld. Je bent ingelogd."))
    return _after_login(request)


@allowed_with_temporary_password
@login_not_required
@require_POST
def logout_view(request):
    services.logout_user(request)
    messages.info(request, _("Je bent uitgelogd."))
    return redirect("access:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "access/password_change.html"
    success_url = reverse_lazy("access:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(self.request, user=self.request.user)
        messages.success(self.request, _("Je wachtwoord is gewijzigd."))
        return response


password_change = allowed_with_temporary_password(PasswordChangeView.as_view())


def _account_page(request, *, form=None, new_token_key=None, sessions_form=None):
    return render(
        request,
        "access/account.html",
        {
            "form": form or ApiTokenForm(),
            "sessions_form": sessions_form or EndOtherSessionsForm(user=request.user),
            "tokens": ApiToken.objects.filter(professional=request.user),
            "new_token_key": new_token_key,
            "memberships": request.user.memberships.current().select_related(
                "organisation", "coalition"
            ),
        },
    )


@never_cache
def account(request):
    """The account page; a new token's key is shown once, in the answer to the POST that made
    it. It is never put in the session or anywhere else, so only its hash is stored."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_token_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_token_key = services.api_token_create(
            professional=request.user, name=form.cleaned_data["name"], request=request
        )
        form = ApiTokenForm()
    return _account_page(request, form=form, new_token_key=new_token_key)


@sensitive_post_parameters("password")
@never_cache
@require_POST
def end_other_sessions(request):
    """ "Log out everywhere else": the button on the account page, confirmed with the
    password (see `services.other_sessions_end`)."""
    sessions_form = EndOtherSessionsForm(request.POST, user=request.user)
    if not sessions_form.is_valid():
        return _account_page(request, sessions_form=sessions_form)
    services.other_sessions_end(
        request, user=request.user, password=sessions_form.cleaned_data["password"]
    )
    messages.success(request, _("Je bent nu overal uitgelogd, behalve hier."))
    return redirect("access:account")


def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, professional=request.user, revoked_at__isnull=True)
    if request.method == "POST":
        services.api_token_revoke(professional=request.user, token=token, request=request)
        messages.success(request, _("De token '%(name)s' is ingetrokken.") % {"name": token.name})
        return redirect("access:account")
    return render(request, "access/api_token_revoke.html", {"token": token})
