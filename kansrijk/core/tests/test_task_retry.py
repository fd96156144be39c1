"""A background task that fails is retried with backoff, and one that keeps failing is shown
to administrators with its error and number of attempts, and can be run again."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kansrijk.core.models import AuditEvent
from kansrijk.core.tasks_retry import STUCK_AFTER, backoff, retried, retry_policy
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
failures_left = {"flaky": 0}


@retried(max_attempts=3)
@task()
def flaky() -> str:
    if failures_left["flaky"] > 0:
        failures_left["flaky"] -= 1
        raise ConnectionError("the partner's server did not answer")
    return "done"


@task()
def fragile() -> str:
    raise ValueError("not retried")


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def run_ready_tasks() -> None:
    """What `manage.py db_worker` does for each ready task (without its loop, which closes
    the test's database connection)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)


def test_a_failing_task_is_retried_with_backoff_until_it_succeeds():
    failures_left["flaky"] = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        result = flaky.enqueue()
        run_ready_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    # Back in the queue, with the error kept until the next run.
    assert row.status == "READY"
    assert row.run_after == start + backoff(1)
    assert "ConnectionError" in row.traceback
    with time_machine.travel(start + backoff(1), tick=False):
        run_ready_tasks()
    row.refresh_from_db()
    assert row.status == "READY"
    assert row.run_after == start + backoff(1) + backoff(2)
    with time_machine.travel(start + backoff(1) + backoff(2), tick=False):
        run_ready_tasks()
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert row.return_value == "done"
    assert len(row.worker_ids) == 3


def test_the_backoff_grows_and_has_a_ceiling():
    assert [backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
    ]
    assert backoff(20) == timedelta(hours=6)


def test_a_task_that_keeps_failing_stops_after_its_attempts_and_is_shown(cast):
    failures_left["flaky"] = 99
    start = timezone.now()
    result = flaky.enqueue()
    for attempt in range(3):
        with time_machine.travel(start + timedelta(days=attempt), tick=False):
            run_ready_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert len(row.worker_ids) == 3
    with time_machine.travel(start + timedelta(days=5), tick=False):
        run_ready_tasks()
    assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 3  # no fourth run

    response = logged_in_client(cast.administrator).get(reverse("core:operations"))
    assert response.status_code == 200
    rows = response.context["task_rows"]
    assert [(r["name"], r["attempts"]) for r in rows] == [("flaky", 3)]
    page = response.content.decode()
    assert "ConnectionError: the partner&#x27;s server did not answer" in page
    assert "Opnieuw proberen" in page


def test_a_task_that_is_not_retried_fails_at_once():
    result = fragile.enqueue()
    run_ready_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert len(row.worker_ids) == 1


def test_opnieuw_proberen_runs_a_failed_task_once_more_and_is_audited(cast):
    failures_left["flaky"] = 3
    start = timezone.now()
    result = flaky.enqueue()
    for attempt in range(3):
        with time_machine.travel(start + timedelta(days=attempt), tick=False):
            run_ready_tasks()
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"

    client = logged_in_client(cast.administrator)
    response = client.post(reverse("core:operations_task_retry", args=[result.id]), follow=True)
    assert "De taak flaky wordt opnieuw uitgevoerd." in response.content.decode()
    assert response.context["task_rows"] == []
    event = AuditEvent.objects.get(object_id=result.id)
    assert event.actor == cast.administrator
    assert event.summary.startswith("Taak opnieuw ingepland: flaky")
    run_ready_tasks()  # the partner's server answers again
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL"
    # Twice: a task that is not failed (any more) is not found.
    again = client.post(reverse("core:operations_task_retry", args=[result.id]))
    assert again.status_code == 404


def test_a_task_whose_worker_died_is_shown_as_stuck_and_can_run_again(cast):
    failures_left["flaky"] = 0
    result = flaky.enqueue()
    # A worker claims the task and is killed before it finishes: the row stays RUNNING.
    DBTaskResult.objects.get(pk=result.id).claim("worker-killed")
    started = timezone.now()
    client = logged_in_client(cast.administrator)
    url = reverse("core:operations")

    with time_machine.travel(started + STUCK_AFTER / 2, tick=False):
        assert client.get(url).context["task_rows"] == []
    with time_machine.travel(started + STUCK_AFTER + timedelta(minutes=1), tick=False):
        response = client.get(url)
        [row] = response.context["task_rows"]
        assert (row["name"], row["stuck"], row["attempts"]) == ("flaky", True, 1)
        page = response.content.decode()
        assert "Vastgelopen: de verwerker stopte tijdens de taak." in page
        assert "vastgelopen, gestart" in page

        client.post(reverse("core:operations_task_retry", args=[result.id]))
        run_ready_tasks()

    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert AuditEvent.objects.filter(object_id=result.id).exists()


def test_the_projects_tasks_are_retried():
    for path in (
        "kansrijk.worklist.tasks.send_signal_reminders",
        "kansrijk.monitoring.tasks.recompute_stale",
        "kansrijk.monitoring.tasks.recompute_all_stale",
        "kansrijk.interop.tasks.deliver_webhook",
        "kansrijk.interop.tasks.deliver_due_webhooks",
        "kansrijk.core.mail_outbox.send_mail_outbox",
    ):
        __import__(path.rsplit(".", 1)[0])
        assert retry_policy(path) is not None, path
