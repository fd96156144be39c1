"""Writes of the care plan (one family, one plan): one function per use case.

Every write is an update of the family file: it goes through the access policy with a row
lock on the family (`get_family_for_user(..., lock=True)`, which logs the NEN 7513 event),
so two people changing the same family's plan are serialised, and it lands on the timeline
in the same transaction. A closed file is not changed.

The plan's text and the safety plan keep every version and refuse a write based on an
older version (`VersionConflict`, as the family file does): nobody's text is silently
overwritten. Version 0 means "there is no plan yet"; the first save creates version 1.

The safety plan is narrower than the file: only the case director and the care-team
members the case director granted it (`selectors.may_see_safety_plan`). To anyone else it
is "not found" (`Http404`); because that rolls the transaction back, the page logs the
refusal before it calls the service (`selectors.safety_plan_family`).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.families.services import VersionConflict, timeline_record
from kansrijk.organisations.models import Professional

from . import timeline as kinds
from .models import (
    PLAN_TASK_SOURCE,
    PLAN_TEXT_FIELDS,
    SAFETY_PLAN_TEXT_FIELDS,
    CarePlan,
    Concern,
    Goal,
    GoalStatus,
    HealthDimension,
    HealthScore,
    PlanDiscussion,
    PlanVersion,
    SafetyPlan,
    SafetyPlanGrant,
    SafetyPlanVersion,
    Task,
)
from .models.plan import SCORE_MAX, SCORE_MIN
from .selectors import is_case_director, may_see_safety_plan
from .services import task_create

Action = AccessEvent.Action


def _family_for_update(actor: Professional, family_pk: int, *, request, detail: str) -> Family:
    """The family, locked, after the policy logged the update; refused when the file is closed."""
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=detail
    )
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))
    return family


def _text(value) -> str:
    """Text as typed, with the browser's line endings made uniform and outer blanks removed,
    so that re-saving unchanged text is no change."""
    return str(value or "").replace("\r\n", "\n").strip()


def _fields(data: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, str]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    return {name: _text(data.get(name)) for name in allowed}


def _field_labels(model, names) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def _date(value: date) -> str:
    return date_format(value, "j F Y")


# --- The plan's text ----------------------------------------------------------------------


@transaction.atomic
def care_plan_update(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> CarePlan:
    """Write the plan's text (`PLAN_TEXT_FIELDS`) if nobody else did since `expected_version`.

    `expected_version` 0 creates the plan. Raises `VersionConflict` (with both versions) on a
    stale version and `ValidationError` on a closed file or an empty first save. An edit that
    changes nothing writes no new version.
    """
    values = _fields(data, PLAN_TEXT_FIELDS)
    family = _family_for_update(actor, family_pk, request=request, detail=_("Gezinsplan gewijzigd"))
    plan = CarePlan.objects.filter(family=family).first()
    current_version = plan.version if plan is not None else 0
    if current_version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=current_version,
            current=plan.snapshot() if plan is not None else dict.fromkeys(PLAN_TEXT_FIELDS, ""),
            submitted=values,
        )
    now = timezone.now()
    if plan is None:
        if not any(values.values()):
            raise ValidationError(_("Vul minstens één deel van het plan in."))
        plan = CarePlan.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            updated_by=actor,
            created_at=now,
            updated_at=now,
            **values,
        )
        changes = {name: ["", value] for name, value in values.items() if value}
        summary = _("Gezinsplan opgesteld")
    else:
        before = plan.snapshot()
        changes = {
            name: [before[name], values[name]] for name in values if before[name] != values[name]
        }
        if not changes:
            return plan
        for name, value in values.items():
            setattr(plan, name, value)
        plan.version += 1
        plan.updated_at = now
        plan.updated_by = actor
        plan.save()
        summary = _("Gewijzigd: %(fields)s") % {"fields": _field_labels(CarePlan, changes)}
    PlanVersion.objects.create(
        plan=plan,
        coalition_id=plan.coalition_id,
        version=plan.version,
        snapshot=plan.snapshot(),
        changes=changes,
        changed_by=actor,
        changed_at=now,
    )
    timeline_record(
        family=family,
        kind=kinds.PLAN_CHANGED,
        actor=actor,
        obj=plan,
        summary=summary,
        changes=changes,
    )
    return plan


@transaction.atomic
def care_plan_discussed_record(
    *,
    actor: Professional,
    family_pk: int,
    discussed_on: date,
    with_whom: str = "",
    note: str = "",
    request=None,
) -> PlanDiscussion:
    """Record that the plan was discussed with the family on `discussed_on` (not in the future)."""
    if discussed_on is None:
        raise ValidationError({"discussed_on": _("Vul de datum van het gesprek in.")})
    if discussed_on > timezone.localdate():
        raise ValidationError(
            {"discussed_on": _("De datum van het gesprek kan niet in de toekomst liggen.")}
        )
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Bespreking van het gezinsplan vastgelegd")
    )
    discussion = PlanDiscussion(
        family=family,
        coalition_id=family.coalition_id,
        discussed_on=discussed_on,
        with_whom=_text(with_whom),
        note=_text(note),
        recorded_by=actor,
    )
    discussion.full_clean(exclude=["family", "coalition", "recorded_by"])
    discussion.save()
    summary = _("Besproken op %(date)s") % {"date": _date(discussed_on)}
    if discussion.with_whom:
        summary += " " + _("met %(whom)s") % {"whom": discussion.with_whom}
    timeline_record(
        family=family, kind=kinds.PLAN_DISCUSSED, actor=actor, obj=discussion, summary=summary
    )
    return discussion


# --- Concerns, in order of priority -------------------------------------------------------


def _open_concerns(family: Family) -> list[Concern]:
    return list(Concern.objects.open().filter(family=family).order_by("position", "id"))


def _renumber(concerns: list[Concern]) -> None:
    """Number the open concerns 1..n in the given order, saving only those that moved."""
    for position, concern in enumerate(concerns, start=1):
        if concern.position != position:
            concern.position = position
            concern.save(update_fields=["position"])


def _concern_text(text: str) -> str:
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Beschrijf het zorgpunt.")})
    if len(text) > Concern._meta.get_field("text").max_length:
        raise ValidationError(
            {"text": _("Houd het zorgpunt kort: hoogstens 300 tekens. Zet details in het plan.")}
        )
    return text


@transaction.atomic
def concern_add(*, actor: Professional, family_pk: int, text: str, request=None) -> Concern:
    """Add a concern at the bottom of the list (least important); move it up afterwards."""
    text = _concern_text(text)
    family = _family_for_update(actor, family_pk, request=request, detail=_("Zorgpunt toegevoegd"))
    last = Concern.objects.open().filter(family=family).aggregate(last=Max("position"))["last"]
    concern = Concern.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        text=text,
        position=(last or 0) + 1,
        created_by=actor,
    )
    timeline_record(
        family=family,
        kind=kinds.CONCERN_ADDED,
        actor=actor,
        obj=concern,
        summary=_("%(position)s. %(text)s") % {"position": concern.position, "text": text},
    )
    return concern


def _concern_of(family: Family, concern_pk: int) -> tuple[list[Concern], Concern]:
    concerns = _open_concerns(family)
    concern = next((c for c in concerns if c.pk == concern_pk), None)
    if concern is None:
        raise ValidationError(_("Dit zorgpunt bestaat niet (meer) of is al opgelost."))
    return concerns, concern


@transaction.atomic
def concern_move(
    *, actor: Professional, family_pk: int, concern_pk: int, up: bool, request=None
) -> Concern:
    """Swap a concern with the one above it (`up`) or below it; at either end nothing moves.

    The family row is locked, so two people reordering at once are serialised and the
    open concerns stay numbered 1..n.
    """
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Volgorde van de zorgpunten gewijzigd")
    )
    concerns, concern = _concern_of(family, concern_pk)
    index = concerns.index(concern)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(concerns):
        return concern
    before = concern.position
    concerns[index], concerns[other] = concerns[other], concerns[index]
    _renumber(concerns)
    timeline_record(
        family=family,
        kind=kinds.CONCERN_MOVED,
        actor=actor,
        obj=concern,
        summary=_("%(text)s: van plaats %(old)s naar %(new)s")
        % {"text": concern.text, "old": before, "new": concern.position},
        changes={"position": [before, concern.position]},
    )
    return concern


@transaction.atomic
def concern_resolve(
    *, actor: Professional, family_pk: int, concern_pk: int, request=None
) -> Concern:
    """Mark a concern resolved; it leaves the list (and stays in the history)."""
    family = _family_for_update(actor, family_pk, request=request, detail=_("Zorgpunt opgelost"))
    concerns, concern = _concern_of(family, concern_pk)
    concern.resolved_at = timezone.now()
    concern.resolved_by = actor
    concern.save(update_fields=["resolved_at", "resolved_by"])
    _renumber([c for c in concerns if c.pk != concern.pk])
    timeline_record(
        family=family, kind=kinds.CONCERN_RESOLVED, actor=actor, obj=concern, summary=concern.text
    )
    return concern


# --- Goals on the six dimensions of Positive Health ---------------------------------------

GOAL_FIELDS = ("text", "dimension", "target_date")


def _goal_values(goal: Goal) -> dict[str, Any]:
    return {
        "text": goal.text,
        "dimension": goal.dimension,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
    }


def _goal_summary(goal: Goal) -> str:
    return f"{goal.text} ({goal.get_dimension_display()})"


def _check_goal(goal: Goal, *, check_target_date: bool) -> None:
    errors = {}
    if not goal.text:
        errors["text"] = _("Beschrijf het doel in de woorden van het gezin.")
    if goal.dimension not in HealthDimension.values:
        errors["dimension"] = _("Kies bij welke dimensie van Positieve Gezondheid het doel hoort.")
    if check_target_date and goal.target_date and goal.target_date < timezone.localdate():
        errors["target_date"] = _("De streefdatum ligt in het verleden.")
    if errors:
        raise ValidationError(errors)
    goal.full_clean(exclude=["family", "coalition", "created_by", "closed_by"])


@transaction.atomic
def goal_add(
    *,
    actor: Professional,
    family_pk: int,
    text: str,
    dimension: str,
    target_date: date | None = None,
    request=None,
) -> Goal:
    """Add a goal on one Positive Health dimension, optionally with a target date."""
    family = _family_for_update(actor, family_pk, request=request, detail=_("Doel toegevoegd"))
    goal = Goal(
        family=family,
        coalition_id=family.coalition_id,
        text=_text(text),
        dimension=dimension,
        target_date=target_date,
        created_by=actor,
    )
    _check_goal(goal, check_target_date=True)
    goal.save()
    timeline_record(
        family=family, kind=kinds.GOAL_ADDED, actor=actor, obj=goal, summary=_goal_summary(goal)
    )
    return goal


def _goal_of(family: Family, goal_pk: int) -> Goal:
    goal = Goal.objects.select_for_update().filter(pk=goal_pk, family=family).first()
    if goal is None:
        raise Http404(_("Dit doel bestaat niet (meer)."))
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: Professional,
    family_pk: int,
    goal_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> Goal:
    """Change an open goal if nobody else did since `expected_version` (`VersionConflict`).

    The previous values are kept in the timeline event's `changes`.
    """
    unknown = set(data) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a goal: {', '.join(sorted(unknown))}")
    family = _family_for_update(actor, family_pk, request=request, detail=_("Doel gewijzigd"))
    goal = _goal_of(family, goal_pk)
    if goal.version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=goal.version,
            current=_goal_values(goal),
            submitted={
                **data,
                "target_date": data["target_date"].isoformat() if data.get("target_date") else None,
            },
        )
    if not goal.is_open:
        raise ValidationError(_("Dit doel is afgesloten en kan niet meer worden gewijzigd."))
    before = _goal_values(goal)
    old_target = goal.target_date
    for name, value in data.items():
        setattr(goal, name, _text(value) if name == "text" else value)
    _check_goal(goal, check_target_date=goal.target_date != old_target)
    after = _goal_values(goal)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return goal
    goal.version += 1
    goal.save()
    timeline_record(
        family=family,
        kind=kinds.GOAL_CHANGED,
        actor=actor,
        obj=goal,
        summary=_("%(goal)s — gewijzigd: %(fields)s")
        % {"goal": _goal_summary(goal), "fields": _field_labels(Goal, changes)},
        changes=changes,
    )
    return goal


@transaction.atomic
def goal_close(
    *, actor: Professional, family_pk: int, goal_pk: int, status: str, request=None
) -> Goal:
    """Close an open goal as achieved or stopped."""
    if status not in (GoalStatus.ACHIEVED, GoalStatus.STOPPED):
        raise ValidationError({"status": _("Kies of het doel behaald is of gestopt.")})
    family = _family_for_update(actor, family_pk, request=request, detail=_("Doel afgesloten"))
    goal = _goal_of(family, goal_pk)
    if not goal.is_open:
        raise ValidationError(_("Dit doel is al afgesloten."))
    goal.status = status
    goal.closed_at = timezone.now()
    goal.closed_by = actor
    goal.version += 1
    goal.save(update_fields=["status", "closed_at", "closed_by", "version"])
    timeline_record(
        family=family,
        kind=kinds.GOAL_CLOSED,
        actor=actor,
        obj=goal,
        summary=f"{_goal_summary(goal)}: {goal.get_status_display()}",
        changes={"status": [GoalStatus.OPEN.value, status]},
    )
    return goal


# --- The family's own scores -------------------------------------------------------------


def _score_errors(scores: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    for dimension in HealthDimension:
        value = scores.get(dimension.value)
        if value is None or value == "":
            errors[dimension.value] = _(
                "Vul een score in voor %(dimension)s (0 tot en met 10)."
            ) % {"dimension": dimension.label}
        elif (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not SCORE_MIN <= value <= SCORE_MAX
        ):
            errors[dimension.value] = _(
                "Een score is een heel getal van 0 tot en met 10 (%(dimension)s)."
            ) % {"dimension": dimension.label}
    return errors


@transaction.atomic
def health_score_record(
    *,
    actor: Professional,
    family_pk: int,
    measured_on: date,
    respondent: str,
    scores: Mapping[str, int],
    request=None,
) -> HealthScore:
    """Record a moment at which the family scored itself 0 to 10 on the six dimensions.

    `scores` maps every `HealthDimension` value to a whole number from 0 to 10. The scores
    are the family's own: `respondent` says who of the family gave them.
    """
    unknown = set(scores) - set(HealthDimension.values)
    if unknown:
        raise TypeError(f"Not a Positive Health dimension: {', '.join(sorted(unknown))}")
    errors = _score_errors(scores)
    if measured_on is None:
        errors["measured_on"] = _("Vul de datum in waarop het gezin de scores gaf.")
    elif measured_on > timezone.localdate():
        errors["measured_on"] = _("De datum kan niet in de toekomst liggen.")
    respondent = _text(respondent)
    if not respondent:
        errors["respondent"] = _("Vul in wie van het gezin de scores gaf.")
    if errors:
        raise ValidationError(errors)
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Scores Positieve Gezondheid vastgelegd")
    )
    score = HealthScore(
        family=family,
        coalition_id=family.coalition_id,
        measured_on=measured_on,
        respondent=respondent,
        recorded_by=actor,
        **{name: scores[name] for name in HealthDimension.values},
    )
    score.full_clean(exclude=["family", "coalition", "recorded_by"])
    score.save()
    timeline_record(
        family=family,
        kind=kinds.HEALTH_SCORE_RECORDED,
        actor=actor,
        obj=score,
        summary=_("%(date)s, ingevuld door %(respondent)s: %(scores)s")
        % {
            "date": _date(measured_on),
            "respondent": respondent,
            "scores": ", ".join(f"{d.label} {scores[d.value]}" for d in HealthDimension),
        },
    )
    return score


# --- Agreed actions (tasks of the plan) --------------------------------------------------


@transaction.atomic
def plan_action_add(
    *,
    actor: Professional,
    family_pk: int,
    title: str,
    owner: Professional | None,
    due_date: date | None,
    goal_pk: int | None = None,
    request=None,
) -> Task:
    """Agree an action: a task with an owner from the current care team and a due date,
    optionally for one of the plan's open goals."""
    title = _text(title)
    errors = {}
    if not title:
        errors["title"] = _("Beschrijf wat er gedaan wordt.")
    elif len(title) > Task._meta.get_field("title").max_length:
        errors["title"] = _("Houd de actie kort: hoogstens 200 tekens.")
    if due_date is None:
        errors["due_date"] = _("Vul in wanneer de actie uiterlijk klaar is.")
    elif due_date < timezone.localdate():
        errors["due_date"] = _("Deze datum ligt in het verleden.")
    if owner is None:
        errors["owner"] = _("Kies wie de actie uitvoert.")
    if errors:
        raise ValidationError(errors)
    family = _family_for_update(actor, family_pk, request=request, detail=_("Actie afgesproken"))
    if not CareTeamMember.objects.current().filter(family=family, professional=owner).exists():
        raise ValidationError({"owner": _("Kies iemand die nu in het zorgteam zit.")})
    goal = None
    if goal_pk:
        goal = Goal.objects.open().filter(pk=goal_pk, family=family).first()
        if goal is None:
            raise ValidationError({"goal": _("Kies een lopend doel van dit plan.")})
    return task_create(
        actor=actor,
        family=family,
        title=title,
        owner=owner,
        due_date=due_date,
        source=PLAN_TASK_SOURCE,
        source_id=str(goal.pk) if goal else "",
    )


