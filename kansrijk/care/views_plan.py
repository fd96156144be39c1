"""Pages of the care plan: the plan, its edit (with conflict page) and history, concerns,
goals, scores, agreed actions, the discussion with the family, the safety plan and the print
version for the family.

The family always comes from the access policy (`kansrijk.families.pages`): a page that
shows it logs a read, a form post lets the service log the write (and a refusal is logged by
the policy). The safety plan is narrower: `selectors.safety_plan_family` answers 404 to
everyone but the case director and those granted it, and logs the refusal.
"""

import math
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.core.together import Reader
from kansrijk.families.pages import (
    active_coalition,
    add_service_errors,
    family_for_form,
    family_for_page,
)
from kansrijk.families.services import VersionConflict

from . import selectors, services_plan
from .forms_plan import (
    CarePlanForm,
    ConcernForm,
    GoalCloseForm,
    GoalEditForm,
    GoalForm,
    HealthScoreForm,
    PlanActionForm,
    PlanDiscussedForm,
    SafetyPlanForm,
    SafetyPlanGrantForm,
)
from .models import (
    PLAN_TEXT_FIELDS,
    SAFETY_PLAN_TEXT_FIELDS,
    CarePlan,
    Goal,
    HealthDimension,
    SafetyPlan,
)
from .models.plan import SCORE_MAX


def _closed(request, family) -> bool:
    if family.is_open:
        return False
    messages.info(request, _("Dit dossier is gesloten. Heropen het om het plan te wijzigen."))
    return True


