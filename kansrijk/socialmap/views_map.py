"""Pages of the social map's maintenance ("Beheer sociale kaart", issue 9).

Who may do what is decided in `selectors_map` (see its docstring): coordinators maintain the
whole map of the active coalition and its editors, delegated editors their own providers,
anyone else gets 403. A provider or service is fetched in the active coalition first, so one
of another coalition answers 404.
"""

from copy import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.care.needs import Need

from . import selectors_map, services_map
from .forms_map import EditorAddForm, ProviderForm, ServiceFilterForm, ServiceForm, service_initial
from .models import MapEditor, MunicipalityAccess, Service
from .services_map import ServiceVersionConflict
from .terms import service_terms
from .vocabulary import (
    AccessRoute,
    CareKind,
    Evidence,
    Law,
    OwnCost,
    Payer,
    Phase,
    RouteTerm,
    TargetGroup,
)

PAGE_SIZE = 25

TERM_CHOICES = {
    "phases": Phase,
    "routes": RouteTerm,
    "needs": Need,
    "evidence": Evidence,
    "laws": Law,
    "payers": Payer,
    "own_costs": OwnCost,
    "care_kinds": CareKind,
    "target_groups": TargetGroup,
}


# --- Shared helpers ----------------------------------------------------------------------


def _rights(request) -> selectors_map.MapRights:
    rights = selectors_map.request_map_rights(request)
    if not rights.may_maintain:
        raise PermissionDenied
    return rights


def _coordinator(request) -> selectors_map.MapRights:
    rights = selectors_map.request_map_rights(request)
    if not rights.coordinator:
        raise PermissionDenied
    return rights


def _organization(request, pk):
    """The active coalition's provider the professional may edit (404 elsewhere, 403 here)."""
    rights = _rights_or_404(request)
    organization = get_object_or_404(
        selectors_map.map_organizations(request.active.coalition).select_related("organisation"),
        pk=pk,
    )
    if not rights.may_edit_organization(organization):
        raise PermissionDenied
    return rights, organization


def _service(request, pk):
    rights = _rights_or_404(request)
    service = get_object_or_404(selectors_map.map_services(request.active.coalition), pk=pk)
    if not rights.may_edit_service(service):
        raise PermissionDenied
    return rights, service


def _rights_or_404(request):
    """Rights in the active coalition; without one, nothing of the map exists for the user."""
    if request.active.coalition is None:
        raise PermissionDenied
    return selectors_map.request_map_rights(request)


def _render(request, template: str, context: dict, *, status: int = 200):
    """Every maintenance page knows the rights (for its menu) and the flag date."""
    context = {
        "map_rights": selectors_map.request_map_rights(request),
        "cutoff": selectors_map.check_cutoff(),
        **context,
    }
    return render(request, template, context, status=status)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _search(queryset, text: str, fields):
    """Every word must occur in one of `fields`."""
    for word in text.split():
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _sort_columns(columns, current: str) -> list[dict]:
    result = []
    for key, label in columns:
        state = None
        if current == key:
            state = "ascending"
        elif current == f"-{key}":
            state = "descending"
        result.append(
            {"label": label, "next": f"-{key}" if state == "ascending" else key, "aria_sort": state}
        )
    return result


# --- Overview ----------------------------------------------------------------------------


def map_overview(request):
    """The services the professional maintains; flagged ones stand out.

    Queries: the rights (one, `request_map_rights`), the count and one page of services with
    their provider and last checker joined (`maintained_services`): constant in the number
    of services.
    """
    rights = _rights(request)
    coalition = request.active.coalition
    cutoff = selectors_map.check_cutoff()
    form = ServiceFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    services = selectors_map.maintained_services(rights, coalition)
    if filters.get("q"):
        services = _search(services, filters["q"], ("name", "alternate_name", "organization__name"))
    if filters.get("niet_gecontroleerd"):
        services = services.filter(selectors_map.unchecked_condition(cutoff))
    sort = request.GET.get("sorteer", "naam")
    key = sort.removeprefix("-")
    if key not in selectors_map.SERVICE_SORTS:
        sort, key = "naam", "naam"
    order = selectors_map.SERVICE_SORTS[key]
    if sort.startswith("-"):
        order = tuple(_reverse(expression) for expression in order)
    services = services.order_by(*order)
    page_obj = Paginator(services, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _render(
        request,
        "socialmap/map_overview.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "page_obj": page_obj,
            "cutoff": cutoff,
            "rights": rights,
            "columns": _sort_columns(
                [("naam", _("Aanbod")), ("gecontroleerd", _("Laatst gecontroleerd"))], sort
            ),
        },
    )


def _reverse(expression):
    """The same ordering, the other way round (nulls stay where "not checked" belongs)."""
    reversed_expression = copy(expression)
    reversed_expression.descending = not expression.descending
    if expression.nulls_first:
        reversed_expression.nulls_first, reversed_expression.nulls_last = None, True
    return reversed_expression


