"""The family's own window on their plan, care team, phase of the 1000 days and Positive
Health scores. Every page reads only the logged-in family member's own family
(`selectors_plan`) and logs their own access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.care.models import HealthDimension
from kansrijk.care.views_plan import spider_web

from . import selectors_plan, services_health
from .forms_health import OwnHealthScoreForm
from .phase_info import EMERGENCY, PHASE_INFO, PHASES
from .rendering import log_own_access, render_portal
from .session import family_member_required


@family_member_required
def home(request):
    """Our plan. Reads: see `selectors_plan.family_plan`."""
    plan = selectors_plan.family_plan(request.family_account)
    log_own_access(request, _("Plan bekeken"))
    return render_portal(
        request,
        "portal/plan/home.html",
        {"overview": plan, "spider": spider_web(plan.first_score, plan.latest_score)},
    )


@family_member_required
def team(request):
    members = selectors_plan.family_team(request.family_account)
    log_own_access(request, _("Zorgteam bekeken"))
    return render_portal(request, "portal/plan/team.html", {"members": members})


@family_member_required
def phase(request):
    current = selectors_plan.family_phase_of(request.family_account)
    log_own_access(request, _("Fase van de 1000 dagen bekeken"))
    return render_portal(
        request,
        "portal/plan/phase.html",
        {
            "phase": current,
            "info": PHASE_INFO[current.code],
            "timeline": [{"info": info, "current": info.code == current.code} for info in PHASES],
            "emergency": EMERGENCY,
        },
    )


@family_member_required
def health(request):
    """The family member's own scores beside the latest ones recorded with a professional;
    a valid post records them (`services_health.health_score_record_own`)."""
    account = request.family_account
    status = 200
    form = OwnHealthScoreForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services_health.health_score_record_own(
                    account=account, scores=form.scores(), request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Je cijfers zijn opgeslagen. Dank je wel!"))
                return redirect("portal:health")
        status = 400
    scores = selectors_plan.family_scores(account)
    log_own_access(request, _("Eigen cijfers Positieve Gezondheid bekeken"))
    return render_portal(
        request,
        "portal/plan/health.html",
        {
            "form": form,
            "scores": scores,
            "compare": compare_webs(scores.professional, scores.latest_own),
            "dimensions": list(HealthDimension),
            "today": timezone.localdate(),
        },
        status=status,
    )


def compare_webs(professional, own) -> dict | None:
    """One spider web with two series: the latest scores given with a professional (dashed)
    and the family member's own latest (solid with dots); a table with both beside it."""
    first, latest = (professional, own) if professional is not None else (own, None)
    web = spider_web(first, latest)
    if web is None:
        return None
    for line in web["series"]:
        line["who"] = "own" if line["score"] is own else "professional"
    web["rows"] = [
        {
            "label": dimension.label,
            "professional": getattr(professional, dimension.value, None),
            "own": getattr(own, dimension.value, None),
        }
        for dimension in HealthDimension
    ]
    web["professional"], web["own"] = professional, own
    return web
