"""What the faults page under Beheer ("Taken en e-mails", views_operations.py) and its API
(kansrijk/organisations/api_admin_operations.py) show of a failed task and a failed mail:
a task by its ids, name, times, attempts and one line of error; a mail by its kind, time,
attempts and error, never its address or text."""

from django.utils.translation import gettext_lazy

from .tasks_retry import is_stuck, task_error

MAIL_KINDS = {
    "worklist: reminder": gettext_lazy("Herinnering ketensignalen"),
    "portal: invitation": gettext_lazy("Uitnodiging Mijn gezin"),
    "portal: login code": gettext_lazy("Inlogcode Mijn gezin"),
}


def mail_kind(label: str) -> str:
    for prefix, kind in MAIL_KINDS.items():
        if label.startswith(prefix):
            return str(kind)
    return label


def task_row(row) -> dict:
    """A failed or stuck task (a `DBTaskResult` of `failed_tasks()`) as the page shows it."""
    return {
        "id": row.pk,
        "name": row.task_name,
        "enqueued_at": row.enqueued_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "attempts": len(row.worker_ids),
        "stuck": is_stuck(row),
        "error": task_error(row),
    }


def task_exists(task_id) -> bool:
    """Whether a task with this id is stored at all (failed or not)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk=task_id).exists()
