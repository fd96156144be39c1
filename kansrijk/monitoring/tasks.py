"""Background tasks of monitoring (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task

from kansrijk.core.tasks_retry import retried


@retried
@task()
def recompute_stale(coalition_id: int) -> int:
    """Recompute the coalition's stale figures (`snapshots.recompute_stale_snapshots`).

    Enqueued after a write to the data the indicators read marked snapshots stale
    (signals.py), or when a reader found an outdated snapshot; never run during a request.
    """
    from .snapshots import recompute_stale_snapshots

    return recompute_stale_snapshots(coalition_id)


@retried
@task()
def recompute_all_stale() -> int:
    """Recompute the stale figures of every coalition, and compute the ones the default
    dashboard needs that are not kept yet (a new month or quarter began): the safety net for
    a recomputation that was lost (a write marks only figures that are not stale yet, so it
    would not enqueue again). Meant to be enqueued now and then by a scheduled command;
    returns how many snapshots were computed."""
    return recompute_everything()


def recompute_everything(coalition_ids=None) -> int:
    """What `recompute_all_stale` does, here and now (also for `recompute_indicators --now`)."""
    from kansrijk.organisations.models import Coalition

    from .models import IndicatorSnapshot
    from .selectors_dashboard import warm
    from .snapshots import recompute_stale_snapshots

    stale = IndicatorSnapshot.objects.filter(stale=True)
    coalitions = Coalition.objects.all()
    if coalition_ids is not None:
        stale = stale.filter(coalition_id__in=coalition_ids)
        coalitions = coalitions.filter(pk__in=coalition_ids)
    done = sum(
        recompute_stale_snapshots(coalition_id)
        for coalition_id in list(stale.values_list("coalition_id", flat=True).order_by().distinct())
    )
    return done + sum(warm(pk) for pk in coalitions.order_by("pk").values_list("pk", flat=True))
