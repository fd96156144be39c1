"""Writes of signaling: start, save and finish an assessment, choose a route, configure.

Every write on a family goes through the access policy (`get_family_for_user` with a row
lock, which logs the NEN 7513 event) and lands on the family's timeline in the same
transaction. Coalition settings (instruments in use, route steps) write the audit trail.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.models import Task
from kansrijk.care.services import task_create, tasks_cancel
from kansrijk.core.audit import audit_record
from kansrijk.core.models import Notification
from kansrijk.families.models import Family, Pregnancy
from kansrijk.families.phases import gestational_age_days
from kansrijk.families.services import timeline_record
from kansrijk.organisations.models import Coalition, Membership, Professional

from . import instruments as registry
from .levels import Level, Route, proposed_route
from .models import Assessment, AssessmentStatus, CoalitionInstrument, RouteDecision, RouteStep
from .steps import due_date, materialise_defaults, step_owner, steps_for
from .timeline import ASSESSMENT_RECORDED, ROUTE_CHANGED, ROUTE_CHOSEN

Action = AccessEvent.Action
ROUTE_SOURCE = "route"


class AssessmentConflict(Exception):
    """The draft was saved elsewhere (another tab or colleague) since this form was loaded."""

    def __init__(self, assessment: Assessment, submitted: dict):
        self.assessment = assessment
        self.submitted = submitted
        super().__init__("assessment changed since it was loaded")


# --- Which instruments a coalition uses ----------------------------------------------------


def instruments_in_use(coalition: Coalition) -> list[registry.Instrument]:
    """The newest version of every instrument the coalition has not switched off."""
    off = set(
        CoalitionInstrument.objects.filter(coalition=coalition, enabled=False).values_list(
            "instrument_key", flat=True
        )
    )
    return [i for i in registry.latest_instruments() if i.key not in off]


@transaction.atomic
def instrument_set_enabled(
    *, actor: Professional, coalition: Coalition, instrument_key: str, enabled: bool, request=None
) -> CoalitionInstrument:
    """Switch an instrument on or off for the coalition; at least one stays in use."""
    registry.get_instrument(instrument_key)  # LookupError for an unknown key
    Coalition.objects.select_for_update().get(pk=coalition.pk)
    if not enabled and [i.key for i in instruments_in_use(coalition)] == [instrument_key]:
        raise ValidationError(_("Er moet minstens één instrument in gebruik blijven."))
    choice, _created = CoalitionInstrument.objects.update_or_create(
        coalition=coalition,
        instrument_key=instrument_key,
        defaults={"enabled": enabled, "changed_by": actor, "changed_at": timezone.now()},
    )
    audit_record(
        actor=actor,
        action="instrument_enabled" if enabled else "instrument_disabled",
        obj=choice,
        coalition=coalition,
        summary=(_("Instrument %(key)s in gebruik") if enabled else _("Instrument %(key)s uit"))
        % {"key": instrument_key},
        request=request,
    )
    return choice


# --- Assessments -----------------------------------------------------------------------------


def _family_for_change(actor, family_pk, request, detail: str) -> Family:
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=detail
    )
    if not family.is_open:
        raise ValidationError(_("Dit dossier is gesloten. Heropen het om te signaleren."))
    return family


def _gestational_age(pregnancy: Pregnancy | None, on: date) -> int | None:
    if pregnancy is None or pregnancy.due_date is None:
        return None
    if pregnancy.birth_date is not None and on >= pregnancy.birth_date:
        return None
    days = gestational_age_days(today=on, due_date=pregnancy.due_date)
    return days if 0 <= days <= 300 else None


def _pregnancy(family: Family, pregnancy_pk) -> Pregnancy | None:
    if pregnancy_pk in (None, ""):
        return None
    pregnancy = Pregnancy.objects.filter(pk=pregnancy_pk, family=family).first()
    if pregnancy is None:
        raise ValidationError({"pregnancy": _("Deze zwangerschap hoort niet bij dit gezin.")})
    return pregnancy


def _instrument_in_use(family: Family, key: str, version: int | None = None):
    in_use = {i.key for i in instruments_in_use(family.coalition)}
    if key not in in_use:
        raise ValidationError(
            {"instrument": _("Dit instrument is niet in gebruik in deze coalitie.")}
        )
    try:
        return registry.get_instrument(key, version)
    except LookupError:
        raise ValidationError(
            {"instrument": _("Deze versie van het instrument bestaat niet.")}
        ) from None


def _check_assessed_on(assessed_on: date) -> None:
    if assessed_on > timezone.localdate():
        raise ValidationError(
            {"assessed_on": _("De datum van de signalering ligt in de toekomst.")}
        )


@transaction.atomic
def assessment_start(
    *,
    actor: Professional,
    family_pk: int,
    instrument_key: str,
    pregnancy_pk: int | None = None,
    assessed_on: date | None = None,
    request=None,
) -> Assessment:
    """Open a draft assessment on the newest version of an instrument in use."""
    family = _family_for_change(actor, family_pk, request, _("Signalering gestart"))
    instrument = _instrument_in_use(family, instrument_key)
    pregnancy = _pregnancy(family, pregnancy_pk)
    assessed_on = assessed_on or timezone.localdate()
    _check_assessed_on(assessed_on)
    return Assessment.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        pregnancy=pregnancy,
        instrument_key=instrument.key,
        instrument_version=instrument.version,
        assessed_on=assessed_on,
        gestational_age_days=_gestational_age(pregnancy, assessed_on),
        recorded_by=actor,
    )


def _draft_for_change(actor, assessment_pk, request, detail: str) -> tuple[Family, Assessment]:
    family_pk = (
        Assessment.objects.filter(pk=assessment_pk).values_list("family_id", flat=True).first()
    )
    family = _family_for_change(actor, family_pk, request, detail)
    assessment = Assessment.objects.select_for_update().get(pk=assessment_pk, family=family)
    if not assessment.is_draft:
        raise ValidationError(_("Deze signalering is al afgerond en kan niet meer veranderen."))
    return family, assessment


def _clean_answers(instrument, answers: dict, *, complete: bool, partner_present: bool) -> dict:
    errors = registry.validate_answers(
        instrument, answers, complete=complete, partner_present=partner_present
    )
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    # Stored in their canonical form (a scale answer "7" from a form becomes 7).
    parsed = {key: instrument.item(key).parse_answer(value) for key, value in answers.items()}
    return {key: value for key, value in parsed.items() if value is not None}


@transaction.atomic
def assessment_save_draft(
    *,
    actor: Professional,
    assessment_pk: int,
    answers: dict,
    partner_present: bool,
    expected_version: int | None,
    request=None,
) -> Assessment:
    """Keep the answers so far; nothing is scored yet. Incomplete is fine, invalid is not."""
    _family, assessment = _draft_for_change(actor, assessment_pk, request, _("Concept opgeslagen"))
    if expected_version is not None and expected_version != assessment.version:
        raise AssessmentConflict(assessment, answers)
    instrument = registry.get_instrument(assessment.instrument_key, assessment.instrument_version)
    assessment.answers = _clean_answers(
        instrument, answers, complete=False, partner_present=partner_present
    )
    assessment.partner_present = partner_present
    assessment.version += 1
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["answers", "partner_present", "version", "updated_at"])
    return assessment


def _finish(assessment: Assessment, instrument, *, actor, family: Family) -> Assessment:
    if assessment.recorded_by_id is None:
        # A family's self-report (portal): the professional finishing it records it.
        assessment.recorded_by = actor
    result = registry.score(instrument, assessment.answers)
    assessment.result = result.as_dict()
    assessment.total_score = result.total
    assessment.level = result.level
    assessment.status = AssessmentStatus.FINAL
    assessment.finished_at = timezone.now()
    assessment.updated_at = assessment.finished_at
    assessment.version += 1
    assessment.save()
    with translation.override(settings.LANGUAGE_CODE):
        summary = _("%(instrument)s: %(level)s") % {
            "instrument": registry.t(instrument.title),
            "level": Level(result.level).label,
        }
    timeline_record(
        family=family,
        kind=ASSESSMENT_RECORDED,
        actor=actor,
        obj=assessment,
        summary=summary,
    )
    return assessment


@transaction.atomic
def assessment_finish(
    *,
    actor: Professional,
    assessment_pk: int,
    answers: dict,
    partner_present: bool,
    expected_version: int | None,
    request=None,
) -> Assessment:
    """Complete the draft: every required answer given, the level computed and stored."""
    family, assessment = _draft_for_change(actor, assessment_pk, request, _("Signalering afgerond"))
    if expected_version is not None and expected_version != assessment.version:
        raise AssessmentConflict(assessment, answers)
    instrument = registry.get_instrument(assessment.instrument_key, assessment.instrument_version)
    assessment.answers = _clean_answers(
        instrument, answers, complete=True, partner_present=partner_present
    )
    assessment.partner_present = partner_present
    return _finish(assessment, instrument, actor=actor, family=family)


@transaction.atomic
def assessment_discard(*, actor: Professional, assessment_pk: int, request=None) -> None:
    """Throw away a draft (a finished assessment is never deleted)."""
    _family, assessment = _draft_for_change(actor, assessment_pk, request, _("Concept verwijderd"))
    if assessment.recorded_by_id != actor.pk:
        raise PermissionDenied(_("Alleen wie het concept begon, kan het verwijderen."))
    assessment.delete()


@transaction.atomic
def assessment_record(
    *,
    actor: Professional,
    family_pk: int,
    instrument_key: str,
    instrument_version: int | None = None,
    answers: dict,
    partner_present: bool = False,
    pregnancy_pk: int | None = None,
    assessed_on: date | None = None,
    route: int | None = None,
    priority: bool | None = None,
    reason: str = "",
    request=None,
) -> Assessment:
    """Record a complete assessment in one go (the API: a record system submits a screening).

    With `route`, the route is chosen at once, as on the page after finishing.
    """
    family = _family_for_change(actor, family_pk, request, _("Signalering vastgelegd"))
    instrument = _instrument_in_use(family, instrument_key, instrument_version)
    pregnancy = _pregnancy(family, pregnancy_pk)
    assessed_on = assessed_on or timezone.localdate()
    _check_assessed_on(assessed_on)
    assessment = Assessment(
        family=family,
        coalition_id=family.coalition_id,
        pregnancy=pregnancy,
        instrument_key=instrument.key,
        instrument_version=instrument.version,
        assessed_on=assessed_on,
        gestational_age_days=_gestational_age(pregnancy, assessed_on),
        recorded_by=actor,
        partner_present=partner_present,
        answers=_clean_answers(instrument, answers, complete=True, partner_present=partner_present),
    )
    _finish(assessment, instrument, actor=actor, family=family)
    if route is not None:
        _route_choose(
            actor=actor,
            family=family,
            assessment=assessment,
            route=route,
            priority=priority,
            reason=reason,
        )
    return assessment


# --- Routes ------------------------------------------------------------------------------


def current_route(family: Family) -> RouteDecision | None:
    return family.route_decisions.order_by("-decided_at", "-id").first()


@transaction.atomic
def route_choose(
    *,
    actor: Professional,
    family_pk: int,
    assessment_pk: int,
    route: int,
    priority: bool | None = None,
    reason: str = "",
    request=None,
) -> RouteDecision:
    """Accept the proposed route of a finished assessment, or choose another with a reason."""
    family = _family_for_change(actor, family_pk, request, _("Route gekozen"))
    assessment = Assessment.objects.filter(
        pk=assessment_pk, family=family, status=AssessmentStatus.FINAL
    ).first()
    if assessment is None:
        raise ValidationError(_("Kies een route bij een afgeronde signalering van dit gezin."))
    return _route_choose(
        actor=actor,
        family=family,
        assessment=assessment,
        route=route,
        priority=priority,
        reason=reason,
    )


def _route_choose(*, actor, family, assessment, route, priority, reason) -> RouteDecision:
    if route not in Route.values:
        raise ValidationError({"route": _("Kies route 1, 2 of 3.")})
    route = Route(route)
    proposal, proposal_priority = proposed_route(assessment.level)
    if priority is None:
        priority = proposal_priority and route == proposal
    if priority and route != Route.VULNERABLE:
        raise ValidationError({"priority": _("Alleen route 3 kan met voorrang (urgent).")})
    reason = (reason or "").strip()
    if (route, priority) != (proposal, proposal_priority) and not reason:
        raise ValidationError(
            {"reason": _("Geef een reden waarom je van de voorgestelde route afwijkt.")}
        )
    previous = current_route(family)
    decision = RouteDecision.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        assessment=assessment,
        proposed_route=proposal,
        proposed_priority=proposal_priority,
        route=route,
        priority=priority,
        reason=reason,
        decided_by=actor,
        awaiting_mdo=route == Route.VULNERABLE
        and not (previous and previous.route == Route.VULNERABLE and not previous.awaiting_mdo),
    )
    changed = previous is None or (previous.route, previous.priority) != (route, priority)
    if changed:
        if previous is not None:
            with translation.override(settings.LANGUAGE_CODE):
                note = _("Vervallen: de route is gewijzigd.")
            tasks_cancel(
                actor=actor,
                tasks=Task.objects.filter(family=family, source=ROUTE_SOURCE),
                reason=note,
            )
        _create_steps(decision, actor=actor, family=family)
        if priority:
            _notify_coordinators(decision, family=family, actor=actor)
    with translation.override(settings.LANGUAGE_CODE):
        summary = str(decision.get_route_display())
        if priority:
            summary += " — " + _("met voorrang")
        if decision.is_override:
            summary += " — " + _("afwijkend van het voorstel (%(proposal)s): %(reason)s") % {
                "proposal": Route(proposal).label,
                "reason": reason,
            }
    timeline_record(
        family=family,
        kind=ROUTE_CHOSEN if previous is None or not changed else ROUTE_CHANGED,
        actor=actor,
        obj=decision,
        summary=summary[:300],
        changes={"route": [previous.route if previous else None, int(route)]},
    )
    return decision


def _create_steps(decision: RouteDecision, *, actor, family: Family) -> list[Task]:
    today = timezone.localdate()
    tasks = []
    with translation.override(settings.LANGUAGE_CODE):
        for step in steps_for(family.coalition, decision.route):
            owner, organisation = step_owner(step, decider=actor, coalition=family.coalition)
            tasks.append(
                task_create(
                    actor=actor,
                    family=family,
                    title=str(step.title),
                    owner=owner,
                    owner_organisation=organisation,
                    due_date=due_date(step, today=today, priority=decision.priority),
                    priority=decision.priority,
                    source=ROUTE_SOURCE,
                    source_id=f"{decision.pk}:{step.code}",
                )
            )
    return tasks


def _notify_coordinators(decision: RouteDecision, *, family: Family, actor) -> None:
    coordinators = (
        Membership.objects.current()
        .filter(coalition_id=family.coalition_id, is_coordinator=True)
        .values_list("professional_id", flat=True)
        .distinct()
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "Urgente signalering: gezin %(reference)s krijgt route 3 met voorrang "
            "(gekozen door %(who)s). De eerste stappen moeten binnen 2 werkdagen."
        ) % {"reference": family.reference, "who": actor.get_full_name() or actor.username}
    link = reverse("signaling:overview")
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, coalition_id=family.coalition_id, text=text, link=link)
        for pk in sorted(set(coordinators))
    )


# --- Route steps (coalition configuration) -------------------------------------------------


@transaction.atomic
def route_step_save(
    *,
    actor: Professional,
    coalition: Coalition,
    step_pk: int | None,
    data: dict,
    request=None,
) -> RouteStep:
    """Create or change one of the coalition's route steps (its defaults copied first)."""
    Coalition.objects.select_for_update().get(pk=coalition.pk)
    materialise_defaults(coalition)
    if step_pk is None:
        step = RouteStep(coalition=coalition)
        before = {}
    else:
        step = RouteStep.objects.filter(pk=step_pk, coalition=coalition).first()
        if step is None:
            raise ValidationError(_("Deze routestap bestaat niet (meer)."))
        before = {name: getattr(step, name) for name in data}
    for name, value in data.items():
        setattr(step, name, value)
    if step.owner_kind != "organisation":
        step.organisation = None
    if not step.code:
        step.code = _free_code(coalition, step.route, slugify(step.title)[:30] or "stap")
    step.full_clean(exclude=["coalition"])
    step.save()
    changes = {
        name: [_plain(before.get(name)), _plain(getattr(step, name))]
        for name in data
        if before.get(name) != getattr(step, name)
    }
    audit_record(
        actor=actor,
        action="route_step_saved",
        obj=step,
        coalition=coalition,
        summary=_("Routestap %(title)s opgeslagen") % {"title": step.title},
        changes=changes,
        request=request,
    )
    return step


