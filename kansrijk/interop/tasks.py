"""Background tasks of interop (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task

from kansrijk.core.tasks_retry import retried


@retried
@task()
def deliver_webhook(delivery_id: int) -> str | None:
    """Send one webhook delivery if it is pending and due (`webhooks.delivery.deliver`).

    Enqueued when the write that caused the event commits, and again for each retry; never
    run during a request."""
    from .webhooks.delivery import deliver

    return deliver(delivery_id)


@retried
@task()
def deliver_due_webhooks() -> int:
    """Send every pending delivery that is due: the safety net for a lost task (enqueued by
    `manage.py deliver_webhooks` from cron); returns how many were tried."""
    from .webhooks.delivery import deliver_due

    return deliver_due()
