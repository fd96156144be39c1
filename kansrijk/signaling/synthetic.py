"""Synthetic screenings for the national-scale benchmark (rows for `generate_synthetic`).

Most pregnant and newly born families were screened once, between 8 and 20 weeks, with the
default instrument; about one in six is vulnerable, as in the source documents. Each got the
proposed route (a few another one, with a reason), and routes 2 and 3 their next steps as
tasks: open when the choice is recent, done otherwise. Fictional and reproducible, like the
rest of the synthetic data (`kansrijk.families.synthetic`).
"""

import json
from datetime import timedelta
from functools import cache

from kansrijk.care.models import Task, TaskStatus
from kansrijk.families.phases import DUE_DATE_DAY, PhaseCode
from kansrijk.families.synthetic import (
    DAY,
    SyntheticExtension,
    _at,
    _dt,
    register_synthetic_extension,
)

from . import instruments as registry
from .levels import Level, proposed_route
from .models import Assessment, AssessmentStatus, RouteDecision
from .steps import DEFAULT_STEPS, due_date

INSTRUMENT = "r4u-kansrijk"
LEVELS = (
    (Level.NONE, 55),
    (Level.POTENTIALLY_VULNERABLE, 28),
    (Level.VULNERABLE, 14),
    (Level.URGENT, 3),
)
SCREENED = 0.85
OVERRIDE = 0.05
OVERRIDE_REASON = "Afweging van het zorgteam na overleg met het gezin."
OPEN_DAYS = 21

COLUMNS = {
    Assessment: (
        "id", "family_id", "coalition_id", "pregnancy_id", "instrument_key",
        "instrument_version", "status", "answers", "partner_present", "result", "total_score",
        "level", "assessed_on", "gestational_age_days", "recorded_by_id", "created_at",
        "updated_at", "finished_at", "version",
    ),
    RouteDecision: (
        "id", "family_id", "coalition_id", "assessment_id", "proposed_route",
        "proposed_priority", "route", "priority", "reason", "decided_by_id", "decided_at",
        "awaiting_mdo",
    ),
    Task: (
        "id", "family_id", "coalition_id", "title", "description", "owner_id",
        "owner_organisation_id", "due_date", "priority", "status", "source", "source_id",
        "created_by_id", "created_at", "completed_at", "completed_by_id",
    ),
}  # fmt: skip


@cache
def _screening(level: Level) -> tuple[str, str, int]:
    """Answers, result (as JSON) and total of the default instrument for `level`."""
    from .demo import answers_for_level

    instrument = registry.get_instrument(INSTRUMENT)
    answers = answers_for_level(instrument, level)
    result = registry.score(instrument, answers)
    return json.dumps(answers), json.dumps(result.as_dict()), result.total


def _version() -> int:
    return registry.get_instrument(INSTRUMENT).version


def _rows(family, rng, next_id) -> dict:
    pregnancy = family.pregnancy
    if (
        pregnancy is None
        or family.phase in (PhaseCode.PRECONCEPTION, PhaseCode.CLOSED)
        or rng.random() > SCREENED
    ):
        return {}
    due, birth, _outcome, entered = pregnancy
    # Screened between 8 and 20 weeks, but not before the pregnancy came into care.
    assessed_on = max(due - timedelta(days=DUE_DATE_DAY - rng.randint(8, 20) * 7), entered)
    if assessed_on > family.today or (birth and assessed_on >= birth):
        return {}
    gestational_age = DUE_DATE_DAY - (due - assessed_on).days
    level = Level(_pick(rng))
    answers, result, total = _screening(level)
    at = max(_at(assessed_on, rng), family.created)
    if at >= family.now:
        at = family.now - 3600
    director = family.team[0]
    assessment_id = next_id(Assessment)
    rows = {
        Assessment: [
            (
                assessment_id, family.family_id, family.coalition, family.pregnancy_id,
                INSTRUMENT, _version(), AssessmentStatus.FINAL, answers, False, result, total,
                level.value, assessed_on, gestational_age, director.id, _dt(at), _dt(at),
                _dt(at), 2,
            )
        ],
        RouteDecision: [],
        Task: [],
    }  # fmt: skip
    proposal, proposal_priority = proposed_route(level)
    route, priority, reason = int(proposal), proposal_priority, ""
    if rng.random() < OVERRIDE and route < 3:
        route, priority, reason = route + 1, False, OVERRIDE_REASON
    decided = at + rng.randint(60, 3600)
    recent = family.now - decided < OPEN_DAYS * DAY
    rows[RouteDecision].append(
        (
            next_id(RouteDecision), family.family_id, family.coalition, assessment_id,
            int(proposal), proposal_priority, route, priority, reason, director.id,
            _dt(decided), route == 3 and recent,
        )
    )  # fmt: skip
    decided_day = _dt(decided).date()
    # The coalition's JGZ step goes to the family's JGZ nurse when there is one (the synthetic
    # structure keeps no JGZ organisation per coalition); otherwise to the case director.
    jgz = next((s for s in family.team if s.discipline == "jeugdverpleegkundige"), director)
    for step in (s for s in DEFAULT_STEPS if s.route == route):
        owner = jgz if step.owner_kind == "jgz" else director
        done = not recent
        rows[Task].append(
            (
                next_id(Task), family.family_id, family.coalition, str(step.title), "",
                owner.id, None, due_date(step, today=decided_day, priority=priority), priority,
                TaskStatus.DONE if done else TaskStatus.OPEN, "route",
                f"synthetic:{step.code}", director.id, _dt(decided),
                _dt(decided + rng.randint(1, 10) * DAY) if done else None,
                owner.id if done else None,
            )
        )  # fmt: skip
    return rows


def _pick(rng) -> str:
    roll = rng.randrange(100)
    for level, share in LEVELS:
        if roll < share:
            return level
        roll -= share
    return Level.NONE


def register() -> None:
    register_synthetic_extension(SyntheticExtension(code="signaling", columns=COLUMNS, rows=_rows))
