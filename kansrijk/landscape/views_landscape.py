"""Pages of the regional landscape: the region's partnerships (VSV, KSV, ROS, JGZ
organisations, others) and coalitions with the municipalities they cover, the
municipalities' central reporting points, and the comparison within one VSV.

Who may open what, in plain words:
- the landscape page and the VSV comparison: coordinators and analysts of the active
  coalition, for the region of that coalition;
- creating, changing and deleting a partnership: coordinators of the active coalition (a
  coalition of the region); its municipalities are those of the region's coalitions;
- a municipality's central reporting point: coordinators of the active coalition, for the
  coalition's own municipalities;
- a partnership of another region, or a municipality of another coalition, is "not found";
  everyone else gets 403. The services check the roles again and write the audit trail.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.families.pages import add_service_errors
from kansrijk.organisations.models import Municipality

from . import selectors_landscape as selectors
from . import services_landscape as services
from .forms_landscape import CentralPointForm, PartnershipForm
from .models import CentralPoint, Partnership, PartnershipKind
from .views_agreements import manager, may_manage_landscape, reader

# --- The landscape -------------------------------------------------------------------------------


@require_GET
def landscape(request):
    """The region of the active coalition: its partnerships, its coalitions and a table
    municipality x kind of partnership, so that overlaps and holes are visible (six queries
    besides the session's, whatever the number of partnerships: `selectors.landscape`)."""
    coalition = reader(request)
    data = selectors.landscape(coalition.region, own_coalition_id=coalition.pk)
    return render(
        request,
        "landscape/landscape.html",
        {"data": data, "coalition": coalition, "may_manage": may_manage_landscape(request)},
    )


# --- Partnerships --------------------------------------------------------------------------------

PARTNERSHIP_LABELS = {
    "kind": lambda: _("Soort"),
    "name": lambda: _("Naam"),
    "description": lambda: _("Toelichting"),
    "website": lambda: _("Website"),
    "municipalities": lambda: _("Gemeenten"),
    "organisations": lambda: _("Organisaties"),
}
POINT_LABELS = {
    "name": lambda: _("Naam"),
    "phone": lambda: _("Telefoon"),
    "email": lambda: _("E-mail"),
    "website": lambda: _("Website"),
    "for_all_services": lambda: _("Toegang voor al het aanbod"),
}


def _conflict_rows(labels, conflict) -> list[dict]:
    rows = []
    for name, label in labels.items():
        stored = conflict.current.get(name) or "—"
        submitted = conflict.submitted.get(name) or "—"
        if name == "kind":
            stored = (
                str(PartnershipKind(stored).label) if stored in PartnershipKind.values else stored
            )
            submitted = (
                str(PartnershipKind(submitted).label)
                if submitted in PartnershipKind.values
                else submitted
            )
        rows.append(
            {
                "label": capfirst(label()),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return rows


def _form_page(request, template: str, context: dict, form, *, conflict=None, labels=None):
    context = {"form": form, **context}
    status = 400 if form.is_bound and form.errors else 200
    if conflict is not None:
        context["conflict"] = conflict
        context["rows"] = _conflict_rows(labels, conflict)
        status = 409
    return render(request, template, context, status=status)


def _partnership(region, pk: int) -> Partnership:
    partnership = (
        Partnership.objects.filter(pk=pk, region=region)
        .prefetch_related("municipalities", "organisations")
        .first()
    )
    if partnership is None:
        raise Http404(_("Dit samenwerkingsverband bestaat niet (meer) in deze regio."))
    return partnership


def _partnership_form_kwargs(region) -> dict:
    return {
        "municipalities": selectors.region_municipalities(region),
        "organisations": selectors.region_organisations(region),
    }


@require_http_methods(["GET", "POST"])
def partnership_create(request):
    coalition = manager(request)
    region = coalition.region
    kwargs = _partnership_form_kwargs(region)
    context = {
        "title": _("Nieuw samenwerkingsverband"),
        "action": reverse("landscape:partnership_create"),
        "region": region,
    }
    if request.method == "POST":
        form = PartnershipForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                partnership = services.partnership_create(
                    actor=request.user,
                    region=region,
                    data=form.partnership_data(),
                    coalition=coalition,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("Samenwerkingsverband %(name)s is opgeslagen.") % {"name": partnership.name},
                )
                return redirect(f"{reverse('landscape:landscape')}#verband-{partnership.pk}")
        return _form_page(request, "landscape/partnership_form.html", context, form)
    initial = {"version": 0}
    if request.GET.get("soort") in PartnershipKind.values:
        initial["kind"] = request.GET["soort"]
    return _form_page(
        request,
        "landscape/partnership_form.html",
        context,
        PartnershipForm(initial=initial, **kwargs),
    )


@require_http_methods(["GET", "POST"])
def partnership_edit(request, pk: int):
    coalition = manager(request)
    region = coalition.region
    partnership = _partnership(region, pk)
    kwargs = _partnership_form_kwargs(region)
    context = {
        "title": _("%(name)s bewerken") % {"name": partnership.name},
        "action": reverse("landscape:partnership_edit", args=[partnership.pk]),
        "region": region,
        "partnership": partnership,
    }
    if request.method == "POST":
        form = PartnershipForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.partnership_update(
                    actor=request.user,
                    region=region,
                    partnership_pk=partnership.pk,
                    expected_version=form.cleaned_data["version"],
                    data=form.partnership_data(),
                    coalition=coalition,
                    request=request,
                )
            except services.LandscapeVersionConflict as conflict:
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                fresh = PartnershipForm(data, **kwargs)
                fresh.is_valid()
                return _form_page(
                    request,
                    "landscape/partnership_form.html",
                    context,
                    fresh,
                    conflict=conflict,
                    labels=PARTNERSHIP_LABELS,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            except Partnership.DoesNotExist:
                raise Http404 from None
            else:
                messages.success(
                    request,
                    _("Samenwerkingsverband %(name)s is opgeslagen.")
                    % {"name": form.cleaned_data["name"]},
                )
                return redirect(f"{reverse('landscape:landscape')}#verband-{partnership.pk}")
        return _form_page(request, "landscape/partnership_form.html", context, form)
    initial = {
        "kind": partnership.kind,
        "name": partnership.name,
        "description": partnership.description,
        "website": partnership.website,
        "municipalities": [m.pk for m in partnership.municipalities.all()],
        "organisations": [o.pk for o in partnership.organisations.all()],
        "version": partnership.version,
    }
    return _form_page(
        request,
        "landscape/partnership_form.html",
        context,
        PartnershipForm(initial=initial, **kwargs),
    )


@require_http_methods(["GET", "POST"])
def partnership_delete(request, pk: int):
    coalition = manager(request)
    partnership = _partnership(coalition.region, pk)
    if request.method == "POST":
        try:
            services.partnership_delete(
                actor=request.user,
                region=coalition.region,
                partnership_pk=partnership.pk,
                coalition=coalition,
                request=request,
            )
        except Partnership.DoesNotExist:
            raise Http404 from None
        messages.success(
            request, _("Samenwerkingsverband %(name)s is verwijderd.") % {"name": partnership.name}
        )
        return redirect("landscape:landscape")
    return render(
        request,
        "landscape/partnership_confirm.html",
        {"partnership": partnership, "cancel_url": reverse("landscape:landscape")},
    )


# --- Central reporting point ---------------------------------------------------------------------


def _own_municipality(coalition, pk: int) -> Municipality:
    municipality = (
        Municipality.objects.filter(pk=pk, coalition=coalition).select_related("coalition").first()
    )
    if municipality is None:
        raise Http404(_("Deze gemeente hoort niet bij je coalitie."))
    return municipality


@require_http_methods(["GET", "POST"])
def central_point_edit(request, municipality_pk: int):
    """Record, change (version check) or remove (`?verwijderen=1`, with a confirmation) the
    municipality's central reporting point (coordinators of its coalition)."""
    coalition = manager(request)
    municipality = _own_municipality(coalition, municipality_pk)
    point = CentralPoint.objects.filter(municipality=municipality).first()
    removing = request.GET.get("verwijderen") == "1" or request.POST.get("verwijderen") == "1"
    if removing:
        if point is None:
            raise Http404(_("Deze gemeente heeft geen centraal meldpunt."))
        if request.method == "POST":
            services.central_point_remove(
                actor=request.user, municipality=municipality, request=request
            )
            messages.success(
                request,
                _("Het centrale meldpunt van %(name)s is verwijderd.")
                % {"name": municipality.name},
            )
            return redirect(f"{reverse('landscape:landscape')}#meldpunten")
        return render(
            request,
            "landscape/central_point_confirm.html",
            {
                "point": point,
                "municipality": municipality,
                "cancel_url": reverse("landscape:landscape"),
            },
        )
    context = {
        "title": _("Centraal meldpunt van %(name)s") % {"name": municipality.name},
        "action": reverse("landscape:central_point_edit", args=[municipality.pk]),
        "municipality": municipality,
        "point": point,
    }
    if request.method == "POST":
        form = CentralPointForm(request.POST)
        if form.is_valid():
            try:
                services.central_point_save(
                    actor=request.user,
                    municipality=municipality,
                    expected_version=form.cleaned_data["version"],
                    data=form.point_data(),
                    request=request,
                )
            except services.LandscapeVersionConflict as conflict:
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                fresh = CentralPointForm(data)
                fresh.is_valid()
                return _form_page(
                    request,
                    "landscape/central_point_form.html",
                    context,
                    fresh,
                    conflict=conflict,
                    labels=POINT_LABELS,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("Het centrale meldpunt van %(name)s is opgeslagen.")
                    % {"name": municipality.name},
                )
                return redirect(f"{reverse('landscape:landscape')}#meldpunten")
        return _form_page(request, "landscape/central_point_form.html", context, form)
    if point is not None:
        initial = {name: getattr(point, name) for name in services.CENTRAL_POINT_FIELDS}
        initial["version"] = point.version
    else:
        initial = {"version": 0, "for_all_services": True}
    return _form_page(
        request, "landscape/central_point_form.html", context, CentralPointForm(initial=initial)
    )


# --- The comparison within one VSV ---------------------------------------------------------------


@require_GET
def vsv_compare(request, pk: int):
    """The municipalities of one VSV side by side (`selectors.vsv_comparison`: seven queries
    whatever the number of services)."""
    coalition = reader(request)
    partnership = Partnership.objects.filter(
        pk=pk, region=coalition.region, kind=PartnershipKind.VSV
    ).first()
    if partnership is None:
        raise Http404(_("Dit VSV bestaat niet (meer) in deze regio."))
    comparison = selectors.vsv_comparison(partnership)
    return render(
        request,
        "landscape/vsv_compare.html",
        {"comparison": comparison, "partnership": partnership},
    )