# --- The safety plan (restricted) --------------------------------------------------------


def _require_safety_plan_access(actor: Professional, family: Family) -> None:
    if not may_see_safety_plan(actor, family):
        raise Http404(NOT_FOUND_MESSAGE)


def _require_case_director(actor: Professional, family: Family) -> None:
    if not is_case_director(actor, family):
        raise Http404(NOT_FOUND_MESSAGE)


@transaction.atomic
def safety_plan_update(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> SafetyPlan:
    """Write the safety plan (`SAFETY_PLAN_TEXT_FIELDS`) if nobody else did since
    `expected_version` (0: there is none yet). Only for those who may see it (`Http404`).

    Every version is kept; the timeline says that it changed, never what it says.
    """
    values = _fields(data, SAFETY_PLAN_TEXT_FIELDS)
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Veiligheidsplan gewijzigd")
    )
    _require_safety_plan_access(actor, family)
    safety_plan = SafetyPlan.objects.filter(family=family).first()
    current_version = safety_plan.version if safety_plan is not None else 0
    if current_version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=current_version,
            current=safety_plan.snapshot()
            if safety_plan is not None
            else dict.fromkeys(SAFETY_PLAN_TEXT_FIELDS, ""),
            submitted=values,
        )
    now = timezone.now()
    if safety_plan is None:
        if not any(values.values()):
            raise ValidationError(_("Vul minstens één deel van het veiligheidsplan in."))
        safety_plan = SafetyPlan.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            updated_by=actor,
            updated_at=now,
            **values,
        )
    else:
        if safety_plan.snapshot() == values:
            return safety_plan
        for name, value in values.items():
            setattr(safety_plan, name, value)
        safety_plan.version += 1
        safety_plan.updated_at = now
        safety_plan.updated_by = actor
        safety_plan.save()
    SafetyPlanVersion.objects.create(
        safety_plan=safety_plan,
        coalition_id=family.coalition_id,
        version=safety_plan.version,
        snapshot=safety_plan.snapshot(),
        changed_by=actor,
        changed_at=now,
    )
    timeline_record(
        family=family,
        kind=kinds.SAFETY_PLAN_CHANGED,
        actor=actor,
        obj=safety_plan,
        summary=_("Versie %(version)s") % {"version": safety_plan.version},
    )
    return safety_plan


