"""Pages of the coalition's social business case (maatschappelijke businesscase).

Who may open what, in plain words:
- the list of scenarios, a scenario's page with its result, the comparison, the XLSX export
  and the print version: coordinators and analysts of the active coalition (a business case
  is coalition data with no family in it, so analysts may read it);
- creating, changing and deleting a scenario and its interventions, effects and savings:
  coordinators of the active coalition; the services check it again;
- professionals and administrators get 403; a scenario of another coalition is "not found".

Every form carries the scenario's version: a change based on an older version gets the
conflict page (409) instead of overwriting someone else's change.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.families.pages import add_service_errors
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Role

from . import export_business
from . import selectors_business as selectors
from . import services_business as services
from .business_case import (
    BASE,
    DUTCH_BY_ESTIMATE,
    ESTIMATE_BY_DUTCH,
    ESTIMATE_LABELS,
    ESTIMATES,
    Result,
    case_input,
    compute_all,
    euro,
)
from .forms_business import (
    BusinessCaseForm,
    ConfirmForm,
    EffectForm,
    InterventionForm,
    SavingForm,
)
from .models import BusinessCase, BusinessCaseSaving, BusinessPayer

MAX_COMPARED = 4

# --- Who may -----------------------------------------------------------------------------------


def may_read_business(request) -> bool:
    """Coordinators and analysts of the active coalition (no query: `request.active`)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST))
    )


def may_edit_business(request) -> bool:
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(Role.COORDINATOR)
    )


def _reader(request):
    if not may_read_business(request):
        raise PermissionDenied
    return request.active.coalition


def _editor(request):
    if not may_edit_business(request):
        raise PermissionDenied
    return request.active.coalition


def _case(coalition, pk: int) -> BusinessCase:
    """The scenario without its rows (one query); another coalition's is not found."""
    case = BusinessCase.objects.filter(pk=pk, coalition_id=coalition.pk).first()
    if case is None:
        raise Http404(_("Dit scenario bestaat niet (meer)."))
    return case


def _full_case(coalition, pk: int) -> BusinessCase:
    case = selectors.coalition_case(coalition.pk, pk)
    if case is None:
        raise Http404(_("Dit scenario bestaat niet (meer)."))
    return case


