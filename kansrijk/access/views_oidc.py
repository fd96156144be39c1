"""Single sign-on pages: the start and the return of a login through an organisation's provider,
and the administrators' pages for the providers of the active coalition's organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kansrijk.organisations.models import Organisation, Role
from kansrijk.organisations.permissions import role_required

from . import oidc, services, services_oidc
from .forms_oidc import OidcProviderForm
from .models import OidcProvider

administrator_required = role_required(Role.ADMINISTRATOR)


def may_manage_providers(request) -> bool:
    """The Beheer menu shows the sign-on providers to administrators of the active coalition."""
    active = getattr(request, "active", None)
    return bool(active and active.coalition and active.has_role(Role.ADMINISTRATOR))


def _refused(request, message: str):
    messages.error(request, message)
    return redirect("access:login")


@login_not_required
@never_cache
@require_GET
def oidc_start(request, pk: int):
    """The button "Inloggen via …": to the provider, with state, nonce and PKCE. A link, not
    a form: the Content Security Policy's form-action 'self' would stop a form whose answer
    redirects to the provider, and starting a login changes nothing that needs CSRF."""
    if request.user.is_authenticated:
        return redirect("core:home")
    provider = get_object_or_404(OidcProvider, pk=pk, is_active=True, organisation__is_active=True)
    return redirect(oidc.authorization_url(request, provider=provider))


@login_not_required
@never_cache
def oidc_callback(request):
    """The provider sends the browser back here with a code; see `oidc.login_from_callback`."""
    if request.user.is_authenticated:
        return redirect("core:home")
    provider = None
    try:
        provider, flow = oidc.pending_flow(request)
        oidc_login, user = oidc.login_from_callback(request, provider=provider, flow=flow)
    except oidc.OidcRefused as refused:
        services_oidc.oidc_login_failed(request, provider=provider, reason=str(refused))
        return _refused(request, str(refused))
    if services.is_locked_out(request, user=user):
        return render(request, "access/locked_out.html", status=429)
    request.session.pop("login_next", None)
    if services_oidc.oidc_login_passed(request, oidc_login=oidc_login, user=user):
        return redirect("core:home")
    if services.confirmed_device(user) is None:
        return redirect("access:totp_setup")
    return redirect("access:login_verify")


# --- Management (administrators of the active coalition) -----------------------------------


def _organisations(request):
    return Organisation.objects.filter(coalitions=request.active.coalition, is_active=True)


def _provider(request, pk: int) -> OidcProvider:
    return get_object_or_404(
        OidcProvider.objects.select_related("organisation"),
        pk=pk,
        organisation__in=_organisations(request),
    )


@administrator_required
def oidc_provider_list(request):
    # select_related: the organisation's name is on every row (one query for the list).
    providers = OidcProvider.objects.filter(
        organisation__coalitions=request.active.coalition
    ).select_related("organisation")
    return render(request, "access/oidc/provider_list.html", {"providers": providers})


def _provider_form(request, provider: OidcProvider | None):
    initial = None
    if provider is not None:
        initial = {
            "organisation": provider.organisation,
            "name": provider.name,
            "issuer": provider.issuer,
            "client_id": provider.client_id,
            "accepted_acr_values": provider.accepted_acr_values,
            "is_active": provider.is_active,
        }
    form = OidcProviderForm(
        request.POST if request.method == "POST" else None,
        initial=initial or {"is_active": True},
        organisations=_organisations(request),
        is_new=provider is None,
    )
    if request.method == "POST" and form.is_valid():
        saved = services_oidc.oidc_provider_save(
            actor=request.user,
            provider=provider,
            organisation=form.cleaned_data["organisation"],
            values=form.values(),
            client_secret=form.cleaned_data["client_secret"],
            endpoints=form.endpoints,
            request=request,
        )
        messages.success(request, _("Inlogdienst '%(name)s' is opgeslagen.") % {"name": saved.name})
        return redirect("access:oidc_provider_list")
    return render(request, "access/oidc/provider_form.html", {"form": form, "provider": provider})


@administrator_required
@never_cache
def oidc_provider_create(request):
    return _provider_form(request, None)


@administrator_required
@never_cache
def oidc_provider_edit(request, pk: int):
    return _provider_form(request, _provider(request, pk))


@administrator_required
def oidc_provider_delete(request, pk: int):
    provider = _provider(request, pk)
    if request.method == "POST":
        services_oidc.oidc_provider_delete(actor=request.user, provider=provider, request=request)
        messages.success(
            request, _("Inlogdienst '%(name)s' is verwijderd.") % {"name": provider.name}
        )
        return redirect("access:oidc_provider_list")
    return render(request, "access/oidc/provider_delete.html", {"provider": provider})
