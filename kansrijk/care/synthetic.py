"""Synthetic casusregie, family plans, actions and handovers for the benchmark at scale
(rows for `generate_synthetic`, issue 7).

Per generated family, from its own random stream (`kansrijk.families.synthetic`), so the same
seed gives the same rows:

- a recorded case director for most open files (the care-team member marked as such),
  and in the gap after the birth often a casusregie that moved from the midwife to the JGZ
  nurse through an accepted handover;
- a handover at the chain moment of the family's phase (midwife to kraamzorg late in the
  pregnancy, to the JGZ around the birth, otherwise between two members of the team): a
  recent one still waits for an answer (a few past their due date), older ones were
  completed with a warm contact, some declined or withdrawn;
- a family plan (1Gezin1Plan) for about a third of the open files: its text and first
  version, two or three concerns and goals on Positive Health dimensions, two moments of
  the family's own scores, the talk with the family, and one or two agreed actions (tasks,
  some overdue, some done).

The receiver of a handover is a member of the generated team (the synthetic structure keeps
no organisation per professional), so only `to_professional` is set. Every text is made up.
The agreed actions go into `care.Task`, whose columns the signaling extension declares (its
route steps are tasks too); `COLUMNS` below repeats them in the same order, and the tests
check that they match.
"""

import json
from datetime import timedelta

from kansrijk.families.phases import PhaseCode
from kansrijk.families.synthetic import (
    DAY,
    SyntheticExtension,
    _at,
    _dt,
    register_synthetic_extension,
)
from kansrijk.organisations.models import Discipline

from .models import (
    PLAN_TASK_SOURCE,
    CarePlan,
    CaseDirector,
    Concern,
    Goal,
    GoalStatus,
    Handover,
    HandoverKind,
    HandoverStatus,
    HealthDimension,
    HealthScore,
    PlanDiscussion,
    PlanVersion,
    Task,
    TaskStatus,
    WarmContactKind,
)

P = PhaseCode
# Shares, per open family.
CASE_DIRECTOR_SHARE = 0.7
PLAN_SHARE = {P.PRECONCEPTION: 0.1, P.TRIMESTER_1: 0.2, P.CLOSED: 0.0}
PLAN_SHARE_DEFAULT = 0.35
HANDOVER_SHARE = {
    P.PRECONCEPTION: 0.1, P.TRIMESTER_1: 0.15, P.TRIMESTER_2: 0.2, P.TRIMESTER_3: 0.8,
    P.KRAAMPERIODE: 0.8, P.GAP: 0.9, P.INFANCY: 0.3, P.TODDLER: 0.2, P.CLOSED: 0.3,
}  # fmt: skip
CASUSREGIE_IN_THE_GAP = 0.5
RECENT_DAYS = 14  # a handover proposed since then may still wait for an answer
OVERDUE_SHARE = 0.05  # of the waiting ones
DONE_WHEN_DUE = 0.85  # agreed actions past their due date that were done; the rest overdue

COLUMNS = {
    Handover: (
        "id", "family_id", "coalition_id", "kind", "moment_code", "moment_name",
        "from_professional_id", "from_membership_id", "to_organisation_id",
        "to_professional_id", "summary", "due_date", "status", "proposed_at", "accepted_by_id",
        "accepted_at", "declined_by_id", "declined_at", "decline_reason", "warm_contact_kind",
        "warm_contact_on", "warm_contact_note", "completed_by_id", "completed_at",
        "cancelled_by_id", "cancelled_at", "cancel_reason", "version",
    ),
    CaseDirector: (
        "id", "family_id", "coalition_id", "professional_id", "membership_id", "started_at",
        "ended_at", "via_handover_id", "set_by_id",
    ),
    CarePlan: (
        "id", "family_id", "coalition_id", "strengths", "own_contribution", "support_needed",
        "version", "created_at", "updated_at", "updated_by_id",
    ),
    PlanVersion: (
        "id", "plan_id", "coalition_id", "version", "snapshot", "changes", "changed_by_id",
        "changed_at",
    ),
    PlanDiscussion: (
        "id", "family_id", "coalition_id", "discussed_on", "with_whom", "note",
        "recorded_by_id", "recorded_at",
    ),
    Concern: (
        "id", "family_id", "coalition_id", "text", "position", "created_by_id", "created_at",
        "resolved_at", "resolved_by_id",
    ),
    Goal: (
        "id", "family_id", "coalition_id", "text", "dimension", "target_date", "status",
        "version", "created_by_id", "created_at", "closed_at", "closed_by_id",
    ),
    HealthScore: (
        "id", "family_id", "coalition_id", "measured_on", "respondent", "bodily_functions",
        "mental_wellbeing", "meaningfulness", "quality_of_life", "participation",
        "daily_functioning", "recorded_by_id", "recorded_at",
    ),
}  # fmt: skip
# `care.Task`, written by the table the signaling extension declares (module docstring).
TASK_COLUMNS = (
    "id", "family_id", "coalition_id", "title", "description", "owner_id",
    "owner_organisation_id", "due_date", "priority", "status", "source", "source_id",
    "created_by_id", "created_at", "completed_at", "completed_by_id",
)  # fmt: skip