def _to_case(case: BusinessCase, anchor: str = ""):
    url = reverse("financing:business_detail", args=[case.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _estimate(request) -> str:
    return ESTIMATE_BY_DUTCH.get(request.GET.get("schatting", ""), BASE)


# --- List, page, comparison --------------------------------------------------------------------


@require_GET
def business_list(request):
    """The coalition's scenarios by name with their base result (four queries for any
    number of scenarios and rows: the cases and three prefetches)."""
    coalition = _reader(request)
    cases = selectors.coalition_cases(coalition.pk)
    return render(
        request,
        "financing/business_list.html",
        {"cases": cases, "may_edit": may_edit_business(request), "max_compared": MAX_COMPARED},
    )


def _result_context(case: BusinessCase, estimate: str) -> dict:
    results = compute_all(case_input(case))
    result = results[estimate]
    return {
        "result": result,
        "results": results,
        "estimate": estimate,
        "estimate_dutch": DUTCH_BY_ESTIMATE[estimate],
        "estimates": [
            {
                "code": code,
                "dutch": DUTCH_BY_ESTIMATE[code],
                "label": ESTIMATE_LABELS[code],
                "current": code == estimate,
            }
            for code in ESTIMATES
        ],
        "chart": chart(result),
    }


@require_GET
def business_detail(request, pk: int):
    """A scenario: its inputs with their sources and the result for the chosen estimate
    (four queries: the case with its authors, and three prefetches for the rows)."""
    coalition = _reader(request)
    case = _full_case(coalition, pk)
    interventions = selectors.case_rows(case)
    return render(
        request,
        "financing/business_detail.html",
        {
            "case": case,
            "interventions": interventions,
            "may_edit": may_edit_business(request),
            **_result_context(case, _estimate(request)),
        },
    )


@require_GET
def business_compare(request):
    """Up to four scenarios side by side, per estimate: the net per payer, the totals and
    the break-even year (four queries)."""
    coalition = _reader(request)
    ids = []
    for value in request.GET.getlist("ids"):
        if value.isascii() and value.isdigit():
            ids.append(int(value))
    cases = selectors.cases_for_comparison(coalition.pk, ids[:MAX_COMPARED]) if ids else []
    tables = []
    for estimate in ESTIMATES:
        results = [case.results[estimate] for case in cases]
        payers = sorted(
            {payer.payer for result in results for payer in result.payers},
            key=BusinessPayer.values.index,
        )
        rows = []
        for code in payers:
            cells = []
            for result in results:
                found = result.payer(code)
                cells.append(found.total_net if found is not None else None)
            rows.append({"label": BusinessPayer(code).label, "cells": cells})
        tables.append(
            {
                "estimate": estimate,
                "label": ESTIMATE_LABELS[estimate],
                "rows": rows,
                "investment": [result.total_investment for result in results],
                "savings": [result.total_savings for result in results],
                "net": [result.total_net for result in results],
                "break_even": [result.break_even_year for result in results],
                "horizons": [len(result.years) for result in results],
            }
        )
    return render(
        request,
        "financing/business_compare.html",
        {
            "cases": cases,
            "tables": tables,
            "too_few": len(cases) < 2,
            "all_cases": selectors.coalition_case_names(coalition.pk),
            "chosen": {case.pk for case in cases},
            "max_compared": MAX_COMPARED,
        },
    )


@require_GET
def business_export(request, pk: int):
    """The scenario as an XLSX workbook: the inputs with their sources, and the result per
    payer per year for each estimate."""
    coalition = _reader(request)
    case = _full_case(coalition, pk)
    content = export_business.workbook_bytes(case)
    response = HttpResponse(content, content_type=export_business.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_business.filename(case)}"'
    return response


@require_GET
def business_print(request, pk: int):
    """A print version of the scenario: inputs, the result of the chosen estimate, the
    comparison of the estimates; the menu and buttons are hidden when printing."""
    coalition = _reader(request)
    case = _full_case(coalition, pk)
    return render(
        request,
        "financing/business_print.html",
        {
            "case": case,
            "interventions": selectors.case_rows(case),
            "printed_at": timezone.localtime(),
            **_result_context(case, _estimate(request)),
        },
    )


# --- The scenario ------------------------------------------------------------------------------


def _display(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    return str(value)


def _case_conflict(request, case: BusinessCase, conflict: VersionConflict):
    """Both versions side by side and the form with the second writer's input (409)."""
    data = request.POST.copy()
    data["version"] = str(conflict.current_version)
    rows = []
    for name in services.CASE_FIELDS:
        stored = _display(name, conflict.current.get(name))
        submitted = _display(name, conflict.submitted.get(name))
        rows.append(
            {
                "label": capfirst(BusinessCase._meta.get_field(name).verbose_name),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return render(
        request,
        "financing/business_conflict.html",
        {"case": case, "form": BusinessCaseForm(data), "rows": rows, "conflict": conflict},
        status=409,
    )


@require_http_methods(["GET", "POST"])
def business_edit(request, pk: int | None = None):
    """Create a scenario (no `pk`) or change it, with the version check; coordinators."""
    coalition = _editor(request)
    case = _case(coalition, pk) if pk is not None else None
    if request.method == "POST":
        form = BusinessCaseForm(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.CASE_FIELDS}
            try:
                case = services.business_case_save(
                    actor=request.user,
                    coalition=coalition,
                    data=data,
                    case_pk=case.pk if case else None,
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except VersionConflict as conflict:
                return _case_conflict(request, case, conflict)
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("Scenario %(name)s is opgeslagen.") % {"name": case})
                return _to_case(case)
    elif case is None:
        form = BusinessCaseForm(initial={"version": 0, "start_year": timezone.localdate().year})
    else:
        form = BusinessCaseForm(initial={**services.snapshot(case), "version": case.version})
    return render(
        request,
        "financing/business_form.html",
        {"form": form, "case": case},
        status=400 if form.errors else 200,
    )


def _confirm(request, case: BusinessCase, *, title: str, question: str, confirm: str, status=200):
    form = ConfirmForm(initial={"version": case.version})
    return render(
        request,
        "financing/business_confirm.html",
        {"case": case, "title": title, "question": question, "confirm": confirm, "form": form},
        status=status,
    )


def _stale(request, case: BusinessCase):
    messages.error(
        request,
        _(
            "Iemand anders heeft dit scenario intussen gewijzigd. Bekijk de nieuwe versie en "
            "probeer het zo nodig opnieuw."
        ),
    )


@require_http_methods(["GET", "POST"])
def business_delete(request, pk: int):
    """Ask, then delete a scenario with all its rows; coordinators."""
    coalition = _editor(request)
    case = _case(coalition, pk)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        try:
            services.business_case_delete(
                actor=request.user,
                coalition=coalition,
                case_pk=case.pk,
                expected_version=version,
                request=request,
            )
        except VersionConflict:
            _stale(request, case)
            return _to_case(case)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Scenario %(name)s is verwijderd.") % {"name": case.name})
        return redirect("financing:business_list")
    return _confirm(
        request,
        case,
        title=_("Scenario verwijderen"),
        confirm=_("Ja, verwijderen"),
        question=_(
            "Weet je zeker dat je het scenario %(name)s met alle interventies, effecten en "
            "besparingen verwijdert? Dit kan niet ongedaan worden gemaakt."
        )
        % {"name": case.name},
    )


# --- Rows: interventions, effects, savings -------------------------------------------------------


def _row_form_page(request, case, form, *, template_title: str, status: int = 200, **extra):
    return render(
        request,
        "financing/business_row_form.html",
        {"case": case, "form": form, "title": template_title, **extra},
        status=status,
    )


def _save_row(request, case, form, save, *, anchor: str, done: str, title: str, **extra):
    """Call `save(data, version)`; on success back to the scenario, on a version conflict
    the form again with a warning and the current version (409), on invalid input the
    form with the messages beside the fields (400)."""
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            saved = save(data, version)
        except VersionConflict as conflict:
            values = request.POST.copy()
            values["version"] = str(conflict.current_version)
            form = type(form)(values, **extra.pop("form_kwargs", {}))
            form.is_valid()
            return _row_form_page(
                request, case, form, template_title=title, status=409, conflict=conflict, **extra
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, done % {"name": saved})
            return _to_case(case, f"{anchor}-{saved.pk}")
    extra.pop("form_kwargs", None)
    return _row_form_page(request, case, form, template_title=title, status=400, **extra)


@require_http_methods(["GET", "POST"])
def business_intervention_edit(request, pk: int, item_pk: int | None = None):
    """Add an intervention (no `item_pk`) or change one; coordinators."""
    case = _case(_editor(request), pk)
    intervention = None
    if item_pk is not None:
        intervention = case.interventions.filter(pk=item_pk).first()
        if intervention is None:
            raise Http404(_("Deze interventie bestaat niet (meer)."))
    title = _("Interventie bewerken") if intervention else _("Interventie toevoegen")
    if request.method == "POST":

        def save(data, version):
            return services.business_intervention_save(
                actor=request.user,
                case=case,
                data=data,
                intervention_pk=intervention.pk if intervention else None,
                expected_version=version,
                request=request,
            )

        return _save_row(
            request,
            case,
            InterventionForm(request.POST),
            save,
            anchor="interventie",
            done=_("Interventie %(name)s is opgeslagen."),
            title=title,
        )
    initial = {"version": case.version}
    if intervention is not None:
        initial.update({name: getattr(intervention, name) for name in services.INTERVENTION_FIELDS})
    return _row_form_page(request, case, InterventionForm(initial=initial), template_title=title)


@require_http_methods(["GET", "POST"])
def business_effect_edit(request, pk: int, item_pk: int | None = None):
    """Add an effect to one of the scenario's interventions, or change one; coordinators."""
    case = _case(_editor(request), pk)
    interventions = list(case.interventions.order_by("id"))
    effect = None
    if item_pk is not None:
        effect = case.effects.filter(pk=item_pk).first()
        if effect is None:
            raise Http404(_("Dit effect bestaat niet (meer)."))
    title = _("Effect bewerken") if effect else _("Effect toevoegen")
    if request.method == "POST":

        def save(data, version):
            return services.business_effect_save(
                actor=request.user,
                case=case,
                data=data,
                effect_pk=effect.pk if effect else None,
                expected_version=version,
                request=request,
            )

        return _save_row(
            request,
            case,
            EffectForm(request.POST, interventions=interventions),
            save,
            anchor="effect",
            done=_("Effect %(name)s is opgeslagen."),
            title=title,
            form_kwargs={"interventions": interventions},
            no_interventions=not interventions,
        )
    initial = {"version": case.version}
    if effect is not None:
        initial.update({name: getattr(effect, name) for name in services.EFFECT_FIELDS})
        initial["intervention"] = effect.intervention_id
    else:
        wanted = request.GET.get("interventie", "")
        if wanted.isascii() and wanted.isdigit():
            initial["intervention"] = int(wanted)
    return _row_form_page(
        request,
        case,
        EffectForm(initial=initial, interventions=interventions),
        template_title=title,
        no_interventions=not interventions,
    )


@require_http_methods(["GET", "POST"])
def business_saving_add(request, pk: int, item_pk: int):
    """Add what one avoided outcome of an effect saves one payer; coordinators."""
    case = _case(_editor(request), pk)
    effect = case.effects.filter(pk=item_pk).first()
    if effect is None:
        raise Http404(_("Dit effect bestaat niet (meer)."))
    title = _("Besparing toevoegen bij %(outcome)s") % {"outcome": effect.outcome}
    if request.method == "POST":

        def save(data, version):
            return services.business_saving_add(
                actor=request.user,
                case=case,
                effect_pk=effect.pk,
                data=data,
                expected_version=version,
                request=request,
            )

        return _save_row(
            request,
            case,
            SavingForm(request.POST),
            save,
            anchor="effect",
            done=_("Besparing %(name)s is opgeslagen."),
            title=title,
            effect=effect,
        )
    return _row_form_page(
        request,
        case,
        SavingForm(initial={"version": case.version}),
        template_title=title,
        effect=effect,
    )


def _delete_row(request, case, *, remove, title: str, question: str, done: str, anchor: str):
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        try:
            remove(version)
        except VersionConflict:
            _stale(request, case)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return _to_case(case, anchor)
    return _confirm(request, case, title=title, question=question, confirm=_("Ja, verwijderen"))


@require_http_methods(["GET", "POST"])
def business_intervention_delete(request, pk: int, item_pk: int):
    case = _case(_editor(request), pk)
    intervention = case.interventions.filter(pk=item_pk).first()
    if intervention is None:
        raise Http404(_("Deze interventie bestaat niet (meer)."))
    return _delete_row(
        request,
        case,
        remove=lambda version: services.business_intervention_delete(
            actor=request.user,
            case=case,
            intervention_pk=intervention.pk,
            expected_version=version,
            request=request,
        ),
        title=_("Interventie verwijderen"),
        question=_(
            "Weet je zeker dat je de interventie %(name)s met haar effecten en besparingen "
            "verwijdert?"
        )
        % {"name": intervention.name},
        done=_("Interventie %(name)s is verwijderd.") % {"name": intervention.name},
        anchor="interventies",
    )


@require_http_methods(["GET", "POST"])
def business_effect_delete(request, pk: int, item_pk: int):
    case = _case(_editor(request), pk)
    effect = case.effects.filter(pk=item_pk).first()
    if effect is None:
        raise Http404(_("Dit effect bestaat niet (meer)."))
    return _delete_row(
        request,
        case,
        remove=lambda version: services.business_effect_delete(
            actor=request.user,
            case=case,
            effect_pk=effect.pk,
            expected_version=version,
            request=request,
        ),
        title=_("Effect verwijderen"),
        question=_("Weet je zeker dat je het effect %(name)s met zijn besparingen verwijdert?")
        % {"name": effect.outcome},
        done=_("Effect %(name)s is verwijderd.") % {"name": effect.outcome},
        anchor="interventies",
    )


@require_http_methods(["GET", "POST"])
def business_saving_delete(request, pk: int, item_pk: int):
    case = _case(_editor(request), pk)
    saving = (
        BusinessCaseSaving.objects.filter(pk=item_pk, effect__case=case)
        .select_related("effect")
        .first()
    )
    if saving is None:
        raise Http404(_("Deze besparing bestaat niet (meer)."))
    label = f"{saving.get_payer_display()} ({saving.effect.outcome})"
    return _delete_row(
        request,
        case,
        remove=lambda version: services.business_saving_delete(
            actor=request.user,
            case=case,
            saving_pk=saving.pk,
            expected_version=version,
            request=request,
        ),
        title=_("Besparing verwijderen"),
        question=_("Weet je zeker dat je de besparing voor %(name)s verwijdert?") % {"name": label},
        done=_("Besparing voor %(name)s is verwijderd.") % {"name": label},
        anchor=f"effect-{saving.effect_id}",
    )


# --- The chart ---------------------------------------------------------------------------------

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 16, 40
INVESTMENT_COLOUR, SAVINGS_COLOUR, LINE_COLOUR = "#b35c00", "#1f6f8b", "#1a1a1a"


def _nice_step(span: Decimal) -> Decimal:
    """A round tick step (1, 2 or 5 times a power of ten) giving about four ticks over `span`."""
    raw = span / 4 if span > 0 else Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for factor in (1, 2, 5, 10):
        if raw <= magnitude * factor:
            return magnitude * factor
    return magnitude * 10  # pragma: no cover - the loop ends at 10


def chart(result: Result) -> dict:
    """The geometry of the SVG chart: per year a bar for the investment and one for the
    savings (all payers together), and a line for the cumulative net; with the y axis's
    ticks. The template draws it, with a <title> on every bar and point; the table beside
    it has the same numbers."""
    totals = result.totals
    values = [Decimal(0)]
    for total in totals:
        values += [total.investment, total.savings, total.cumulative_net]
    low, high = min(values), max(values)
    step = _nice_step(high - low)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if high == low:
        high = low + step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y(value: Decimal) -> float:
        return round(TOP + float((high - value) / (high - low)) * plot_height, 1)

    group = plot_width / max(len(totals), 1)
    bar = group * 0.32
    years, points = [], []
    zero = y(Decimal(0))
    for index, total in enumerate(totals):
        x = LEFT + index * group
        middle = x + group / 2
        investment_top, savings_top = y(total.investment), y(total.savings)
        years.append(
            {
                "year": total.year,
                "label_x": round(middle, 1),
                "investment": {
                    "x": round(middle - bar - 1, 1),
                    "y": investment_top,
                    "height": round(zero - investment_top, 1),
                    "title": _("%(year)s: investering %(amount)s")
                    % {"year": total.year, "amount": euro(total.investment)},
                },
                "savings": {
                    "x": round(middle + 1, 1),
                    "y": savings_top,
                    "height": round(zero - savings_top, 1),
                    "title": _("%(year)s: besparing %(amount)s")
                    % {"year": total.year, "amount": euro(total.savings)},
                },
            }
        )
        points.append(
            {
                "x": round(middle, 1),
                "y": y(total.cumulative_net),
                "title": _("%(year)s: cumulatief netto %(amount)s")
                % {"year": total.year, "amount": euro(total.cumulative_net)},
            }
        )
    ticks = []
    value = low
    while value <= high:
        ticks.append({"y": y(value), "label": euro(value)})
        value += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "zero": zero,
        "bar_width": round(bar, 1),
        "years": years,
        "points": points,
        "line": " ".join(f"{point['x']},{point['y']}" for point in points),
        "ticks": ticks,
        "label_y": HEIGHT - BOTTOM + 24,
        "colours": {
            "investment": INVESTMENT_COLOUR,
            "savings": SAVINGS_COLOUR,
            "line": LINE_COLOUR,
        },
    }