def _free_code(coalition: Coalition, route: int, base: str) -> str:
    taken = set(
        RouteStep.objects.filter(coalition=coalition, route=route).values_list("code", flat=True)
    )
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


# --- The MDO's decisions about the route (issue 8) --------------------------------------------


@transaction.atomic
def route_discussed_in_mdo(
    *, actor: Professional, family_pk: int, meeting_label: str, request=None
) -> RouteDecision:
    """The MDO has discussed the family and confirms its route: the newest route decision no
    longer waits for the MDO (`awaiting_mdo`), so the family stops arriving as a route-3
    candidate. Called by `kansrijk.mdo.services_decisions` (the MDO's ground for decisions
    lets the chair write here); the flag's change is kept in the audit trail."""
    family = _family_for_change(
        actor,
        family_pk,
        request,
        _("Route besproken in het MDO (%(meeting)s)") % {"meeting": meeting_label},
    )
    decision = (
        RouteDecision.objects.select_for_update()
        .filter(family=family)
        .order_by("-decided_at", "-id")
        .first()
    )
    if decision is None:
        raise ValidationError(_("Dit gezin heeft nog geen route; het MDO kan die niet bevestigen."))
    before = decision.awaiting_mdo
    if before:
        decision.awaiting_mdo = False
        decision.save(update_fields=["awaiting_mdo"])
    audit_record(
        actor=actor,
        action="update",
        obj=decision,
        coalition=family.coalition,
        summary=_("%(route)s van gezin %(reference)s bevestigd in het MDO (%(meeting)s)")
        % {
            "route": decision.get_route_display(),
            "reference": family.reference,
            "meeting": meeting_label,
        },
        changes={"awaiting_mdo": [before, False]},
        request=request,
    )
    return decision


