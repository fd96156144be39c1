"""Reads of the work queue: chain signals per professional or per coalition, and "my tasks".

Every family comes from the access policy or from the coalition the reader coordinates:

- a professional's queue holds the signals of their *own* families: those the access policy
  (`families_visible_to`) gives them and on whose care team they are now. A family seen
  only through break-the-glass or an MDO is not theirs to act on;
- a coordinator's queue holds the signals of every open family of the coalition, with the
  minimum a coordinator needs: reference, phase, signal, responsible organisation. No
  names, nothing of the file; opening the file goes through the policy like for anyone.

Costs: one query for the coalition's thresholds, one per active rule and one for what the
signals show of their families, whatever the number of families or signals.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import F, Q, QuerySet, Subquery
from django.utils import timezone

from kansrijk.access.policy import families_visible_to, visible_family_ids
from kansrijk.care.models import Task, TaskStatus
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import IdsSlot, InIds
from kansrijk.core.together import Reader, answered, read_together
from kansrijk.families.grounds import CARE_TEAM
from kansrijk.families.models import Family
from kansrijk.families.phases import Phase, compute_phase
from kansrijk.organisations.models import Coalition, Membership, Professional

from .models import SignalSetting
from .rules import (
    RULES,
    RULES_BY_CODE,
    Rule,
    phase_pregnancy_subquery,
    responsible_organisation,
)


@dataclass(frozen=True)
class Threshold:
    days: int
    is_active: bool
    is_default: bool


def thresholds(coalition: Coalition) -> dict[str, Threshold]:
    """Each rule's threshold in `coalition`: its own setting, else the rule's default. One query."""
    own = {s.rule_code: s for s in SignalSetting.objects.filter(coalition=coalition)}
    result = {}
    for rule in RULES:
        setting = own.get(rule.code)
        if setting is None:
            result[rule.code] = Threshold(rule.default_days, True, True)
        else:
            result[rule.code] = Threshold(setting.days, setting.is_active, False)
    return result


@dataclass
class ChainSignal:
    """One family for which one rule holds today (ketensignaal), computed, never stored."""

    rule: Rule
    family_id: int
    reference: str
    basis: date  # when the situation started (decision, birth, due date, file opened)
    since: date  # the first day the signal shows
    age_days: int  # days the signal has been showing, 0 on its first day
    phase: Phase
    why: str
    responsible_organisation: str

    @property
    def key(self) -> tuple[int, str, date]:
        """What identifies a signal over time (for reminders): family, rule, basis."""
        return (self.family_id, self.rule.code, self.basis)


def open_families_of_coalition(coalition: Coalition) -> QuerySet[Family]:
    return Family.objects.filter(coalition=coalition).open()


def own_open_family_ids(user: Professional, coalition: Coalition | None) -> list[int]:
    """The ids of the professional's own open families: those the access policy gives them
    on its care-team ground, that is on whose care team they are now. One query (a caseload
    of a few hundred).

    The rules are then run over that list (`chain_signals`) instead of repeating the access
    policy's subqueries, which Django compiled and PostgreSQL planned once per rule (the
    work queue cost 64 ms of CPU per request; benchmark, issue 7). Only the care-team ground
    is asked: a family seen through another ground is not theirs to act on, and the union of
    every ground's families cost more to build than the rest of the query.
    """
    if coalition is None:
        return []
    return list(
        families_visible_to(user, coalition=coalition, ground=CARE_TEAM)
        .open()
        .values_list("pk", flat=True)
    )


def chain_signals(
    families: QuerySet[Family] | list[int],
    coalition: Coalition,
    *,
    today: date | None = None,
    rule_code: str = "",
) -> list[ChainSignal]:
    """Every signal of the active rules (or only `rule_code`) over `families`, in rule order
    and oldest first within a rule. `families` is a queryset (a coalition's open families),
    or a list of ids read earlier (a professional's own, `own_open_family_ids`): for a list,
    each rule's query is compiled once per process, threshold and day and then only run
    (`_compiled_rule`).

    Each rule's query returns only what the rule itself knows (the family, the basis date and
    its own fields); what every signal shows of its family (reference, the phase's dates, the
    responsible organisation) is read afterwards in one query for all signalled families,
    instead of as subqueries in each rule's query (benchmark, issue 7).
    """
    today = today or timezone.localdate()
    limits = thresholds(coalition)
    asked = [
        (rule, limits[rule.code].days)
        for rule in RULES
        if limits[rule.code].is_active and (not rule_code or rule.code == rule_code)
    ]
    # The rules' queries go to the database together (`kansrijk.core.together`).
    rows_per_rule = read_together(_rule_reads(rule, families, today, days) for rule, days in asked)
    found: list[tuple[Rule, int, dict]] = [
        (rule, days, row)
        for (rule, days), rows in zip(asked, rows_per_rule, strict=True)
        for row in rows
    ]
    details = _family_details({row["pk"] for _rule, _days, row in found})
    signals: list[ChainSignal] = []
    for rule, days, row in found:
        family = details[row["pk"]]
        since = rule.starts(row["basis"], days)
        responsible = row[rule.responsible_field] if rule.responsible_field else None
        signals.append(
            ChainSignal(
                rule=rule,
                family_id=row["pk"],
                reference=family["reference"],
                basis=row["basis"],
                since=since,
                age_days=max((today - since).days, 0),
                phase=compute_phase(
                    today=today,
                    due_date=family["phase_due_date"],
                    birth_date=_not_after(family["phase_birth_date"], today),
                ),
                why=rule.explain(row, days=days),
                responsible_organisation=(
                    responsible if rule.responsible_field else family["responsible"]
                )
                or "",
            )
        )
    signals.sort(key=lambda s: (s.rule.order, s.since, s.reference))
    return signals


def _rule_reads(rule: Rule, families, today: date, days: int) -> Reader:
    if isinstance(families, list):
        return _compiled_rule(rule.code, today, days, _now()).reads(ids=families)
    return answered(list(_rule_values(rule, families, today, days)))


def _rule_values(rule: Rule, families: QuerySet[Family], today: date, days: int) -> QuerySet:
    fields = dict.fromkeys(
        [*([rule.responsible_field] if rule.responsible_field else []), *rule.fields]
    )
    return rule.holds(families, today=today, days=days).order_by().values("pk", "basis", *fields)


def _now() -> tuple[date, str]:
    """The real day and time zone, part of every compiled query's key: `today` may be another
    day than the real one (a test, a reminder run for a date), while what is current (a
    membership, a care team) is read for the real one."""
    return (timezone.localdate(), timezone.get_current_timezone_name())


@lru_cache(maxsize=256)
def _compiled_rule(code: str, today: date, days: int, now: tuple[date, str]) -> CompiledQuery:
    """A rule's query over a list of families, compiled once (`CompiledQuery`): building and
    compiling the nine rules' querysets took half the CPU of a professional's work queue
    (benchmark, issue 5). What the SQL depends on besides the list is the key: the rule,
    its threshold, the day it is asked for, and the real day and time zone (`now`) that
    decide what is current and turn days into moments."""
    rule = RULES_BY_CODE[code]
    families = Family.objects.filter(InIds("pk", IdsSlot("ids")))
    return CompiledQuery(lambda: _rule_values(rule, families, today, days))


def _family_details(family_ids: set[int]) -> dict[int, dict]:
    """Reference, the phase's due and birth dates and the responsible organisation of each
    family, in one query."""
    if not family_ids:
        return {}
    rows = _compiled_details(_now()).run(ids=family_ids)
    return {row["pk"]: row for row in rows}


@lru_cache(maxsize=8)
def _compiled_details(now: tuple[date, str]) -> CompiledQuery:
    # The current care team depends on the real day (`_compiled_rule`).
    phase_pregnancy = phase_pregnancy_subquery()
    return CompiledQuery(
        lambda: (
            Family.objects.filter(InIds("pk", IdsSlot("ids")))
            .annotate(
                phase_due_date=Subquery(phase_pregnancy.values("due_date")[:1]),
                phase_birth_date=Subquery(phase_pregnancy.values("birth_date")[:1]),
                responsible=responsible_organisation(),
            )
            .values("pk", "reference", "phase_due_date", "phase_birth_date", "responsible")
        )
    )


def _not_after(day: date | None, today: date) -> date | None:
    # A birth date after today cannot be (the model refuses it); never let one crash a page.
    return day if day is None or day <= today else None


SORTS = {
    "regel": lambda s: (s.rule.order, s.since, s.reference),
    "oudste": lambda s: (s.since, s.rule.order, s.reference),
    "nieuwste": lambda s: (-s.since.toordinal(), s.rule.order, s.reference),
}


def sort_signals(signals: list[ChainSignal], sort: str) -> list[ChainSignal]:
    return sorted(signals, key=SORTS.get(sort, SORTS["regel"]))


# --- My tasks ----------------------------------------------------------------------------------


def my_tasks(user: Professional, coalition: Coalition | None, *, done: bool = False):
    """Tasks of the professional's families in `coalition` owned by them, or by one of
    their organisations there while no professional owns them: open ones by due date
    (overdue first), or done ones, most recently completed first.

    Only tasks of families the access policy gives the professional: a family's reference
    and what needs doing for it are family data (need to know), also when the task was
    addressed to their organisation. Those families' ids are read first (one query,
    `visible_family_ids`), so that the count and the page filter on a list rather than each
    repeating the policy's subqueries. The family is joined for its reference
    (`select_related`), so a page costs one query whatever its length.
    """
    if coalition is None:
        return Task.objects.none()
    organisations = (
        Membership.objects.current()
        .filter(professional=user, coalition=coalition, is_professional=True)
        .values("organisation_id")
    )
    tasks = (
        Task.objects.filter(
            InIds("family_id", visible_family_ids(user, coalition=coalition)), coalition=coalition
        )
        .filter(Q(owner=user) | Q(owner__isnull=True, owner_organisation_id__in=organisations))
        .select_related("family", "owner", "owner_organisation")
    )
    if done:
        return tasks.filter(status=TaskStatus.DONE).order_by("-completed_at", "-pk")
    # Tasks without a due date last (SQLite would put them first).
    return tasks.filter(status=TaskStatus.OPEN).order_by(
        F("due_date").asc(nulls_last=True), "-priority", "pk"
    )