# --- Made-up texts ---------------------------------------------------------------------------

STRENGTHS = (
    "Ouders zijn betrokken en komen afspraken na.",
    "Grootouders wonen dichtbij en helpen mee.",
    "Moeder zoekt zelf hulp als het nodig is.",
    "Het gezin heeft een vaste woning en een vriendenkring.",
)
OWN_CONTRIBUTIONS = (
    "Ouders houden samen een weekplanning bij.",
    "Moeder gaat naar een ouder-en-kindgroep in de buurt.",
    "Vader regelt de post en de betalingen.",
    "Het gezin vraagt familie om op te passen.",
)
SUPPORT = (
    "Hulp bij de financiën en de toeslagen.",
    "Steun bij opvoedvragen en het ritme van de baby.",
    "Een tolk bij de gesprekken.",
    "Begeleiding naar werk of een opleiding.",
)
CONCERNS = (
    "Schulden en betalingsachterstanden",
    "Moeder voelt zich vaak somber",
    "Woning is te klein",
    "Weinig steun uit de omgeving",
    "Spanningen tussen de ouders",
    "Onregelmatig ritme van de baby",
    "Taalbarrière bij afspraken",
)
GOALS = {
    HealthDimension.BODILY_FUNCTIONS: "Moeder slaapt weer voldoende",
    HealthDimension.MENTAL_WELLBEING: "Moeder voelt zich minder somber",
    HealthDimension.MEANINGFULNESS: "Ouders weten wat zij belangrijk vinden in de opvoeding",
    HealthDimension.QUALITY_OF_LIFE: "Het gezin woont in een passende woning",
    HealthDimension.PARTICIPATION: "Moeder heeft contact met andere ouders",
    HealthDimension.DAILY_FUNCTIONING: "Er is een overzicht van inkomsten en uitgaven",
}
ACTIONS = (
    "Huisbezoek plannen",
    "Aanmelding schuldhulp nagaan",
    "Contact leggen met de ouder-en-kindgroep",
    "Tolk regelen voor het volgende gesprek",
    "Aanvraag toeslagen samen invullen",
)
DISCUSSION_NOTE = "Het gezin herkent zich in het plan."
RESPONDENT = "moeder"
HANDOVER_SUMMARY = "Warme overdracht volgens de afspraken in de keten; het gezin is op de hoogte."
DECLINE_REASON = "Geen plek binnen de gevraagde termijn; graag opnieuw voorstellen."
CANCEL_REASON = "Het gezin heeft zelf contact opgenomen; niet meer nodig."
WARM_CONTACT_NOTE = "Samen met het gezin kennisgemaakt."

# The chain moment of a handover, by phase: (code, name), as `care.models.handovers`.
MOMENTS = {
    "verloskundige-kraamzorg": "Verloskundige → kraamzorg",
    "geboorte-jgz": "Verloskundige/kraamzorg → JGZ (rond de geboorte)",
    "casusregie": "Overdracht van de casusregie",
}


def _receiver(family, discipline: str):
    return next((s for s in family.team[1:] if s.discipline == discipline), None)


