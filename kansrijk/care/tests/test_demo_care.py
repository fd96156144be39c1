"""seed_demo gives the demo families plans, case directors and handovers in every status,
and keeps every chain signal of the work queue."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import (
    PLAN_TASK_SOURCE,
    CarePlan,
    CaseDirector,
    Concern,
    Goal,
    Handover,
    HandoverKind,
    HandoverStatus,
    HealthScore,
    PlanDiscussion,
    SafetyPlan,
    SafetyPlanGrant,
    Task,
)
from kansrijk.care.selectors import is_case_director, may_see_safety_plan
from kansrijk.care.selectors_handovers import incoming_handovers
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, Family, TimelineEvent
from kansrijk.organisations.models import Coalition, Professional
from kansrijk.worklist.rules import RULES
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

pytestmark = pytest.mark.django_db

LINDEOORD, HEUVELRANDE = "Kansrijke Start Lindeoord", "Kansrijke Start Heuvelrande"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _login(username: str) -> Professional:
    return Professional.objects.get(username=username)


def _signals() -> set[tuple[str, str]]:
    signals = set()
    for coalition in Coalition.objects.all():
        signals |= {
            (s.rule.code, s.reference)
            for s in chain_signals(open_families_of_coalition(coalition), coalition)
        }
    return signals


def test_a_handover_in_every_status_of_the_transition_table(demo):
    assert "Demo-zorg: 5 gezinsplannen, 5 casusregisseurs en 9 overdrachten nieuw." in demo
    statuses = set(Handover.objects.values_list("status", flat=True))
    assert statuses == set(HandoverStatus.values)
    declined = Handover.objects.get(status=HandoverStatus.DECLINED)
    assert declined.decline_reason
    assert declined.declined_by.username == "buurtteam"
    for completed in Handover.objects.filter(status=HandoverStatus.COMPLETED):
        assert completed.warm_contact_kind
        assert completed.warm_contact_note
        assert completed.warm_contact_on < timezone.localdate()
        assert completed.proposed_at < completed.accepted_at < completed.completed_at
    cancelled = Handover.objects.get(status=HandoverStatus.CANCELLED)
    assert cancelled.cancel_reason
    assert cancelled.cancelled_at > cancelled.proposed_at


def test_the_casusregie_moved_to_the_jgz_nurse_through_an_accepted_handover(demo):
    family = Family.objects.get(reference="DEMO-023")
    transfer = Handover.objects.get(family=family, kind=HandoverKind.CASUSREGIE)
    assert transfer.status == HandoverStatus.COMPLETED
    periods = list(CaseDirector.objects.filter(family=family).order_by("started_at"))
    assert [p.professional.username for p in periods] == ["verloskundige", "jgz"]
    assert periods[0].ended_at == periods[1].started_at
    assert periods[1].via_handover == transfer
    assert is_case_director(_login("jgz"), family)
    assert not is_case_director(_login("verloskundige"), family)


def test_case_directors_are_recorded_but_not_where_the_work_queue_needs_none(demo):
    recorded = set(
        CaseDirector.objects.current().values_list("family__reference", flat=True).distinct()
    )
    assert {"DEMO-010", "DEMO-013", "DEMO-023", "DEMO-029", "DEMO-102"} <= recorded
    assert not recorded & {"DEMO-008", "DEMO-012", "DEMO-015"}


@pytest.mark.parametrize(
    ("login", "coalition", "at_least"),
    [("jgz", LINDEOORD, 2), ("kraamzorg", LINDEOORD, 1), ("verloskundige2", HEUVELRANDE, 1)],
)
def test_the_demo_logins_have_incoming_handovers_waiting(demo, login, coalition, at_least):
    waiting = incoming_handovers(_login(login), Coalition.objects.get(name=coalition))
    assert len(waiting) >= at_least
    assert all(
        h.due_date >= timezone.localdate() for h in waiting if h.family.reference != "DEMO-021"
    )


def test_plans_are_filled_in_with_two_score_moments(demo):
    plans = CarePlan.objects.select_related("family")
    assert plans.count() >= 4
    for plan in plans:
        family = plan.family
        assert all(plan.snapshot().values()), family.reference
        assert Concern.objects.open().filter(family=family).count() >= 2
        dimensions = set(Goal.objects.filter(family=family).values_list("dimension", flat=True))
        assert len(dimensions) >= 2, family.reference
        days = list(HealthScore.objects.filter(family=family).values_list("measured_on", flat=True))
        assert len(set(days)) == 2, family.reference
        assert PlanDiscussion.objects.filter(family=family).exists()
        assert Task.objects.filter(family=family, source=PLAN_TASK_SOURCE).exists()
    overdue = Task.objects.overdue().filter(source=PLAN_TASK_SOURCE)
    assert overdue.exists()
    assert all(t.created_at.date() < t.due_date for t in overdue)


def test_a_plan_that_the_midwife_and_the_jgz_nurse_both_open(demo):
    both = [
        plan.family.reference
        for plan in CarePlan.objects.select_related("family")
        if {"verloskundige", "jgz"}
        <= set(
            CareTeamMember.objects.current()
            .filter(family=plan.family)
            .values_list("professional__username", flat=True)
        )
    ]
    assert "DEMO-010" in both


def test_the_safety_plan_is_granted_to_one_care_team_member(demo):
    safety = SafetyPlan.objects.select_related("family").get()
    grant = SafetyPlanGrant.objects.active().get(family=safety.family)
    assert grant.professional.username == "jgz"
    assert may_see_safety_plan(_login("jgz"), safety.family)
    assert may_see_safety_plan(_login("verloskundige"), safety.family)
    assert not may_see_safety_plan(_login("buurtteam"), safety.family)


def test_every_chain_signal_still_shows(demo):
    signals = _signals()
    assert {code for code, _reference in signals} == {rule.code for rule in RULES}
    assert ("handover_not_accepted", "DEMO-021") in signals
    for reference in ("DEMO-008", "DEMO-012", "DEMO-015"):
        assert ("no_case_director", reference) in signals
    in_the_gap = {reference for code, reference in signals if code == "gap_without_jgz_contact"}
    assert {"DEMO-024", "DEMO-025", "DEMO-027"} <= in_the_gap


def test_running_it_again_changes_nothing(demo):
    models = (
        CarePlan,
        Concern,
        Goal,
        HealthScore,
        PlanDiscussion,
        SafetyPlan,
        SafetyPlanGrant,
        Task,
        Handover,
        CaseDirector,
        Notification,
        TimelineEvent,
        AccessEvent,
    )

    def state():
        return (
            [model.objects.count() for model in models],
            sorted(Handover.objects.values_list("pk", "status", "proposed_at", "due_date")),
            sorted(CaseDirector.objects.values_list("pk", "started_at", "ended_at")),
            sorted(Task.objects.values_list("pk", "due_date", "status")),
            sorted(_signals()),
        )

    before = state()
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert "Demo-zorg: 0 gezinsplannen, 0 casusregisseurs en 0 overdrachten nieuw." in (
        out.getvalue()
    )
    assert state() == before
