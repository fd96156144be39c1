"""The signals that record webhook events (connected in register_webhooks.py).

- a new handover to an organisation: "handover.proposed"; a change of its status:
  "handover.changed";
- a new referral: "referral.sent" to the receiving organisation; a change of its status:
  "referral.changed".

The care and social-map services save a status change with `update_fields` naming "status"
(see services_handovers.py, services_referrals.py); a save without `update_fields` compares
with the stored status (one query, only then), so a save that changes nothing else is not an
event. Receivers run inside the service's transaction: the deliveries commit or roll back
with the write.
"""

from .events import (
    EVENT_OF_CHANGE,
    EVENT_OF_CREATION,
    event_record,
    handover_subject,
    referral_subject,
)

_PREVIOUS = "_webhook_previous_status"


def remember_status(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save: for a full save of an existing row, the status it had before."""
    if raw or instance.pk is None or update_fields is not None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    setattr(instance, _PREVIOUS, previous)


def _status_changed(instance, created: bool, update_fields) -> bool:
    if created:
        return False
    if update_fields is not None:
        return "status" in update_fields
    previous = getattr(instance, _PREVIOUS, None)
    return previous is not None and previous != instance.status


def _on_save(kind: str, subject_of):
    def receiver(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
        if raw:
            return
        if created:
            event_record(EVENT_OF_CREATION[kind], subject_of(instance))
        elif _status_changed(instance, created, update_fields):
            event_record(EVENT_OF_CHANGE[kind], subject_of(instance))

    return receiver


handover_saved = _on_save("handover", handover_subject)
referral_saved = _on_save("referral", referral_subject)


def connect() -> None:
    from django.db.models.signals import post_save, pre_save

    from kansrijk.care.models import Handover
    from kansrijk.socialmap.models import Referral

    for model, receiver in ((Handover, handover_saved), (Referral, referral_saved)):
        pre_save.connect(
            remember_status, sender=model, dispatch_uid=f"interop-{model.__name__}-pre"
        )
        post_save.connect(receiver, sender=model, dispatch_uid=f"interop-{model.__name__}-post")
