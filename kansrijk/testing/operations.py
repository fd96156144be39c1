"""Failed tasks and mails for the tests of the faults page under Beheer and its API."""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kansrijk.core.models import OutgoingMail


def failed_task(name: str = "recompute_stale", attempts: int = 5) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path=f"kansrijk.monitoring.tasks.{name}",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        worker_ids=[f"worker-{n}" for n in range(attempts)],
        exception_class_path="django.db.utils.OperationalError",
        traceback="Traceback (most recent call last):\n  ...\n"
        "django.db.utils.OperationalError: server closed the connection unexpectedly\n",
    )


def failed_mail(coalition, label: str = "worklist: reminder") -> OutgoingMail:
    return OutgoingMail.objects.create(
        label=label,
        to=["verpleegkundige@example.org"],
        subject="kansrijk: 1 nieuw ketensignaal",
        body="Beste Ilse,",
        coalition=coalition,
        attempts=10,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        next_attempt_at=None,
    )