def map_providers(request):
    """The providers the professional maintains, with their counts (one query per page)."""
    rights = _rights(request)
    cutoff = selectors_map.check_cutoff()
    organizations = selectors_map.maintained_organizations(rights, request.active.coalition, cutoff)
    page_obj = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _render(
        request,
        "socialmap/map_providers.html",
        {"page_obj": page_obj, "rights": rights},
    )


# --- Providers ---------------------------------------------------------------------------


def _chain_partners(request):
    return request.active.coalition.organisations.filter(is_active=True).order_by("name")


def map_provider_create(request):
    _coordinator(request)
    form = ProviderForm(
        request.POST if request.method == "POST" else None,
        organisations=_chain_partners(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organization = services_map.organization_create(
                actor=request.user,
                coalition=request.active.coalition,
                data=data,
                organisation=data["organisation"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Aanbieder '%(name)s' is toegevoegd.") % {"name": organization.name}
            )
            return redirect("socialmap:map_providers")
    return _render(
        request,
        "socialmap/map_provider_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def map_provider_edit(request, pk):
    rights, organization = _organization(request, pk)
    organisations = _chain_partners(request) if rights.coordinator else None
    if request.method == "POST":
        form = ProviderForm(request.POST, organisations=organisations)
    else:
        initial = {name: getattr(organization, name) for name in services_map.ORGANIZATION_FIELDS}
        initial["organisation"] = organization.organisation_id
        form = ProviderForm(initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"organisation": data["organisation"]} if rights.coordinator else {}
        try:
            services_map.organization_update(
                actor=request.user,
                organization_pk=organization.pk,
                data=data,
                request=request,
                **extra,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Aanbieder '%(name)s' is opgeslagen.") % {"name": data["name"]}
            )
            return redirect("socialmap:map_providers")
    return _render(
        request,
        "socialmap/map_provider_form.html",
        {"form": form, "organization": organization, "rights": rights},
        status=400 if form.errors else 200,
    )


# --- Services ----------------------------------------------------------------------------


def _municipalities(request):
    return list(request.active.coalition.municipalities.order_by("name"))


def map_service_create(request, pk):
    _rights, organization = _organization(request, pk)
    municipalities = _municipalities(request)
    form = ServiceForm(
        request.POST if request.method == "POST" else None, municipalities=municipalities
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = services_map.service_create(
                actor=request.user,
                organization_pk=organization.pk,
                data=form.service_input(),
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Aanbod '%(name)s' is toegevoegd. Controleer het en markeer het als "
                    "gecontroleerd wanneer alles klopt."
                )
                % {"name": service.name},
            )
            return redirect("socialmap:map_service_edit", pk=service.pk)
    return _render(
        request,
        "socialmap/map_service_form.html",
        {"form": form, "organization": organization},
        status=400 if form.errors else 200,
    )


def _stored_initial(service: Service) -> dict:
    terms = service_terms([service.pk])[service.pk]
    languages = list(service.languages.order_by("code").values_list("code", flat=True))
    phone = service.phones.order_by("pk").values_list("number", flat=True).first() or ""
    access = MunicipalityAccess.objects.filter(service=service)
    return service_initial(service, terms, languages, phone, access)


def map_service_edit(request, pk):
    _rights, service = _service(request, pk)
    municipalities = _municipalities(request)
    if request.method == "POST":
        form = ServiceForm(request.POST, municipalities=municipalities, versioned=True)
        if form.is_valid():
            try:
                services_map.service_update(
                    actor=request.user,
                    service_pk=service.pk,
                    expected_version=form.cleaned_data["version"],
                    data=form.service_input(),
                    request=request,
                )
            except ServiceVersionConflict as conflict:
                return _service_conflict(request, service, municipalities, conflict)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Aanbod '%(name)s' is opgeslagen.") % {"name": form.cleaned_data["name"]},
                )
                return redirect("socialmap:map_service_edit", pk=service.pk)
        status = 400
    else:
        form = ServiceForm(
            initial=_stored_initial(service), municipalities=municipalities, versioned=True
        )
        status = 200
    return _render(
        request,
        "socialmap/map_service_form.html",
        {
            "form": form,
            "organization": service.organization,
            "service": service,
            "flagged": _flagged(service),
        },
        status=status,
    )


def _flagged(service: Service) -> bool:
    return service.assured_date is None or service.assured_date < selectors_map.check_cutoff()


def _display(name: str, value: str, municipalities_by_key: dict) -> str:
    """A snapshot value as the conflict table shows it (labels instead of codes)."""
    if not value:
        return "—"
    if name in TERM_CHOICES:
        labels = dict(TERM_CHOICES[name].choices)
        return ", ".join(str(labels.get(code, code)) for code in value.split(", "))
    if name == "status":
        return str(dict(Service._meta.get_field("status").choices).get(value, value))
    if name in municipalities_by_key:
        route, conditions, weeks = [*value.split(" | "), "", "", ""][:3]
        parts = [str(AccessRoute(route).label) if route in AccessRoute.values else route]
        if conditions:
            parts.append(conditions)
        if weeks:
            parts.append(_("%(weeks)s weken") % {"weeks": weeks})
        return "; ".join(parts)
    return value


LABELS = {
    "languages": _("talen"),
    "phone": _("telefoonnummer"),
    "phases": _("fasen"),
    "routes": _("routes"),
    "needs": _("behoeften"),
    "evidence": _("bewijskracht"),
    "laws": _("wet"),
    "payers": _("wie betaalt"),
    "own_costs": _("eigen kosten"),
    "care_kinds": _("soort zorg"),
    "target_groups": _("doelgroepen"),
}


def _label(name: str, municipalities_by_key: dict) -> str:
    if name in municipalities_by_key:
        return _("Toegang in %(municipality)s") % {"municipality": municipalities_by_key[name].name}
    if name in LABELS:
        return capfirst(str(LABELS[name]))
    return capfirst(str(Service._meta.get_field(name).verbose_name))


def _service_conflict(request, service, municipalities, conflict: ServiceVersionConflict):
    """Both versions side by side and the form with the second editor's input (HTTP 409)."""
    by_key = {services_map.access_key(m): m for m in municipalities}
    names = [name for name in conflict.current if name in conflict.submitted] + [
        name for name in conflict.submitted if name not in conflict.current
    ]
    rows = []
    for name in names:
        stored = _display(name, conflict.current.get(name, ""), by_key)
        submitted = _display(name, conflict.submitted.get(name, ""), by_key)
        rows.append(
            {
                "label": _label(name, by_key),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    # The editor's input again, on the current version: saving once more is a conscious
    # choice to put it over the other change, which the metadata keeps.
    data = request.POST.copy()
    data["version"] = str(conflict.current_version)
    return _render(
        request,
        "socialmap/map_service_conflict.html",
        {
            "form": ServiceForm(data, municipalities=municipalities, versioned=True),
            "organization": service.organization,
            "service": service,
            "rows": rows,
            "conflict": conflict,
        },
        status=409,
    )


@require_POST
def map_service_check(request, pk):
    _rights, service = _service(request, pk)
    service = services_map.service_mark_checked(
        actor=request.user, service_pk=service.pk, request=request
    )
    messages.success(
        request,
        _("Aanbod '%(name)s' is gemarkeerd als gecontroleerd op %(date)s.")
        % {"name": service.name, "date": date_format(service.assured_date, "j F Y")},
    )
    target = request.POST.get("terug")
    if target == "overzicht":
        return redirect("socialmap:map_overview")
    return redirect("socialmap:map_service_edit", pk=service.pk)


# --- Delegated editors -------------------------------------------------------------------


def map_editors(request, pk):
    """The provider's delegated editors, and adding one (coordinators)."""
    _rights, organization = _organization(request, pk)  # another coalition's: 404
    _coordinator(request)
    professionals = selectors_map.delegable_professionals(request.active.coalition).exclude(
        pk__in=MapEditor.objects.filter(organization=organization).values("professional_id")
    )
    form = EditorAddForm(
        request.POST if request.method == "POST" else None, professionals=professionals
    )
    if request.method == "POST" and form.is_valid():
        try:
            editor = services_map.map_editor_add(
                actor=request.user,
                organization_pk=organization.pk,
                professional=form.cleaned_data["professional"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s mag nu het aanbod van %(provider)s bijhouden.")
                % {"name": editor.professional, "provider": organization.name},
            )
            return redirect("socialmap:map_editors", pk=organization.pk)
    return _render(
        request,
        "socialmap/map_editors.html",
        {
            "organization": organization,
            "editors": selectors_map.organization_editors(organization),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def map_editor_remove(request, pk, editor_pk: int):
    """Confirmation page (GET) and the removal (POST)."""
    _organization(request, pk)
    _coordinator(request)
    editor = get_object_or_404(
        MapEditor.objects.select_related("professional", "organization"),
        pk=editor_pk,
        organization_id=pk,
        organization__coalition=request.active.coalition,
    )
    if request.method == "POST":
        services_map.map_editor_remove(actor=request.user, editor_pk=editor.pk, request=request)
        messages.success(
            request,
            _("%(name)s houdt het aanbod van %(provider)s niet meer bij.")
            % {"name": editor.professional, "provider": editor.organization.name},
        )
        return redirect("socialmap:map_editors", pk=pk)
    return _render(
        request,
        "socialmap/map_editor_remove.html",
        {"organization": editor.organization, "editor": editor},
    )


# --- Menu --------------------------------------------------------------------------------


def may_use_maintenance_menu(request) -> bool:
    """The Beheer page is offered to coordinators (no query: the roles are loaded)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role("coordinator")
    )


def maintenance_link(request) -> dict:
    """Context for `socialmap/_map_maintenance_link.html`: a link to the maintenance pages
    for coordinators and delegated editors (one query for a non-coordinator; for the social
    map's own pages, not for the menu on every page)."""
    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        return {"map_maintenance": None}
    rights = selectors_map.request_map_rights(request)
    return {"map_maintenance": rights if rights.may_maintain else None}
