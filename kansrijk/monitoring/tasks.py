"""Background tasks of monitoring (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def recompute_stale(coalition_id: int) -> int:
    """Recompute the coalition's stale figures (`snapshots.recompute_stale_snapshots`).

    Enqueued after a write to the data the indicators read marked snapshots stale
    (signals.py), or when a reader found an outdated snapshot; never run during a request.
    """
    from .snapshots import recompute_stale_snapshots

    return recompute_stale_snapshots(coalition_id)


@task()
def recompute_all_stale() -> int:
    """Recompute the stale figures of every coalition: the safety net for a recomputation
    that was lost (a write marks only figures that are not stale yet, so it would not enqueue
    again). Meant to be enqueued now and then by a scheduled command; returns how many."""
    from .models import IndicatorSnapshot
    from .snapshots import recompute_stale_snapshots

    coalitions = (
        IndicatorSnapshot.objects.filter(stale=True)
        .values_list("coalition_id", flat=True)
        .order_by()
        .distinct()
    )
    return sum(recompute_stale_snapshots(coalition_id) for coalition_id in list(coalitions))
