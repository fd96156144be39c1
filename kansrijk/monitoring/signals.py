"""Keeping the figures honest: a write to the data the indicators read marks the
coalition's kept figures stale (one UPDATE; snapshots.py), and the background task
recomputes them after the commit. Nothing is recomputed while the write happens.

The models are those the indicators read (families, signaling, care, mdo, socialmap). An MDO
decision and an MDO meeting have no coalition of their own: the agenda items name the
coalitions (of the decision's item; of every family on the meeting's agenda, also from
other coalitions in a regional MDO), as a subquery in the same UPDATE. Rows loaded from
fixtures (`raw`) are skipped.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from . import snapshots

# (app label, model) whose rows carry `coalition_id` themselves.
WATCHED = (
    ("families", "Family"),
    ("families", "Consent"),
    ("families", "Pregnancy"),
    ("families", "CareTeamMember"),
    ("signaling", "Assessment"),
    ("signaling", "RouteDecision"),
    ("care", "CaseDirector"),
    ("care", "Handover"),
    ("care", "Task"),
    ("socialmap", "Referral"),
    ("mdo", "AgendaItem"),
)


def data_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.coalition_id is None:
        return
    snapshots.mark_coalition_stale(instance.coalition_id)


def _items():
    return apps.get_model("mdo", "AgendaItem").objects


def decision_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.item_id is None:
        return
    coalitions = _items().filter(pk=instance.item_id).values_list("coalition_id", flat=True)
    snapshots.mark_stale_where(coalitions)


def meeting_changed(sender, instance, raw=False, **kwargs) -> None:
    """A meeting held, moved or cancelled changes whether its families were discussed."""
    if raw or instance.pk is None:
        return
    coalitions = _items().filter(meeting_id=instance.pk).values_list("coalition_id", flat=True)
    snapshots.mark_stale_where(coalitions.distinct())


HANDLERS = (
    *((app_label, model_name, data_changed) for app_label, model_name in WATCHED),
    ("mdo", "Decision", decision_changed),
    ("mdo", "MdoMeeting", meeting_changed),
)


def connect() -> None:
    for app_label, model_name, handler in HANDLERS:
        model = apps.get_model(app_label, model_name)
        uid = f"monitoring-stale-{app_label}-{model_name}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete")