def _handover_plan(family, rng):
    """(sender, receiver, moment code) of the family's handover, or None."""
    team = family.team
    if len(team) < 2 or rng.random() >= HANDOVER_SHARE.get(family.phase, 0.0):
        return None
    if family.phase == P.TRIMESTER_3:
        receiver = _receiver(family, Discipline.MATERNITY_CARER)
        if receiver is not None:
            return team[0], receiver, "verloskundige-kraamzorg"
    if family.phase in (P.KRAAMPERIODE, P.GAP):
        receiver = _receiver(family, Discipline.YOUTH_NURSE)
        if receiver is not None:
            moment = "geboorte-jgz"
            if family.phase == P.GAP and rng.random() < CASUSREGIE_IN_THE_GAP:
                moment = "casusregie"
            return team[0], receiver, moment
    return team[0], team[1 + rng.randrange(len(team) - 1)], ""


def _rows(family, rng, next_id) -> dict:
    if family.closed_at is not None:
        return {}
    rows = {model: [] for model in COLUMNS}
    rows[Task] = []
    now = family.now - 3600
    director = family.team[0]
    transfer = _handover(family, rng, next_id, rows, now)
    if transfer is not None:
        handover_id, receiver, accepted = transfer
        rows[CaseDirector] += [
            (next_id(CaseDirector), family.family_id, family.coalition, director.id,
             director.membership_id, _dt(family.created), _dt(accepted), None, director.id),
            (next_id(CaseDirector), family.family_id, family.coalition, receiver.id,
             receiver.membership_id, _dt(accepted), None, handover_id, receiver.id),
        ]  # fmt: skip
    elif rng.random() < CASE_DIRECTOR_SHARE:
        rows[CaseDirector].append(
            (next_id(CaseDirector), family.family_id, family.coalition, director.id,
             director.membership_id, _dt(family.created), None, None, director.id)
        )  # fmt: skip
    if rng.random() < PLAN_SHARE.get(family.phase, PLAN_SHARE_DEFAULT):
        _plan(family, rng, next_id, rows, now)
    return {model: values for model, values in rows.items() if values}


def _handover(family, rng, next_id, rows, now):
    """Add the family's handover; for an accepted casusregie, (id, receiver, accepted at)."""
    planned = _handover_plan(family, rng)
    if planned is None:
        return None
    sender, receiver, moment = planned
    start = max(family.created, now - 120 * DAY)
    proposed = rng.randint(start, max(start, now - 60))
    proposed_day = _dt(proposed).date()
    due = proposed_day + timedelta(days=rng.randint(3, 14))
    recent = now - proposed < RECENT_DAYS * DAY
    roll = rng.random()
    if recent:
        status = HandoverStatus.PROPOSED
        if rng.random() < OVERDUE_SHARE:
            due = family.today - timedelta(days=rng.randint(1, 5))
        else:
            due = max(due, family.today)
    elif roll < 0.75:
        status = HandoverStatus.COMPLETED
    elif roll < 0.8:
        status = HandoverStatus.ACCEPTED
    elif roll < 0.9:
        status = HandoverStatus.DECLINED
    else:
        status = HandoverStatus.CANCELLED
    accepted = answered = completed = None
    if status != HandoverStatus.PROPOSED:
        answered = min(proposed + rng.randint(1, 3) * DAY, now - 40)
    if status in (HandoverStatus.ACCEPTED, HandoverStatus.COMPLETED):
        accepted = answered
    if status == HandoverStatus.COMPLETED:
        completed = min(accepted + rng.randint(1, 6) * DAY, now - 20)
    kind = HandoverKind.CASUSREGIE if moment == "casusregie" else HandoverKind.REGULAR
    handover_id = next_id(Handover)
    declined = status == HandoverStatus.DECLINED
    cancelled = status == HandoverStatus.CANCELLED
    rows[Handover].append((
        handover_id, family.family_id, family.coalition, kind, moment, MOMENTS.get(moment, ""),
        sender.id, sender.membership_id, None, receiver.id, HANDOVER_SUMMARY, due, status,
        _dt(proposed),
        receiver.id if accepted else None, _dt(accepted) if accepted else None,
        receiver.id if declined else None, _dt(answered) if declined else None,
        DECLINE_REASON if declined else "",
        WarmContactKind.JOINT_VISIT if completed else "",
        _dt(completed).date() if completed else None, WARM_CONTACT_NOTE if completed else "",
        receiver.id if completed else None, _dt(completed) if completed else None,
        sender.id if cancelled else None, _dt(answered) if cancelled else None,
        CANCEL_REASON if cancelled else "", 1 if status == HandoverStatus.PROPOSED else 2,
    ))  # fmt: skip
    if kind == HandoverKind.CASUSREGIE and accepted:
        return handover_id, receiver, max(accepted, family.created)
    return None


