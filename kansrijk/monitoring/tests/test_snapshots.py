"""The figures are kept per scope and period: a second read computes nothing, a write to the
data marks them stale with one cheap UPDATE and the background task recomputes them, and a
new version of an indicator's definition is recomputed at once."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.monitoring.figures import figures
from kansrijk.monitoring.indicators import Scope
from kansrijk.monitoring.models import IndicatorSnapshot
from kansrijk.monitoring.periods import Period
from kansrijk.monitoring.snapshots import LIVE_MAX_AGE, recompute_stale_snapshots
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_api import fake_indicators, families_indicator

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def calls():
    calls: list = []
    with fake_indicators(families_indicator(calls)):
        yield calls


@pytest.fixture
def scope(cast):
    return Scope(cast.coalition.pk)


def this_quarter() -> Period:
    return Period.quarter_of(timezone.localdate())


def test_a_second_read_computes_nothing(cast, scope, calls, django_assert_num_queries):
    monitored_family(cast.coalition, cast.coordinator, interpreter_needed=True)
    period = this_quarter()
    first = figures(scope, period)
    assert len(calls) == 1
    assert first["test_families"][0].denominator == 1

    # One query: the kept snapshots of the scope and period.
    with django_assert_num_queries(1):
        again = figures(scope, period)

    assert len(calls) == 1
    assert again == first
    assert again.stale == frozenset()
    assert again["test_families"][0].denominator == 1


def test_a_municipality_and_a_period_are_kept_apart(cast, scope, calls):
    monitored_family(cast.coalition, cast.coordinator)
    municipality = cast.coalition.municipalities.get()
    period = this_quarter()
    figures(scope, period)
    figures(Scope(cast.coalition.pk, municipality.pk), period)
    figures(scope, period.previous())
    figures(scope, period)

    assert len(calls) == 3
    assert IndicatorSnapshot.objects.count() == 3


def test_a_write_marks_the_figures_stale_and_the_task_recomputes_them(
    cast, scope, calls, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    period = this_quarter()
    assert figures(scope, period)["test_families"][0].denominator == 0

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        monitored_family(cast.coalition, cast.coordinator)

    assert len(callbacks) == 1  # one enqueue, although the family and its consent were written
    snapshot = IndicatorSnapshot.objects.get()
    assert snapshot.stale is False
    assert snapshot.cells[0]["denominator"] == 1
    assert len(calls) == 2
    assert figures(scope, period)["test_families"][0].denominator == 1
    assert len(calls) == 2


def test_a_stale_figure_is_served_as_it_is_until_the_worker_recomputes_it(
    cast, scope, calls, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = STORED
    period = this_quarter()
    figures(scope, period)
    figures(Scope(cast.coalition.pk), period.previous())

    with django_capture_on_commit_callbacks(execute=True):
        monitored_family(cast.coalition, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True) as later:
        monitored_family(cast.coalition, cast.coordinator)

    task = DBTaskResult.objects.get()  # the second write found nothing left to mark
    assert task.task_path == "kansrijk.monitoring.tasks.recompute_stale"
    assert later == []
    served = figures(scope, period)
    assert served["test_families"][0].denominator == 0
    assert served.stale == {"test_families"}
    assert len(calls) == 2

    assert recompute_stale_snapshots(cast.coalition.pk) == 2
    assert figures(scope, period)["test_families"][0].denominator == 2
    assert not IndicatorSnapshot.objects.filter(stale=True).exists()


def test_a_write_costs_one_update_of_the_kept_figures(cast, scope, calls):
    family = monitored_family(cast.coalition, cast.coordinator)
    figures(scope, this_quarter())

    with CaptureQueriesContext(connection) as queries:
        family.interpreter_needed = True
        family.save(update_fields=["interpreter_needed"])
        family.save(update_fields=["interpreter_needed"])

    touching = [q["sql"] for q in queries if "monitoring_indicatorsnapshot" in q["sql"]]
    assert len(touching) == 2  # one UPDATE per write, the second marks nothing
    assert all(sql.startswith("UPDATE") for sql in touching)
    assert IndicatorSnapshot.objects.get().stale is True


def test_another_coalitions_write_leaves_the_figures_alone(cast, scope, calls):
    figures(scope, this_quarter())
    monitored_family(cast.other_coalition, cast.other_coalition_professional)

    assert IndicatorSnapshot.objects.get().stale is False


def test_a_new_version_of_a_definition_is_recomputed_at_once(cast, scope, calls):
    monitored_family(cast.coalition, cast.coordinator)
    period = this_quarter()
    figures(scope, period)

    with fake_indicators(families_indicator(calls, version=2)):
        served = figures(scope, period)

    assert len(calls) == 2
    assert served.stale == frozenset()
    snapshot = IndicatorSnapshot.objects.get()
    assert snapshot.indicator_version == 2


def test_a_running_period_is_recomputed_after_a_quarter_of_an_hour(
    cast, scope, calls, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    period = this_quarter()
    figures(scope, period)
    figures(scope, Period.parse("2024-Q1"))
    monitored_family(cast.coalition, cast.coordinator)  # no snapshot stale: counted later
    IndicatorSnapshot.objects.update(stale=False)

    later = timezone.now() + LIVE_MAX_AGE + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            served = figures(scope, period)
        assert served.stale == {"test_families"}
        assert figures(scope, Period.parse("2024-Q1")).stale == frozenset()

    assert figures(scope, period)["test_families"][0].denominator == 1
    assert len(calls) == 3


def test_a_snapshot_of_an_indicator_that_is_gone_is_removed(cast, scope, calls):
    period = this_quarter()
    figures(scope, period)
    IndicatorSnapshot.objects.update(indicator="retired", stale=True)

    assert recompute_stale_snapshots(cast.coalition.pk) == 0
    assert not IndicatorSnapshot.objects.exists()


def test_the_sweep_recomputes_what_a_lost_task_left_stale(cast, scope, calls):
    from kansrijk.monitoring.tasks import recompute_all_stale

    figures(scope, this_quarter())
    figures(Scope(cast.other_coalition.pk), this_quarter())
    IndicatorSnapshot.objects.update(stale=True)
    kept = IndicatorSnapshot.objects.count()

    computed = recompute_all_stale.call()

    assert not IndicatorSnapshot.objects.filter(stale=True).exists()
    # The two stale ones, and what the default dashboards still needed.
    assert computed == 2 + IndicatorSnapshot.objects.count() - kept