@transaction.atomic
def route_decided_in_mdo(
    *,
    actor: Professional,
    family_pk: int,
    route: int,
    reason: str,
    meeting_label: str,
    request=None,
) -> RouteDecision:
    """The MDO changes the family's route: a new route decision "decided in the MDO" (no
    assessment; the MDO's judgement with its reason), which no longer waits for an MDO. As
    with a route chosen after signaling, the old route's open steps lapse and the new
    route's steps become tasks, owned by the family's case director where a step belongs to
    "who decides" (else by the actor). Called by `kansrijk.mdo.services_decisions`."""
    from kansrijk.care.models import CaseDirector

    family = _family_for_change(
        actor,
        family_pk,
        request,
        _("Route gewijzigd in het MDO (%(meeting)s)") % {"meeting": meeting_label},
    )
    if route not in Route.values:
        raise ValidationError({"route": _("Kies route 1, 2 of 3.")})
    route = Route(route)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom het MDO de route wijzigt.")})
    previous = current_route(family)
    if previous is not None and previous.route == route:
        raise ValidationError(
            {
                "route": _(
                    "Het gezin heeft al %(route)s. Kies “Route bevestigd” als het MDO de route "
                    "zo laat."
                )
                % {"route": route.label}
            }
        )
    with translation.override(settings.LANGUAGE_CODE):
        stored_reason = _("Besloten in het MDO (%(meeting)s): %(reason)s") % {
            "meeting": meeting_label,
            "reason": reason,
        }
    decision = RouteDecision.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        assessment=None,
        proposed_route=route,
        proposed_priority=False,
        route=route,
        priority=False,
        reason=stored_reason,
        decided_by=actor,
        awaiting_mdo=False,
    )
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Vervallen: de route is gewijzigd.")
    tasks_cancel(
        actor=actor, tasks=Task.objects.filter(family=family, source=ROUTE_SOURCE), reason=note
    )
    director = (
        CaseDirector.objects.current().filter(family=family).select_related("professional").first()
    )
    _create_steps(decision, actor=director.professional if director else actor, family=family)
    with translation.override(settings.LANGUAGE_CODE):
        summary = f"{decision.get_route_display()} — {stored_reason}"
    timeline_record(
        family=family,
        kind=ROUTE_CHANGED,
        actor=actor,
        obj=decision,
        summary=summary[:300],
        changes={"route": [previous.route if previous else None, int(route)]},
    )
    return decision
