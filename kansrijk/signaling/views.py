"""Signaling pages: a family's assessments, the questionnaire, the result with the route.

The family always comes from the access policy (`kansrijk.families.pages`): a page that
shows it logs a read, a form post lets the service log the write. The coordinator's pages
(overview, instruments, route steps) show no family data.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.families.pages import (
    add_service_errors,
    family_for_form,
    family_for_page,
)
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import instruments as registry
from . import selectors, services
from .forms import (
    AssessmentStartForm,
    PeriodForm,
    QuestionnaireForm,
    RouteForm,
    RouteStepForm,
    initial_answers,
)
from .levels import Level, Route, proposed_route
from .models import Assessment, RouteDecision, RouteStep
from .steps import DEFAULT_STEPS, coalition_steps


def _assessment(family, assessment_pk: int) -> Assessment:
    assessment = (
        Assessment.objects.filter(pk=assessment_pk, family=family)
        .select_related("pregnancy", "recorded_by", "recorded_by_person")
        .first()
    )
    if assessment is None:
        raise Http404(_("Deze signalering bestaat niet (meer)."))
    return assessment


# --- A family's assessments --------------------------------------------------------------


def family_assessments(request, pk: int):
    """Every assessment of the family with the level history, and starting a new one."""
    family = family_for_form(request, pk, detail=_("Signaleringen ingezien"))
    instruments = services.instruments_in_use(family.coalition)
    pregnancies = list(family.pregnancies.order_by("-due_date", "-pk"))
    form = AssessmentStartForm(
        request.POST if request.method == "POST" else None,
        instruments=instruments,
        pregnancies=pregnancies,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.assessment_start(
                    actor=request.user,
                    family_pk=family.pk,
                    instrument_key=form.cleaned_data["instrument"],
                    pregnancy_pk=form.cleaned_data["pregnancy"],
                    assessed_on=form.cleaned_data["assessed_on"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                return redirect("signaling:assessment", pk=family.pk, assessment_pk=assessment.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Signaleringen ingezien"))
    assessments = list(
        family.assessments.select_related(
            "recorded_by", "recorded_by_person", "pregnancy"
        ).order_by("-assessed_on", "-id")
    )
    known = {(i.key, i.version): i for i in registry.all_instruments()}
    for item in assessments:
        item.instrument = known.get((item.instrument_key, item.instrument_version))
    decisions = list(
        RouteDecision.objects.filter(family=family)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
    )
    return render(
        request,
        "signaling/family_assessments.html",
        {
            "family": family,
            "form": form,
            "assessments": assessments,
            "decisions": decisions,
            "unvalidated": [i for i in instruments if not i.validated],
        },
        status=status,
    )


def assessment(request, pk: int, assessment_pk: int):
    """A draft: the questionnaire (save as draft, or finish). A finished one: the result."""
    family = family_for_form(request, pk, detail=_("Signalering ingezien"))
    item = _assessment(family, assessment_pk)
    if not item.is_draft:
        if request.method == "POST":
            return HttpResponseNotAllowed(["GET"])
        return _result_page(request, family, item)
    instrument = registry.get_instrument(item.instrument_key, item.instrument_version)
    if request.method != "POST":
        form = QuestionnaireForm(
            instrument=instrument,
            initial={
                **initial_answers(item.answers),
                "partner_present": item.partner_present,
                "version": item.version,
            },
        )
        return _questionnaire_page(request, family, item, instrument, form)
    form = QuestionnaireForm(request.POST, instrument=instrument)
    finishing = request.POST.get("action") == "finish"
    if form.is_valid():
        service = services.assessment_finish if finishing else services.assessment_save_draft
        try:
            item = service(
                actor=request.user,
                assessment_pk=item.pk,
                answers=form.answers(),
                partner_present=form.cleaned_data.get("partner_present", False),
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except services.AssessmentConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.assessment.version)
            form = QuestionnaireForm(data, instrument=instrument)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Deze signalering is intussen ergens anders opgeslagen (in een ander "
                    "tabblad of door een collega). Jouw antwoorden staan hieronder nog: "
                    "controleer ze en sla opnieuw op."
                ),
            )
            return _questionnaire_page(request, family, item, instrument, form, status=409)
        except ValidationError as error:
            _answer_errors(form, error)
        else:
            if finishing:
                messages.success(request, _("De signalering is afgerond. Kies nu de route."))
            else:
                messages.success(request, _("Het concept is opgeslagen."))
            return redirect("signaling:assessment", pk=family.pk, assessment_pk=item.pk)
    return _questionnaire_page(request, family, item, instrument, form, status=400)


def _answer_errors(form: QuestionnaireForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        form.add_answer_errors({key: [str(m) for m in e] for key, e in error.error_dict.items()})
    else:
        form.add_error(None, error)


def _questionnaire_page(request, family, item, instrument, form, *, status=200):
    return render(
        request,
        "signaling/questionnaire.html",
        {"family": family, "assessment": item, "instrument": instrument, "form": form},
        status=status,
    )


@require_POST
def assessment_autosave(request, pk: int, assessment_pk: int):
    """Keep the draft while the professional answers (htmx, on every change)."""
    family = family_for_form(request, pk)
    item = _assessment(family, assessment_pk)
    state, version = "saved", item.version
    if not item.is_draft:
        state = "final"
    else:
        instrument = registry.get_instrument(item.instrument_key, item.instrument_version)
        form = QuestionnaireForm(request.POST, instrument=instrument)
        if not form.is_valid():
            state = "invalid"
        else:
            try:
                item = services.assessment_save_draft(
                    actor=request.user,
                    assessment_pk=item.pk,
                    answers=form.answers(),
                    partner_present=form.cleaned_data.get("partner_present", False),
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
                version = item.version
            except services.AssessmentConflict:
                state = "conflict"
            except ValidationError:
                state = "invalid"
    return render(
        request,
        "signaling/_autosave_status.html",
        {"state": state, "version": version, "at": timezone.localtime(), "oob": True},
    )


def _result_page(request, family, item, *, route_form=None, status=200):
    instrument = registry.get_instrument(item.instrument_key, item.instrument_version)
    result = registry.Result.from_dict(item.result)
    proposal = proposed_route(item.level)
    decision = item.route_decisions.select_related("decided_by").order_by("-decided_at").first()
    return render(
        request,
        "signaling/result.html",
        {
            "family": family,
            "assessment": item,
            "instrument": instrument,
            "result": result,
            "level": Level(item.level),
            "domains": _domain_rows(instrument, result),
            "drivers": _driver_rows(instrument, result, item.answers),
            "proposal": proposal,
            "proposal_label": _route_label(*proposal),
            "decision": decision,
            "current": selectors.family_signaling(family).route,
            "route_form": route_form or RouteForm(proposal=proposal),
        },
        status=status,
    )


def _route_label(route, priority) -> str:
    label = str(Route(route).label)
    return label + " — " + _("met voorrang (urgent)") if priority else label


def _domain_rows(instrument, result) -> list[dict]:
    titles = {d.key: registry.t(d.title) for d in instrument.domains}
    return [
        {
            "title": titles.get(d.key, d.key),
            "score": d.score,
            "level": Level(d.level),
            "answered": d.answered,
            "total_items": d.total_items,
        }
        for d in result.domains
    ]


def _driver_rows(instrument, result, answers) -> list[dict]:
    titles = {d.key: registry.t(d.title) for d in instrument.domains}
    rows = []
    for driver in result.drivers:
        item = instrument.item(driver.item_key)
        answer = answers.get(driver.item_key, driver.answer)
        label = str(answer)
        for option in item.options:
            if option.key == str(answer):
                label = registry.t(option.label)
        rows.append(
            {
                "domain": titles.get(driver.domain_key, driver.domain_key),
                "question": registry.t(item.text),
                "partner": item.respondent == "partner",
                "answer": label,
                "weight": driver.weight,
                "sets_level": Level(driver.sets_level) if driver.sets_level else None,
            }
        )
    return rows


@require_POST
def route_choose(request, pk: int, assessment_pk: int):
    family = family_for_form(request, pk)
    item = _assessment(family, assessment_pk)
    if item.is_draft:
        messages.error(request, _("Rond eerst de signalering af."))
        return redirect("signaling:assessment", pk=family.pk, assessment_pk=item.pk)
    form = RouteForm(request.POST, proposal=proposed_route(item.level))
    if form.is_valid():
        route, priority = form.route_and_priority()
        try:
            decision = services.route_choose(
                actor=request.user,
                family_pk=family.pk,
                assessment_pk=item.pk,
                route=route,
                priority=priority,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                # The service names the route and its priority; the form has one field for both.
                error = ValidationError(
                    {
                        "choice" if name in ("route", "priority") else name: errors
                        for name, errors in error.error_dict.items()
                    }
                )
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("%(route)s is vastgelegd; de volgende stappen staan bij het dossier.")
                % {"route": _route_label(decision.route, decision.priority)},
            )
            return redirect("families:detail", pk=family.pk)
    family = family_for_page(request, pk, detail=_("Signalering ingezien"))
    return _result_page(request, family, item, route_form=form, status=400)


def assessment_discard(request, pk: int, assessment_pk: int):
    family = family_for_form(request, pk, detail=_("Concept ingezien"))
    item = _assessment(family, assessment_pk)
    if not item.is_draft:
        messages.info(request, _("Een afgeronde signalering blijft altijd bewaard."))
        return redirect("signaling:assessment", pk=family.pk, assessment_pk=item.pk)
    if request.method == "POST":
        try:
            services.assessment_discard(actor=request.user, assessment_pk=item.pk, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het concept is verwijderd."))
        return redirect("signaling:family", pk=family.pk)
    return render(
        request, "signaling/assessment_discard.html", {"family": family, "assessment": item}
    )


# --- Coordinator: overview, instruments, route steps ---------------------------------------


def may_see_overview(request) -> bool:
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST))
    )


@role_required(Role.COORDINATOR, Role.ANALYST)
def overview(request):
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    return render(
        request,
        "signaling/overview.html",
        {
            "form": form,
            "overview": selectors.coalition_overview(
                request.active.coalition, start=start, end=end
            ),
            "small_number": selectors.SMALL_NUMBER,
        },
    )


@role_required(Role.COORDINATOR)
def instrument_settings(request):
    coalition = request.active.coalition
    if request.method == "POST":
        key = request.POST.get("instrument", "")
        enabled = request.POST.get("enabled") == "1"
        try:
            services.instrument_set_enabled(
                actor=request.user,
                coalition=coalition,
                instrument_key=key,
                enabled=enabled,
                request=request,
            )
        except LookupError:
            messages.error(request, _("Dit instrument bestaat niet."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                (
                    _("Het instrument is in gebruik genomen.")
                    if enabled
                    else _("Het instrument staat uit.")
                ),
            )
        return redirect("signaling:instruments")
    in_use = {i.key for i in services.instruments_in_use(coalition)}
    return render(
        request,
        "signaling/instrument_settings.html",
        {
            "rows": [
                {"instrument": i, "in_use": i.key in in_use} for i in registry.latest_instruments()
            ],
        },
    )


def instrument_detail(request, key: str, version: int):
    """The definition of one instrument version: what is asked, the weights and thresholds."""
    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        raise Http404
    try:
        instrument = registry.get_instrument(key, version)
    except LookupError:
        raise Http404(_("Dit instrument bestaat niet.")) from None
    return render(request, "signaling/instrument_detail.html", {"instrument": instrument})


@role_required(Role.COORDINATOR)
def route_steps(request):
    coalition = request.active.coalition
    own = list(
        RouteStep.objects.filter(coalition=coalition)
        .select_related("organisation")
        .order_by("route", "order", "id")
    )
    return render(
        request,
        "signaling/route_steps.html",
        {
            "steps": own,
            "defaults": DEFAULT_STEPS if not own else (),
            "active_steps": coalition_steps(coalition),
            "routes": Route,
        },
    )


@role_required(Role.COORDINATOR)
def route_step_edit(request, step_pk: int | None = None):
    coalition = request.active.coalition
    step = None
    if step_pk is not None:
        step = RouteStep.objects.filter(pk=step_pk, coalition=coalition).first()
        if step is None:
            raise Http404(_("Deze routestap bestaat niet (meer)."))
    form = RouteStepForm(
        request.POST if request.method == "POST" else None,
        instance=step or RouteStep(coalition=coalition, route=Route.POTENTIALLY_VULNERABLE),
        coalition=coalition,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.route_step_save(
                actor=request.user,
                coalition=coalition,
                step_pk=step_pk,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("De routestap is opgeslagen."))
            return redirect("signaling:route_steps")
    return render(
        request,
        "signaling/route_step_form.html",
        {"form": form, "step": step},
        status=400 if form.errors else 200,
    )
