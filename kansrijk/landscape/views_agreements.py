"""Pages of the improvement agreements (verbeterafspraken) on the klantroute's gaps.

Who may open what, in plain words:
- the list: coordinators and analysts of the active coalition (agreements are coalition
  data, no family in them);
- recording, changing and deleting an agreement: coordinators of the active coalition;
  everyone else gets 403 (the services check it again);
- an agreement of another coalition is "not found" (404).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.care.needs import Need
from kansrijk.families.pages import add_service_errors
from kansrijk.organisations.models import Municipality, Role
from kansrijk.socialmap.vocabulary import Phase, TargetGroup

from . import selectors_agreements as selectors
from . import services_agreements as services
from .forms_agreements import AgreementFilterForm, AgreementForm
from .models import Agreement, AgreementStatus

PAGE_SIZE = 25

# --- Who may -------------------------------------------------------------------------------------


def _active(request):
    active = getattr(request, "active", None)
    return active if active is not None and active.coalition is not None else None


def may_read_landscape(request) -> bool:
    """Coordinators and analysts of the active coalition (no query: `request.active`)."""
    active = _active(request)
    return bool(active and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST)))


def may_manage_landscape(request) -> bool:
    active = _active(request)
    return bool(active and active.has_role(Role.COORDINATOR))


def reader(request):
    if not may_read_landscape(request):
        raise PermissionDenied
    return request.active.coalition


def manager(request):
    if not may_manage_landscape(request):
        raise PermissionDenied
    return request.active.coalition


def _municipalities(coalition) -> list[Municipality]:
    return list(Municipality.objects.filter(coalition=coalition).order_by("name"))


def _agreement(coalition, pk: int) -> Agreement:
    agreement = Agreement.objects.filter(pk=pk, coalition=coalition).first()
    if agreement is None:
        raise Http404(_("Deze afspraak bestaat niet (meer)."))
    return agreement


def klantroute_url(target_group: str) -> str:
    """The klantroute of the target group (built beside this part); the agreement list while
    the klantroute is not there."""
    try:
        url = reverse("landscape:klantroute")
    except NoReverseMatch:
        return reverse("landscape:agreement_list")
    return f"{url}?{urlencode({'doelgroep': target_group})}" if target_group else url


# --- The list ----------------------------------------------------------------------------------


@require_GET
def agreement_list(request):
    """The coalition's agreements, filtered by target group, status and municipality, sorted
    by due date, overdue ones marked; three queries besides the session's (the coalition's
    municipalities, the count, the page with municipality and author)."""
    coalition = reader(request)
    municipalities = _municipalities(coalition)
    form = AgreementFilterForm(request.GET or None, municipalities=municipalities)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    agreements = selectors.agreement_list(
        coalition,
        target_group=filters.get("doelgroep") or "",
        status=filters.get("status") or "",
        municipality=form.municipalities.get(filters.get("gemeente")),
        sort=filters.get("sortering") or "datum",
    )
    page_obj = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("pagina"))
    today = timezone.localdate()
    for agreement in page_obj.object_list:
        agreement.overdue = selectors.is_overdue(agreement, today)
    return render(
        request,
        "landscape/agreement_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "agreements": page_obj.object_list,
            "filtered": bool(
                filters and any(filters.get(k) for k in ("doelgroep", "status", "gemeente"))
            ),
            "may_manage": may_manage_landscape(request),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Forms ---------------------------------------------------------------------------------------

LABELS = {
    "target_group": lambda: _("Doelgroep"),
    "phase": lambda: _("Fase"),
    "need": lambda: _("Behoefte"),
    "municipality": lambda: _("Gemeente"),
    "what": lambda: _("Wat spreken we af"),
    "who": lambda: _("Wie"),
    "due_date": lambda: _("Wanneer klaar"),
    "status": lambda: _("Status"),
}
CHOICES = {
    "target_group": TargetGroup,
    "phase": Phase,
    "need": Need,
    "status": AgreementStatus,
}


def _display(name: str, value: str) -> str:
    if not value:
        return _("Alle gemeenten") if name == "municipality" else "—"
    if name in CHOICES and value in CHOICES[name].values:
        return str(CHOICES[name](value).label)
    return value


def conflict_rows(conflict) -> list[dict]:
    rows = []
    for name in services.FIELDS:
        stored = _display(name, conflict.current.get(name, ""))
        submitted = _display(name, conflict.submitted.get(name, ""))
        rows.append(
            {
                "label": capfirst(LABELS[name]()),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return rows


def _form_page(request, context: dict, form, *, conflict=None, status=None):
    context = {"form": form, **context}
    if conflict is not None:
        context["conflict"] = conflict
        context["rows"] = conflict_rows(conflict)
    if status is None:
        status = 409 if conflict is not None else (400 if form.is_bound and form.errors else 200)
    return render(request, "landscape/agreement_form.html", context, status=status)


def _prefill(request, coalition) -> dict:
    """The klantroute's gap cell links here with `?doelgroep=&fase=&behoefte=&gemeente=`;
    values that are not in the vocabulary (or a municipality of another coalition) are
    left out."""
    initial = {"version": 0, "status": AgreementStatus.OPEN}
    if request.GET.get("doelgroep") in TargetGroup.values:
        initial["target_group"] = request.GET["doelgroep"]
    if request.GET.get("fase") in Phase.values:
        initial["phase"] = request.GET["fase"]
    if request.GET.get("behoefte") in Need.values:
        initial["need"] = request.GET["behoefte"]
    municipality = services.municipality_of(coalition, request.GET.get("gemeente"))
    if municipality is not None:
        initial["municipality"] = municipality.pk
    return initial


@require_http_methods(["GET", "POST"])
def agreement_create(request):
    """Record an agreement on a gap (coordinators); then back to the klantroute of the
    target group."""
    coalition = manager(request)
    municipalities = _municipalities(coalition)
    context = {
        "title": _("Nieuwe verbeterafspraak"),
        "action": request.get_full_path(),
        "cancel_url": klantroute_url(request.GET.get("doelgroep", ""))
        if request.GET.get("doelgroep") in TargetGroup.values
        else reverse("landscape:agreement_list"),
    }
    if request.method == "POST":
        form = AgreementForm(request.POST, municipalities=municipalities)
        if form.is_valid():
            try:
                agreement = services.agreement_create(
                    actor=request.user,
                    coalition=coalition,
                    data=form.agreement_data(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("De afspraak is opgeslagen."))
                return redirect(klantroute_url(agreement.target_group))
        return _form_page(request, context, form)
    form = AgreementForm(initial=_prefill(request, coalition), municipalities=municipalities)
    return _form_page(request, context, form)


def _initial(agreement: Agreement) -> dict:
    initial = {name: getattr(agreement, name) for name in services.FIELDS}
    initial["municipality"] = agreement.municipality_id or ""
    initial["version"] = agreement.version
    return initial


@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk: int):
    """Change an agreement (coordinators), with the version check: when someone else saved in
    between, both versions side by side (409) and the form again with this editor's input."""
    coalition = manager(request)
    agreement = _agreement(coalition, pk)
    municipalities = _municipalities(coalition)
    context = {
        "title": _("Verbeterafspraak bewerken"),
        "action": reverse("landscape:agreement_edit", args=[agreement.pk]),
        "cancel_url": reverse("landscape:agreement_list"),
        "agreement": agreement,
    }
    if request.method == "POST":
        form = AgreementForm(request.POST, municipalities=municipalities)
        if form.is_valid():
            try:
                services.agreement_update(
                    actor=request.user,
                    coalition=coalition,
                    agreement_pk=agreement.pk,
                    expected_version=form.cleaned_data["version"],
                    data=form.agreement_data(),
                    request=request,
                )
            except services.AgreementVersionConflict as conflict:
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                fresh = AgreementForm(data, municipalities=municipalities)
                fresh.is_valid()
                return _form_page(request, context, fresh, conflict=conflict)
            except ValidationError as error:
                add_service_errors([form], error)
            except Agreement.DoesNotExist:
                raise Http404(_("Deze afspraak bestaat niet (meer).")) from None
            else:
                messages.success(request, _("De afspraak is opgeslagen."))
                return redirect("landscape:agreement_list")
        return _form_page(request, context, form)
    form = AgreementForm(initial=_initial(agreement), municipalities=municipalities)
    return _form_page(request, context, form)


@require_http_methods(["GET", "POST"])
def agreement_delete(request, pk: int):
    """Ask, then delete the agreement (coordinators); the audit trail keeps what it said."""
    coalition = manager(request)
    agreement = _agreement(coalition, pk)
    if request.method == "POST":
        try:
            services.agreement_delete(
                actor=request.user, coalition=coalition, agreement_pk=agreement.pk, request=request
            )
        except Agreement.DoesNotExist:
            raise Http404(_("Deze afspraak bestaat niet (meer).")) from None
        messages.success(request, _("De afspraak is verwijderd."))
        return redirect("landscape:agreement_list")
    return render(
        request,
        "landscape/agreement_confirm.html",
        {"agreement": agreement, "cancel_url": reverse("landscape:agreement_list")},
    )
