"""Retries for background tasks (django-tasks with the database backend).

django-tasks 0.12 has no retries of its own: a task that raises is stored as FAILED with its
traceback, and the worker counts each run in `worker_ids` (`TaskResult.attempts`). `retried`
marks a task as retried; when a run of such a task fails and it has had fewer than
`max_attempts` runs, the `task_finished` handler puts the same row back to READY with a
`run_after` in the future (backoff: `BACKOFF_SECONDS * 4 ** (attempts - 1)`, at most
`BACKOFF_MAX_SECONDS`). The row keeps its last error until the next run, so a waiting retry
shows why. After the last attempt the row stays FAILED: the faults page under Beheer lists
it with its error and number of attempts, and "Opnieuw proberen" (`task_retry`) gives it one
more run. A run whose worker died (killed, or its machine stopped) stays RUNNING for ever:
after `STUCK_AFTER` it counts as stuck, is listed on the same page and can be run again the
same way (the project's tasks are safe to run twice: they send what is due, recompute what is
stale).

Only the database backend keeps rows to put back; with another backend (the immediate one
of the tests) a failed task just fails.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 60 * 60
# The project's tasks take seconds; one still running after this has lost its worker.
STUCK_AFTER = timedelta(minutes=30)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int


# Task module path → its policy (the Task dataclass is frozen and has slots, so the policy
# cannot live on the task itself).
_policies: dict[str, RetryPolicy] = {}


def retried(task=None, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS):
    """Mark a django-tasks task as retried: `@retried` or `@retried(max_attempts=3)` above
    `@task()`."""

    def register(the_task):
        _policies[the_task.module_path] = RetryPolicy(max_attempts=max_attempts)
        return the_task

    return register(task) if task is not None else register


def retry_policy(task_path: str) -> RetryPolicy | None:
    return _policies.get(task_path)


def backoff(attempts: int) -> timedelta:
    """The wait before the next run after `attempts` failed runs: 1, 4, 16, 64 minutes, …"""
    return timedelta(seconds=min(BACKOFF_SECONDS * 4 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def retry_failed_run(*, db_result) -> bool:
    """Put a failed run of a retried task back in the queue when it has attempts left;
    returns whether it did. Called by the `task_finished` handler right after the worker
    stored the failure."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    policy = retry_policy(db_result.task_path)
    if policy is None:
        return False
    with transaction.atomic():
        # Locked: "Opnieuw proberen" on the faults page may act on the same row.
        row = DBTaskResult.objects.select_for_update().filter(pk=db_result.pk).first()
        if row is None or row.status != TaskResultStatus.FAILED:
            return False
        attempts = len(row.worker_ids)
        if attempts >= policy.max_attempts:
            return False
        row.status = TaskResultStatus.READY
        row.run_after = timezone.now() + backoff(attempts)
        row.finished_at = None
        row.save(update_fields=["status", "run_after", "finished_at"])
    return True


def on_task_finished(sender, task_result, **kwargs) -> None:
    from django_tasks_db.compat import TaskResultStatus

    db_result = getattr(task_result, "db_result", None)
    if db_result is None or task_result.status != TaskResultStatus.FAILED:
        return
    retry_failed_run(db_result=db_result)


def connect() -> None:
    """Listen for finished tasks (from `CoreConfig.ready`)."""
    from django_tasks_db.compat import task_finished

    task_finished.connect(on_task_finished, dispatch_uid="kansrijk.core.tasks_retry")


def failed_tasks():
    """Runs that failed for good (no retry waiting) or are stuck (RUNNING since longer than
    `STUCK_AFTER`: their worker died), newest first. The arguments are ids only (the
    project's tasks take no personal data); the traceback is not shown on the page."""
    from django.db.models import Q
    from django.db.models.functions import Coalesce
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stuck = Q(status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - STUCK_AFTER)
    return (
        DBTaskResult.objects.filter(Q(status=TaskResultStatus.FAILED) | stuck)
        .defer("return_value")
        .order_by(Coalesce("finished_at", "started_at").desc(), "-enqueued_at")
    )


def is_stuck(db_result) -> bool:
    from django_tasks_db.compat import TaskResultStatus

    return db_result.status == TaskResultStatus.RUNNING


def task_error(db_result) -> str:
    """The error of a failed run in one line: the exception's class and message (the last
    line of the traceback), at most 300 characters; for a stuck run, that it is stuck."""
    if is_stuck(db_result):
        return _("Vastgelopen: de verwerker stopte tijdens de taak.")
    lines = [line for line in db_result.traceback.strip().splitlines() if line.strip()]
    last = lines[-1].strip() if lines else db_result.exception_class_path
    return last[:300]


def task_retry(*, actor, task_id, coalition=None, request=None):
    """An administrator's "Opnieuw proberen": a task that failed for good runs once more, now.
    Raises `DBTaskResult.DoesNotExist` when it is not a failed task (any more)."""
    from django_tasks_db.compat import TaskResultStatus

    from .audit import audit_record
    from .models import AuditEvent

    with transaction.atomic():
        row = failed_tasks().select_for_update().get(pk=task_id)
        row.status = TaskResultStatus.READY
        row.run_after = timezone.now()
        row.finished_at = None
        row.save(update_fields=["status", "run_after", "finished_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=row,
            coalition=coalition,
            summary=f"Taak opnieuw ingepland: {row.task_name} ({row.pk})",
            changes={"attempts": len(row.worker_ids)},
            request=request,
        )
    return row