def _plan(family, rng, next_id, rows, now) -> None:
    team, coalition, family_id = family.team, family.coalition, family.family_id
    author = team[0]
    made = rng.randint(family.created, max(family.created, now - 30))
    made_dt = _dt(made)
    texts = (rng.choice(STRENGTHS), rng.choice(OWN_CONTRIBUTIONS), rng.choice(SUPPORT))
    plan_id = next_id(CarePlan)
    rows[CarePlan].append(
        (plan_id, family_id, coalition, *texts, 1, made_dt, made_dt, author.id)
    )  # fmt: skip
    snapshot = dict(zip(("strengths", "own_contribution", "support_needed"), texts, strict=True))
    changes = {name: ["", value] for name, value in snapshot.items()}
    rows[PlanVersion].append(
        (next_id(PlanVersion), plan_id, coalition, 1, json.dumps(snapshot),
         json.dumps(changes), author.id, made_dt)
    )  # fmt: skip
    made_day = made_dt.date()
    rows[PlanDiscussion].append(
        (next_id(PlanDiscussion), family_id, coalition, made_day, RESPONDENT, DISCUSSION_NOTE,
         author.id, made_dt)
    )  # fmt: skip
    for position, text in enumerate(rng.sample(CONCERNS, rng.randint(2, 3)), start=1):
        rows[Concern].append(
            (next_id(Concern), family_id, coalition, text, position, author.id, made_dt, None,
             None)
        )  # fmt: skip
    goals = []
    for dimension in rng.sample(HealthDimension.values, rng.randint(2, 3)):
        goal_id = next_id(Goal)
        goals.append(goal_id)
        target = made_day + timedelta(days=rng.randint(30, 180))
        achieved = target < family.today and rng.random() < 0.5
        rows[Goal].append(
            (goal_id, family_id, coalition, GOALS[dimension], dimension, target,
             GoalStatus.ACHIEVED if achieved else GoalStatus.OPEN, 2 if achieved else 1,
             author.id, made_dt, _dt(min(_at(target, rng), now)) if achieved else None,
             author.id if achieved else None)
        )  # fmt: skip
    # Two moments: when the plan was made and, later, the latest (at most today).
    first = made_day - timedelta(days=rng.randint(0, 7))
    latest = min(made_day + timedelta(days=rng.randint(21, 90)), family.today)
    for measured_on in (first, latest):
        scores = [rng.randint(3, 9) for _ in HealthDimension.values]
        at = max(_at(measured_on, rng), made)
        rows[HealthScore].append(
            (next_id(HealthScore), family_id, coalition, measured_on, RESPONDENT, *scores,
             author.id, _dt(min(at, now)))
        )  # fmt: skip
    for goal_id in goals[: rng.randint(1, 2)]:
        owner = rng.choice(team)
        due = made_day + timedelta(days=rng.randint(7, 60))
        done = due < family.today and rng.random() < DONE_WHEN_DUE
        completed = min(_at(due, rng), now) if done else None
        rows[Task].append(
            (next_id(Task), family_id, coalition, rng.choice(ACTIONS), "", owner.id, None, due,
             False, TaskStatus.DONE if done else TaskStatus.OPEN, PLAN_TASK_SOURCE,
             str(goal_id), author.id, made_dt, _dt(completed) if done else None,
             owner.id if done else None)
        )  # fmt: skip


def register() -> None:
    register_synthetic_extension(SyntheticExtension(code="care", columns=COLUMNS, rows=_rows))