@transaction.atomic
def safety_plan_grant(
    *, actor: Professional, family_pk: int, professional: Professional, request=None
) -> SafetyPlanGrant:
    """The case director lets a current care-team member see the safety plan."""
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Toegang tot het veiligheidsplan gegeven")
    )
    _require_case_director(actor, family)
    if professional is None or professional.pk == actor.pk:
        raise ValidationError({"professional": _("Kies een ander lid van het zorgteam.")})
    if (
        not CareTeamMember.objects.current()
        .filter(family=family, professional=professional)
        .exists()
    ):
        raise ValidationError({"professional": _("Deze professional zit niet in het zorgteam.")})
    if SafetyPlanGrant.objects.active().filter(family=family, professional=professional).exists():
        raise ValidationError(
            {"professional": _("Deze professional heeft al toegang tot het veiligheidsplan.")}
        )
    grant = SafetyPlanGrant.objects.create(
        family=family, coalition_id=family.coalition_id, professional=professional, granted_by=actor
    )
    timeline_record(
        family=family,
        kind=kinds.SAFETY_PLAN_GRANTED,
        actor=actor,
        obj=grant,
        summary=str(professional),
    )
    return grant


@transaction.atomic
def safety_plan_grant_revoke(
    *, actor: Professional, family_pk: int, grant_pk: int, request=None
) -> SafetyPlanGrant:
    """The case director takes a grant back; it stops working at once."""
    family = _family_for_update(
        actor, family_pk, request=request, detail=_("Toegang tot het veiligheidsplan ingetrokken")
    )
    _require_case_director(actor, family)
    grant = SafetyPlanGrant.objects.select_for_update().filter(pk=grant_pk, family=family).first()
    if grant is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if not grant.is_active:
        raise ValidationError(_("Deze toegang is al ingetrokken."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    timeline_record(
        family=family,
        kind=kinds.SAFETY_PLAN_GRANT_REVOKED,
        actor=actor,
        obj=grant,
        summary=str(grant.professional),
    )
    return grant
