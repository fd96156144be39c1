"""Pages of the webhooks ("Webhooks" under Beheer): the coalition's endpoints, their form,
removing one, a new secret, and the delivery log with "opnieuw proberen".

Who may open what, in plain words: coordinators of the active coalition, for every page and
every form; everyone else gets 403 (the pages hold no family data, but the addresses and
secrets of partners' systems are the coalition's settings). An endpoint or delivery of
another coalition is "not found" (404). The services check the role again and write the
audit trail.

The secret is shown once: right after creating the endpoint or making a new secret, from
the session, which forgets it when the page has shown it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.families.pages import add_service_errors
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Organisation, Role

from .forms_webhooks import WebhookForm
from .models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent
from .webhooks import services

DELIVERIES_PAGE_SIZE = 25
SECRET_SESSION_KEY = "interop_webhook_secret"  # noqa: S105 (a session key name)

# --- Who may -----------------------------------------------------------------------------------


def _active(request):
    active = getattr(request, "active", None)
    return active if active is not None and active.coalition is not None else None


def may_manage(request) -> bool:
    """Coordinators of the active coalition (no query: `request.active`)."""
    active = _active(request)
    return bool(active and active.has_role(Role.COORDINATOR))


def _coordinator(request):
    if not may_manage(request):
        raise PermissionDenied
    return request.active.coalition


def _endpoint(coalition, pk: int) -> WebhookEndpoint:
    endpoint = (
        WebhookEndpoint.objects.filter(pk=pk, coalition=coalition)
        .select_related("organisation")  # its name in the heading
        .first()
    )
    if endpoint is None:
        raise Http404(_("Deze webhook bestaat niet (meer) in deze coalitie."))
    return endpoint


def _organisations(coalition):
    return Organisation.objects.filter(coalitions=coalition).order_by("name", "pk")


def _to_list():
    return redirect("interop:webhook_list")


def _remember_secret(request, endpoint: WebhookEndpoint) -> None:
    request.session[SECRET_SESSION_KEY] = {"pk": endpoint.pk, "secret": endpoint.secret}


def event_labels(events) -> list[str]:
    labels = dict(WebhookEvent.choices)
    return [str(labels[e]) for e in events if e in labels]


# --- The list ----------------------------------------------------------------------------------


@require_http_methods(["GET"])
def webhook_list(request):
    """The coalition's endpoints with the state of each one's latest delivery: one query
    whatever the number of endpoints (the organisation joined, the latest state a subquery)."""
    coalition = _coordinator(request)
    latest = WebhookDelivery.objects.filter(endpoint=OuterRef("pk")).order_by("-created_at", "-pk")
    endpoints = list(
        WebhookEndpoint.objects.filter(coalition=coalition)
        .select_related("organisation")
        .defer("secret")
        .annotate(
            last_state=Subquery(latest.values("state")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
    )
    states = dict(DeliveryState.choices)
    for endpoint in endpoints:
        endpoint.event_labels = event_labels(endpoint.events)
        endpoint.last_state_label = states.get(endpoint.last_state, "")
    shown = request.session.pop(SECRET_SESSION_KEY, None)
    secret = None
    if shown:
        secret = {
            "secret": shown["secret"],
            "endpoint": next((e for e in endpoints if e.pk == shown["pk"]), None),
        }
    return render(request, "interop/webhook_list.html", {"endpoints": endpoints, "secret": secret})


# --- The form ----------------------------------------------------------------------------------


def _display(name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if name == "events":
        return ", ".join(event_labels(value))
    return str(value)


def _conflict_rows(conflict: VersionConflict) -> list[dict]:
    rows = []
    for name in services.FIELDS:
        stored = _display(name, conflict.current.get(name))
        submitted = _display(name, conflict.submitted.get(name))
        rows.append(
            {
                "label": capfirst(WebhookForm.base_fields[name].label),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return rows


def _form_page(request, context: dict, form, conflict: VersionConflict | None = None):
    status = 400 if form.is_bound and form.errors else 200
    if conflict is not None:
        data = request.POST.copy()
        data["version"] = str(conflict.current_version)
        form = WebhookForm(data, organisations=form.fields["organisation"].queryset)
        context = {**context, "conflict": conflict, "rows": _conflict_rows(conflict)}
        status = 409
    return render(request, "interop/webhook_form.html", {**context, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def webhook_create(request):
    coalition = _coordinator(request)
    organisations = _organisations(coalition)
    context = {
        "title": _("Webhook toevoegen"),
        "action": reverse("interop:webhook_create"),
    }
    if request.method == "POST":
        form = WebhookForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                endpoint = services.webhook_endpoint_save(
                    actor=request.user, coalition=coalition, data=form.data_dict(), request=request
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                _remember_secret(request, endpoint)
                messages.success(
                    request, _("De webhook naar %(url)s is toegevoegd.") % {"url": endpoint.url}
                )
                return _to_list()
    else:
        form = WebhookForm(
            organisations=organisations,
            initial={"version": 0, "active": True, "events": list(WebhookEvent.values)},
        )
    return _form_page(request, context, form)


@require_http_methods(["GET", "POST"])
def webhook_edit(request, pk: int):
    coalition = _coordinator(request)
    endpoint = _endpoint(coalition, pk)
    organisations = _organisations(coalition)
    context = {
        "title": _("Webhook bewerken"),
        "action": reverse("interop:webhook_edit", args=[endpoint.pk]),
        "endpoint": endpoint,
    }
    if request.method == "POST":
        form = WebhookForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                endpoint = services.webhook_endpoint_save(
                    actor=request.user,
                    coalition=coalition,
                    data=form.data_dict(),
                    endpoint_pk=endpoint.pk,
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except VersionConflict as conflict:
                return _form_page(request, context, form, conflict)
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request, _("De webhook naar %(url)s is opgeslagen.") % {"url": endpoint.url}
                )
                return _to_list()
    else:
        form = WebhookForm(
            organisations=organisations,
            initial={
                "organisation": endpoint.organisation_id,
                "url": endpoint.url,
                "events": endpoint.events,
                "description": endpoint.description,
                "active": endpoint.active,
                "version": endpoint.version,
            },
        )
    return _form_page(request, context, form)


# --- Confirmations -----------------------------------------------------------------------------


def _confirm(request, *, title: str, question: str, confirm: str, danger: bool = True):
    return render(
        request,
        "interop/webhook_confirm.html",
        {
            "title": title,
            "question": question,
            "confirm": confirm,
            "danger": danger,
            "cancel_url": reverse("interop:webhook_list"),
        },
    )


@require_http_methods(["GET", "POST"])
def webhook_delete(request, pk: int):
    coalition = _coordinator(request)
    endpoint = _endpoint(coalition, pk)
    if request.method == "POST":
        try:
            services.webhook_endpoint_delete(
                actor=request.user, coalition=coalition, endpoint_pk=endpoint.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("De webhook naar %(url)s is verwijderd.") % {"url": endpoint.url}
            )
        return _to_list()
    return _confirm(
        request,
        title=_("Webhook verwijderen"),
        question=_(
            "Weet je zeker dat je de webhook naar %(url)s van %(organisation)s verwijdert? Het "
            "berichtenlog gaat mee. Wil je tijdelijk geen berichten sturen, zet dan 'Actief' uit."
        )
        % {"url": endpoint.url, "organisation": endpoint.organisation.name},
        confirm=_("Ja, verwijderen"),
    )


@require_http_methods(["GET", "POST"])
def webhook_rotate(request, pk: int):
    coalition = _coordinator(request)
    endpoint = _endpoint(coalition, pk)
    if request.method == "POST":
        try:
            endpoint = services.webhook_secret_rotate(
                actor=request.user, coalition=coalition, endpoint_pk=endpoint.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _remember_secret(request, endpoint)
            messages.success(
                request,
                _("De webhook naar %(url)s heeft een nieuw geheim.") % {"url": endpoint.url},
            )
        return _to_list()
    return _confirm(
        request,
        title=_("Geheim opnieuw maken"),
        question=_(
            "Weet je zeker dat je een nieuw geheim maakt voor de webhook naar %(url)s? Berichten "
            "worden vanaf nu met het nieuwe geheim ondertekend; het systeem van %(organisation)s "
            "moet het nieuwe geheim krijgen, anders weigert het de berichten."
        )
        % {"url": endpoint.url, "organisation": endpoint.organisation.name},
        confirm=_("Ja, nieuw geheim maken"),
        danger=False,
    )


# --- The delivery log --------------------------------------------------------------------------


@require_http_methods(["GET"])
def webhook_deliveries(request, pk: int):
    """The endpoint's deliveries, newest first, a page at a time: the endpoint, the count and
    one page, whatever the number of deliveries."""
    coalition = _coordinator(request)
    endpoint = _endpoint(coalition, pk)
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).defer("payload")
    page_obj = Paginator(deliveries, DELIVERIES_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "interop/webhook_deliveries.html",
        {
            "endpoint": endpoint,
            "event_labels": event_labels(endpoint.events),
            "page_obj": page_obj,
            "failed": DeliveryState.FAILED,
        },
    )


@require_POST
def webhook_retry(request, pk: int, delivery_pk: int):
    coalition = _coordinator(request)
    endpoint = _endpoint(coalition, pk)
    if not WebhookDelivery.objects.filter(pk=delivery_pk, endpoint=endpoint).exists():
        raise Http404(_("Dit bericht bestaat niet (meer)."))
    try:
        services.webhook_delivery_retry(
            actor=request.user,
            coalition=coalition,
            endpoint_pk=endpoint.pk,
            delivery_pk=delivery_pk,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("interop:webhook_deliveries", pk=endpoint.pk)