def _to_plan(family, anchor: str = ""):
    url = reverse("care:plan", args=[family.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render(request, template: str, family, *, status: int = 200, **context):
    return render(
        request, template, {"family": family, "section": "plan", **context}, status=status
    )


# --- The plan ----------------------------------------------------------------------------


def plan(request, pk: int):
    """The plan with everything in it. Reads: see `selectors.care_plan_overview`."""
    family = family_for_page(request, pk, detail=_("Gezinsplan ingezien"))
    overview = selectors.care_plan_overview(family)
    return _render(
        request,
        "care/plan.html",
        family,
        overview=overview,
        spider=spider_web(overview.first_score, overview.latest_score),
        concern_form=ConcernForm(),
        may_see_safety_plan=selectors.may_see_safety_plan(request.user, family),
        next=request.get_full_path(),
    )


def plan_edit(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    status = 200
    if request.method == "POST":
        form = CarePlanForm(request.POST)
        if form.is_valid():
            try:
                services_plan.care_plan_update(
                    actor=request.user,
                    family_pk=family.pk,
                    expected_version=form.cleaned_data["version"],
                    data={name: form.cleaned_data[name] for name in PLAN_TEXT_FIELDS},
                    request=request,
                )
            except VersionConflict as conflict:
                return _plan_conflict(request, pk, conflict)
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("Het gezinsplan is opgeslagen."))
                return _to_plan(family)
        status = 400
    else:
        plan = CarePlan.objects.filter(family=family).first()
        if plan is None:
            # A new plan starts from what the family file already says goes well.
            initial = {"strengths": family.strengths, "version": 0}
        else:
            initial = {**plan.snapshot(), "version": plan.version}
        form = CarePlanForm(initial=initial)
    return _render(request, "care/plan_edit.html", family, form=form, status=status)


def _conflict_rows(model, names, conflict: VersionConflict, display=None) -> list[dict]:
    display = display or (lambda name, value: value or "—")
    rows = []
    for name in names:
        stored = str(display(name, conflict.current.get(name)))
        submitted = str(display(name, conflict.submitted.get(name)))
        rows.append(
            {
                "label": capfirst(model._meta.get_field(name).verbose_name),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return rows


def _resubmitted(request, conflict: VersionConflict):
    """The second writer's input again, now on the current version: saving it once more is a
    conscious choice to put it over the other person's text, which the history keeps."""
    data = request.POST.copy()
    data["version"] = str(conflict.current_version)
    return data


def _plan_conflict(request, pk: int, conflict: VersionConflict):
    """Both versions side by side and the form with the second writer's text (HTTP 409)."""
    family = family_for_page(request, pk, detail=_("Wijzigingsconflict gezinsplan getoond"))
    return _render(
        request,
        "care/plan_conflict.html",
        family,
        form=CarePlanForm(_resubmitted(request, conflict)),
        rows=_conflict_rows(CarePlan, PLAN_TEXT_FIELDS, conflict),
        conflict=conflict,
        status=409,
    )


def plan_history(request, pk: int):
    family = family_for_page(request, pk, detail=_("Geschiedenis van het gezinsplan bekeken"))
    plan = CarePlan.objects.filter(family=family).first()
    versions = []
    for version in selectors.plan_versions(plan) if plan is not None else []:
        versions.append(
            {
                "version": version,
                "changes": [
                    {
                        "label": capfirst(CarePlan._meta.get_field(name).verbose_name),
                        "old": old or "—",
                        "new": new or "—",
                    }
                    for name, (old, new) in version.changes.items()
                ],
            }
        )
    return _render(request, "care/plan_history.html", family, versions=versions)


def plan_discussed(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    form = PlanDiscussedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services_plan.care_plan_discussed_record(
                actor=request.user,
                family_pk=family.pk,
                discussed_on=form.cleaned_data["discussed_on"],
                with_whom=form.cleaned_data["with_whom"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("Vastgelegd: het plan is op %(date)s met het gezin besproken.")
                % {"date": date_format(discussion.discussed_on, "j F Y")},
            )
            return _to_plan(family)
    return _render(
        request,
        "care/plan_discussed.html",
        family,
        form=form,
        status=400 if form.errors else 200,
    )


# --- Concerns ---------------------------------------------------------------------------


def concern_add(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_plan.concern_add(
                actor=request.user,
                family_pk=family.pk,
                text=form.cleaned_data["text"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("Het zorgpunt is toegevoegd."))
            return _to_plan(family, "zorgpunten")
    return _render(
        request, "care/concern_form.html", family, form=form, status=400 if form.errors else 200
    )


@require_POST
def concern_move(request, pk: int, concern_pk: int):
    family = family_for_form(request, pk)
    direction = request.POST.get("richting")
    if direction not in ("omhoog", "omlaag"):
        messages.error(request, _("Kies of het zorgpunt omhoog of omlaag moet."))
        return _to_plan(family, "zorgpunten")
    try:
        concern = services_plan.concern_move(
            actor=request.user,
            family_pk=family.pk,
            concern_pk=concern_pk,
            up=direction == "omhoog",
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(text)s” staat nu op plaats %(position)s.")
            % {"text": concern.text, "position": concern.position},
        )
    return _to_plan(family, "zorgpunten")


@require_POST
def concern_resolve(request, pk: int, concern_pk: int):
    family = family_for_form(request, pk)
    try:
        concern = services_plan.concern_resolve(
            actor=request.user, family_pk=family.pk, concern_pk=concern_pk, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Opgelost: %(text)s") % {"text": concern.text})
    return _to_plan(family, "zorgpunten")


# --- Goals ------------------------------------------------------------------------------


def goal_add(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial={"dimension": request.GET.get("dimensie", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = services_plan.goal_add(
                actor=request.user, family_pk=family.pk, **form.goal_data(), request=request
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("Het doel is toegevoegd: %(text)s") % {"text": goal.text})
            return _to_plan(family, "doelen")
    return _render(
        request,
        "care/goal_form.html",
        family,
        form=form,
        goal=None,
        status=400 if form.errors else 200,
    )


def _goal(family, goal_pk: int) -> Goal:
    goal = Goal.objects.filter(pk=goal_pk, family=family).first()
    if goal is None:
        raise Http404(_("Dit doel bestaat niet (meer)."))
    return goal


def _goal_display(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "dimension" and value in HealthDimension.values:
        return str(HealthDimension(value).label)
    if name == "target_date":
        return date_format(date.fromisoformat(str(value)), "j F Y")
    return str(value)


def goal_edit(request, pk: int, goal_pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    goal = _goal(family, goal_pk)
    if not goal.is_open:
        messages.info(request, _("Dit doel is afgesloten en kan niet meer worden gewijzigd."))
        return _to_plan(family, "doelen")
    if request.method != "POST":
        form = GoalEditForm(
            initial={
                "text": goal.text,
                "dimension": goal.dimension,
                "target_date": goal.target_date,
                "version": goal.version,
            }
        )
        return _render(request, "care/goal_form.html", family, form=form, goal=goal)
    form = GoalEditForm(request.POST)
    if form.is_valid():
        try:
            services_plan.goal_update(
                actor=request.user,
                family_pk=family.pk,
                goal_pk=goal.pk,
                expected_version=form.cleaned_data["version"],
                data=form.goal_data(),
                request=request,
            )
        except VersionConflict as conflict:
            family = family_for_page(request, pk, detail=_("Wijzigingsconflict doel getoond"))
            return _render(
                request,
                "care/goal_form.html",
                family,
                form=GoalEditForm(_resubmitted(request, conflict)),
                goal=_goal(family, goal_pk),
                conflict=conflict,
                rows=_conflict_rows(
                    Goal, ("text", "dimension", "target_date"), conflict, _goal_display
                ),
                status=409,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return _to_plan(family, "doelen")
    return _render(request, "care/goal_form.html", family, form=form, goal=goal, status=400)


def goal_close(request, pk: int, goal_pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    goal = _goal(family, goal_pk)
    if not goal.is_open:
        messages.info(request, _("Dit doel is al afgesloten."))
        return _to_plan(family, "doelen")
    form = GoalCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services_plan.goal_close(
                actor=request.user,
                family_pk=family.pk,
                goal_pk=goal.pk,
                status=form.cleaned_data["status"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("Het doel is afgesloten (%(status)s): %(text)s")
                % {"status": goal.get_status_display().lower(), "text": goal.text},
            )
            return _to_plan(family, "doelen")
    return _render(
        request,
        "care/goal_close.html",
        family,
        form=form,
        goal=goal,
        status=400 if form.errors else 200,
    )


# --- Scores -----------------------------------------------------------------------------


def score_add(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    form = HealthScoreForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_plan.health_score_record(
                actor=request.user,
                family_pk=family.pk,
                measured_on=form.cleaned_data["measured_on"],
                respondent=form.cleaned_data["respondent"],
                scores=form.scores(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("De scores zijn vastgelegd."))
            return _to_plan(family, "positieve-gezondheid")
    return _render(
        request, "care/score_form.html", family, form=form, status=400 if form.errors else 200
    )


# --- Agreed actions ---------------------------------------------------------------------


def action_add(request, pk: int):
    family = family_for_form(request, pk, detail=_("Gezinsplan ingezien"))
    if _closed(request, family):
        return _to_plan(family)
    form = PlanActionForm(
        request.POST if request.method == "POST" else None,
        care_team=selectors.current_care_team(family),
        goals=list(Goal.objects.open().filter(family=family).order_by("id")),
        initial={"goal": request.GET.get("doel", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services_plan.plan_action_add(
                actor=request.user,
                family_pk=family.pk,
                title=form.cleaned_data["title"],
                owner=form.chosen_owner(),
                due_date=form.cleaned_data["due_date"],
                goal_pk=form.cleaned_data["goal"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("Afgesproken: %(title)s (%(owner)s)")
                % {"title": task.title, "owner": task.owner_label},
            )
            return _to_plan(family, "acties")
    return _render(
        request, "care/action_form.html", family, form=form, status=400 if form.errors else 200
    )


# --- Safety plan ------------------------------------------------------------------------


def _safety_family(request, pk: int, *, detail: str = "", case_director_only: bool = False):
    return selectors.safety_plan_family(
        request.user,
        pk,
        request=request,
        coalition=active_coalition(request),
        log_read=request.method != "POST",
        detail=detail,
        case_director_only=case_director_only,
    )


def safety_plan(request, pk: int):
    """View and edit the safety plan: the case director and those granted it (404 for others)."""
    family = _safety_family(request, pk, detail=_("Veiligheidsplan ingezien"))
    safety = selectors.safety_plan_of(family)
    status = 200
    if request.method == "POST" and _closed(request, family):
        return redirect("care:safety_plan", pk=family.pk)
    if request.method == "POST":
        form = SafetyPlanForm(request.POST)
        if form.is_valid():
            try:
                services_plan.safety_plan_update(
                    actor=request.user,
                    family_pk=family.pk,
                    expected_version=form.cleaned_data["version"],
                    data={name: form.cleaned_data[name] for name in SAFETY_PLAN_TEXT_FIELDS},
                    request=request,
                )
            except VersionConflict as conflict:
                family = selectors.safety_plan_family(
                    request.user,
                    pk,
                    request=request,
                    coalition=active_coalition(request),
                    detail=_("Wijzigingsconflict veiligheidsplan getoond"),
                )
                return _render(
                    request,
                    "care/safety_plan_conflict.html",
                    family,
                    form=SafetyPlanForm(_resubmitted(request, conflict)),
                    rows=_conflict_rows(SafetyPlan, SAFETY_PLAN_TEXT_FIELDS, conflict),
                    conflict=conflict,
                    status=409,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("Het veiligheidsplan is opgeslagen."))
                return redirect("care:safety_plan", pk=family.pk)
        status = 400
    else:
        initial = {**safety.snapshot(), "version": safety.version} if safety else {"version": 0}
        form = SafetyPlanForm(initial=initial)
    is_director = selectors.is_case_director(request.user, family)
    return _render(
        request,
        "care/safety_plan.html",
        family,
        safety=safety,
        form=form,
        is_case_director=is_director,
        grants=[g for g in selectors.safety_plan_grants(family) if g.is_active],
        status=status,
    )


def safety_grants(request, pk: int):
    """The case director decides who else on the care team sees the safety plan."""
    family = _safety_family(
        request, pk, detail=_("Toegang tot het veiligheidsplan ingezien"), case_director_only=True
    )
    grants = selectors.safety_plan_grants(family)
    care_team = selectors.current_care_team(family)
    exclude = {request.user.pk} | {g.professional_id for g in grants if g.is_active}
    form = SafetyPlanGrantForm(
        request.POST if request.method == "POST" else None, care_team=care_team, exclude_pks=exclude
    )
    if request.method == "POST" and _closed(request, family):
        return redirect("care:safety_grants", pk=family.pk)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services_plan.safety_plan_grant(
                actor=request.user,
                family_pk=family.pk,
                professional=form.chosen_professional(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("%(name)s kan het veiligheidsplan nu zien.") % {"name": grant.professional},
            )
            return redirect("care:safety_grants", pk=family.pk)
    return _render(
        request,
        "care/safety_grants.html",
        family,
        form=form,
        grants=grants,
        status=400 if form.errors else 200,
    )


@require_POST
def safety_grant_revoke(request, pk: int, grant_pk: int):
    family = _safety_family(request, pk, case_director_only=True)
    try:
        grant = services_plan.safety_plan_grant_revoke(
            actor=request.user, family_pk=family.pk, grant_pk=grant_pk, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s kan het veiligheidsplan niet meer zien.") % {"name": grant.professional},
        )
    return redirect("care:safety_grants", pk=family.pk)


# --- Print version for the family ------------------------------------------------------


def plan_print(request, pk: int):
    """The plan in plain words for the family, to print or save as PDF (logged as a print).

    The safety plan is never part of it."""
    family = selectors.care_plan_for_print(
        request.user, pk, request=request, coalition=active_coalition(request)
    )
    overview = selectors.care_plan_overview(family)
    return _render(
        request,
        "care/plan_print.html",
        family,
        overview=overview,
        spider=spider_web(overview.first_score, overview.latest_score),
    )


# --- The plan on the family file --------------------------------------------------------


def plan_file_section(request, family) -> Reader:
    """The top concerns, the number of goals and a link (`selectors.plan_summary_reads`)."""
    summary = yield from selectors.plan_summary_reads(family)
    return {"family": family, "summary": summary}


# --- Spider web (Positive Health) ------------------------------------------------------

WEB_WIDTH = 500
WEB_HEIGHT = 330
WEB_CENTER = (250, 165)
WEB_RADIUS = 115
WEB_LABEL_RADIUS = 127
WEB_RINGS = (2, 4, 6, 8, 10)


def _web_point(index: int, value: float, radius: float = WEB_RADIUS) -> tuple[float, float]:
    """Dimension `index` of six, starting at the top and going clockwise."""
    angle = -math.pi / 2 + index * 2 * math.pi / len(HealthDimension)
    distance = radius * value / SCORE_MAX
    return (
        round(WEB_CENTER[0] + distance * math.cos(angle), 1),
        round(WEB_CENTER[1] + distance * math.sin(angle), 1),
    )


def _n(value: float) -> str:
    """A coordinate for the SVG, always with a decimal point: the template would localise a
    float to "361,9", which SVG reads as two coordinates."""
    return f"{value:.1f}"


def _points(values) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in (_web_point(i, v) for i, v in enumerate(values)))


def spider_web(first, latest) -> dict | None:
    """What the hand-written SVG spider web of Positive Health draws, with its data table.

    The first moment is drawn dashed and the latest solid with dots, so the two differ by
    more than colour; the table beside the chart holds the same numbers. With one moment
    only that one is drawn.
    """
    if first is None:
        return None
    dimensions = list(HealthDimension)
    axes = []
    for index, dimension in enumerate(dimensions):
        x, y = _web_point(index, SCORE_MAX)
        lx, ly = _web_point(index, SCORE_MAX, WEB_LABEL_RADIUS)
        if abs(lx - WEB_CENTER[0]) < 1:
            anchor = "middle"
            ly += -4 if ly < WEB_CENTER[1] else 14
        else:
            anchor = "start" if lx > WEB_CENTER[0] else "end"
            ly += 5
        axes.append(
            {
                "x": _n(x),
                "y": _n(y),
                "label": dimension.label,
                "lx": _n(lx),
                "ly": _n(ly),
                "anchor": anchor,
            }
        )
    moments = [("first", first)] + ([("latest", latest)] if latest is not None else [])
    series = []
    for key, score in moments:
        values = [getattr(score, d.value) for d in dimensions]
        series.append(
            {
                "key": key,
                "score": score,
                "points": _points(values),
                "dots": [
                    {"x": _n(x), "y": _n(y), "value": value, "label": d.label}
                    for (x, y), value, d in zip(
                        (_web_point(i, v) for i, v in enumerate(values)),
                        values,
                        dimensions,
                        strict=True,
                    )
                ],
            }
        )
    rows = []
    for dimension in dimensions:
        row = {"label": dimension.label, "first": getattr(first, dimension.value)}
        if latest is not None:
            row["latest"] = getattr(latest, dimension.value)
            row["difference"] = row["latest"] - row["first"]
        rows.append(row)
    return {
        "width": WEB_WIDTH,
        "height": WEB_HEIGHT,
        "center": {"x": _n(WEB_CENTER[0]), "y": _n(WEB_CENTER[1])},
        "rings": [
            {"value": ring, "points": _points([ring] * len(dimensions))} for ring in WEB_RINGS
        ],
        "ring_labels": [
            {"value": ring, "x": _n(WEB_CENTER[0] + 3), "y": _n(_web_point(0, ring)[1] + 4)}
            for ring in WEB_RINGS
        ],
        "axes": axes,
        "series": series,
        "first": first,
        "latest": latest,
        "rows": rows,
    }
