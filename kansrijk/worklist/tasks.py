"""Background tasks of the work queue (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task

from kansrijk.core.tasks_retry import retried


@retried
@task()
def send_signal_reminders() -> dict:
    """Send the daily reminders of new chain signals (`reminders.signal_reminders_send`).

    Enqueued once a day by `manage.py send_reminders` (cron); never run during a request.
    """
    from .reminders import signal_reminders_send

    return signal_reminders_send().as_dict()
