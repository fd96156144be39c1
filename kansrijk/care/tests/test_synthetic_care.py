"""generate_synthetic also gives synthetic families case directors, plans, actions and
handovers (for the benchmark's work queue, task, plan and handover pages at scale)."""

import hashlib
from collections import Counter

import pytest
from django.db.models import Count

from kansrijk.care import synthetic as care_synthetic
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
    PlanVersion,
    Task,
)
from kansrijk.families.models import Family, Person
from kansrijk.families.synthetic import all_columns, generate, table_order
from kansrijk.organisations.models import Coalition
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

pytestmark = pytest.mark.django_db

SYN = {"family__reference__startswith": "SYN-"}


@pytest.fixture(autouse=True)
def today():
    """Synthetic data is dated from the real today."""
    return


def test_the_agreed_actions_use_the_task_columns_in_the_same_order():
    assert all_columns()[Task] == care_synthetic.TASK_COLUMNS
    order = table_order()
    assert order.index(Handover) < order.index(CaseDirector)
    assert len(order) == len(set(order))


def test_case_directors_plans_and_handovers_for_a_realistic_share_of_families():
    summary = generate(families=400, coalitions=2, seed=7, force=True)
    open_files = Family.objects.filter(reference__startswith="SYN-", status="open").count()
    assert summary.rows["care.Handover"] == Handover.objects.filter(**SYN).count()

    current = CaseDirector.objects.current().filter(**SYN)
    assert 0.5 * open_files < current.count() < 0.9 * open_files
    # At most one current case director per family (also a database constraint).
    assert not current.values("family").annotate(n=Count("id")).filter(n__gt=1).exists()
    transfers = CaseDirector.objects.filter(via_handover__kind=HandoverKind.CASUSREGIE, **SYN)
    assert transfers.exists()
    for director in transfers.select_related("via_handover"):
        assert director.via_handover.status in (HandoverStatus.ACCEPTED, HandoverStatus.COMPLETED)
        assert director.started_at == director.via_handover.accepted_at

    statuses = Counter(Handover.objects.filter(**SYN).values_list("status", flat=True))
    assert set(statuses) == set(HandoverStatus.values), statuses
    assert statuses[HandoverStatus.COMPLETED] > statuses[HandoverStatus.DECLINED]

    plans = CarePlan.objects.filter(**SYN)
    assert 0.15 * open_files < plans.count() < 0.5 * open_files
    assert PlanVersion.objects.filter(plan__in=plans).count() == plans.count()
    assert PlanDiscussion.objects.filter(**SYN).count() == plans.count()
    per_plan = HealthScore.objects.filter(**SYN).values("family").annotate(n=Count("id"))
    assert {row["n"] for row in per_plan} == {2}
    assert Concern.objects.filter(**SYN).count() >= 2 * plans.count()
    assert Goal.objects.filter(**SYN).values("dimension").distinct().count() == 6
    actions = Task.objects.filter(source=PLAN_TASK_SOURCE, **SYN)
    assert actions.overdue().exists()
    assert actions.filter(status="done").exists()


def test_the_work_queue_finds_late_handovers_and_families_without_a_case_director():
    generate(families=400, coalitions=1, seed=7, force=True)
    coalition = Coalition.objects.get(name__startswith="SYN ")
    codes = {s.rule.code for s in chain_signals(open_families_of_coalition(coalition), coalition)}
    assert {"handover_not_accepted", "no_case_director"} <= codes


def _fingerprint() -> str:
    """The care rows, without primary keys, per family reference."""
    h = hashlib.sha256()
    for model, fields in (
        (Handover, ("status", "kind", "moment_code", "proposed_at", "due_date", "completed_at")),
        (CaseDirector, ("professional__username", "started_at", "ended_at")),
        (CarePlan, ("strengths", "created_at")),
        (Goal, ("dimension", "target_date", "status")),
        (HealthScore, ("measured_on", "bodily_functions", "participation")),
        (Task, ("title", "due_date", "status", "source")),
    ):
        rows = model.objects.filter(**SYN).values_list("family__reference", *fields)
        h.update(repr(sorted(rows)).encode())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_rows():
    generate(families=150, coalitions=1, seed=3, force=True)
    first = _fingerprint()
    generate(families=150, coalitions=1, seed=3, force=True, reset=True)
    assert _fingerprint() == first
    generate(families=150, coalitions=1, seed=4, force=True, reset=True)
    assert _fingerprint() != first


def test_the_texts_are_made_up_and_name_nobody():
    generate(families=200, coalitions=1, seed=5, force=True)
    texts = set()
    for model, fields in (
        (Handover, ("summary", "decline_reason", "cancel_reason", "warm_contact_note")),
        (CarePlan, ("strengths", "own_contribution", "support_needed")),
        (Concern, ("text",)),
        (Goal, ("text",)),
        (HealthScore, ("respondent",)),
        (PlanDiscussion, ("with_whom", "note")),
    ):
        for row in model.objects.filter(**SYN).values_list(*fields):
            texts |= set(row)
    texts.discard("")
    pools = {
        care_synthetic.HANDOVER_SUMMARY,
        care_synthetic.DECLINE_REASON,
        care_synthetic.CANCEL_REASON,
        care_synthetic.WARM_CONTACT_NOTE,
        care_synthetic.RESPONDENT,
        care_synthetic.DISCUSSION_NOTE,
        *care_synthetic.STRENGTHS,
        *care_synthetic.OWN_CONTRIBUTIONS,
        *care_synthetic.SUPPORT,
        *care_synthetic.CONCERNS,
        *care_synthetic.GOALS.values(),
    }
    assert texts <= pools
    names = set(Person.objects.filter(**SYN).values_list("first_name", flat=True))
    assert not any(name in text for name in names for text in texts)
