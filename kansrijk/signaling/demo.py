"""Fictional assessments and routes for the demo families (seed_demo step 30).

Every level and route occurs, including an urgent case (the coordinators get a notification),
a route chosen against the proposal with a reason, a re-assessment that changes the route,
a re-assessment after birth, a professional judgement and a draft still in progress. The
answers are made up: for each demo family the step picks answers of the shipped instrument
that give the intended level. Written through the services, as the care team would.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kansrijk.families import demo as families_demo
from kansrijk.families.models import Family
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Professional

from . import instruments as registry
from .levels import Level, Route, proposed_route
from .services import assessment_record, assessment_save_draft, assessment_start

R4U = "r4u-kansrijk"
JUDGEMENT = "professioneel-oordeel"
N, PV, V, U = Level.NONE, Level.POTENTIALLY_VULNERABLE, Level.VULNERABLE, Level.URGENT


@dataclass(frozen=True)
class Signal:
    weeks: int | None  # gestational age at the assessment; None: `days_ago` counts
    level: Level
    route: int | None = None  # None: accept the proposal
    reason: str = ""
    instrument: str = R4U
    days_ago: int = 0
    draft: bool = False


OVERRIDE = (
    "Geen netwerk in Nederland en een taalbarrière; we willen het gezin in het MDO bespreken "
    "voor één gezamenlijk plan."
)
JUDGEMENT_REASON = (
    "Moeder vertelt over eerdere uithuisplaatsing van een oudere broer en heeft weinig steun; "
    "de vragenlijst wilde zij nu niet invullen."
)

# fmt: off
PLAN: dict[str, tuple[Signal, ...]] = {
    "DEMO-004": (Signal(6, N),),
    "DEMO-005": (Signal(8, PV),),
    "DEMO-006": (Signal(None, N, draft=True),),
    "DEMO-007": (Signal(10, PV, route=Route.VULNERABLE, reason=OVERRIDE),),
    "DEMO-008": (Signal(9, V),),
    "DEMO-009": (Signal(11, N),),
    "DEMO-010": (Signal(12, PV), Signal(17, V)),
    "DEMO-011": (Signal(14, V, instrument=JUDGEMENT),),
    "DEMO-012": (Signal(22, U),),
    "DEMO-013": (Signal(26, V),),
    "DEMO-014": (Signal(12, N),),
    "DEMO-015": (Signal(14, PV),),
    "DEMO-016": (Signal(10, N),),
    "DEMO-017": (Signal(20, PV),),
    "DEMO-018": (Signal(13, V),),
    "DEMO-019": (Signal(11, N),),
    "DEMO-020": (Signal(12, PV),),
    "DEMO-021": (Signal(9, V),),
    "DEMO-022": (Signal(10, N),),
    "DEMO-023": (Signal(15, PV),),
    "DEMO-024": (Signal(12, PV),),
    "DEMO-025": (Signal(16, V), Signal(None, PV, instrument=JUDGEMENT, days_ago=3)),
    "DEMO-026": (Signal(11, N),),
    "DEMO-027": (Signal(18, PV),),
}
# fmt: on


def answers_for_level(instrument, target: Level) -> dict:
    """Made-up answers of `instrument` that give exactly `target` (for the demo and tests).

    Starts from the lowest answer to every client question and raises one answer at a time
    (skipping answers that set a level on their own) until the total reaches the target's
    range; an urgent target uses an answer that is urgent on its own.
    """
    if instrument.kind == "judgement":
        return {"niveau": target.value, "reden": JUDGEMENT_REASON}
    scored = [i for i in instrument.items if i.type != "text" and i.respondent != "partner"]
    answers = {item.key: _lowest(item) for item in scored}
    if target == Level.URGENT:
        for item in scored:
            for option in item.options:
                if option.sets_level == Level.URGENT:
                    answers[item.key] = option.key
                    return answers
    for item in sorted(scored, key=lambda i: -_highest(i)[1]):
        if registry.score(instrument, answers).level == target:
            break
        before = answers[item.key]
        answers[item.key] = _highest(item)[0]
        if registry.score(instrument, answers).level.rank > target.rank:
            answers[item.key] = before
    result = registry.score(instrument, answers)
    if result.level != target:
        raise ValueError(f"No demo answers for {target} in {instrument.key}")
    return answers


def _candidates(item) -> list[tuple[object, int]]:
    """(answer, weight) for every answer that sets no level on its own."""
    if item.type == "scale":
        values = range(item.min, item.max + 1)
    else:
        values = [option.key for option in item.options]
    return [(v, item.weight_for(v)) for v in values if item.sets_level_for(v) is None]


def _lowest(item):
    return min(_candidates(item), key=lambda c: c[1])[0]


def _highest(item) -> tuple[object, int]:
    return max(_candidates(item), key=lambda c: c[1])


def seed_demo_signaling() -> str:
    today = timezone.localdate()
    teams = {spec.reference: spec.team for spec in families_demo.FAMILIES}
    professionals = {p.username: p for p in Professional.objects.all()}
    added = 0
    for reference, signals in PLAN.items():
        family = Family.objects.filter(reference=reference).first()
        if family is None or not family.is_open or family.assessments.exists():
            continue
        actor = professionals[teams[reference][0]]
        _signal_family(family, signals, actor=actor, today=today)
        added += 1
    return f"Demo-signaleringen: {added} gezinnen nieuw, {len(PLAN)} in het plan."


@transaction.atomic
def _signal_family(family: Family, signals, *, actor, today) -> None:
    pregnancy = family.pregnancies.order_by("-due_date", "-pk").first()
    for signal in signals:
        on = today - timedelta(days=signal.days_ago)
        if signal.weeks is not None and pregnancy is not None and pregnancy.due_date:
            on = pregnancy.due_date - timedelta(days=280 - signal.weeks * 7)
        on = min(on, today)
        instrument = registry.get_instrument(signal.instrument)
        answers = answers_for_level(instrument, signal.level)
        if signal.draft:
            draft = assessment_start(
                actor=actor,
                family_pk=family.pk,
                instrument_key=instrument.key,
                pregnancy_pk=pregnancy.pk if pregnancy else None,
                assessed_on=on,
            )
            half = dict(list(answers.items())[: len(answers) // 2])
            assessment_save_draft(
                actor=actor,
                assessment_pk=draft.pk,
                answers=half,
                partner_present=False,
                expected_version=draft.version,
            )
            continue
        route = signal.route
        if route is None:
            route = proposed_route(signal.level)[0]
        assessment_record(
            actor=actor,
            family_pk=family.pk,
            instrument_key=instrument.key,
            answers=answers,
            pregnancy_pk=pregnancy.pk if pregnancy else None,
            assessed_on=on,
            route=int(route),
            reason=signal.reason,
        )


organisations_demo.register_demo_step(30, seed_demo_signaling)
