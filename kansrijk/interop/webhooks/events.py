"""Turning a handover or referral addressed to an organisation into webhook deliveries.

A delivery is created for every active endpoint of the receiving organisation, in the same
coalition, subscribed to the event; in the transaction of the write that caused it, so the
event exists exactly when the write does. The task that sends it is enqueued on commit.

The payload holds references only (ids, the status and the API address where a professional
with access reads the rest): no names, no BSN, no addresses, no free text. Anything else
would travel to a partner's system outside the access policy and the access log.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import WebhookDelivery, WebhookEndpoint, WebhookEvent


@dataclass(frozen=True)
class Subject:
    """What an event is about, by reference."""

    kind: str  # "handover" or "referral": the payload's key
    pk: int
    status: str
    api_path: str
    coalition_id: int
    organisation_id: int


def handover_subject(handover) -> Subject | None:
    if not handover.to_organisation_id:
        return None
    return Subject(
        kind="handover",
        pk=handover.pk,
        status=handover.status,
        api_path=reverse(
            "api:handover_detail", kwargs={"pk": handover.family_id, "handover_pk": handover.pk}
        ),
        coalition_id=handover.coalition_id,
        organisation_id=handover.to_organisation_id,
    )


def referral_subject(referral) -> Subject | None:
    if not referral.receiving_organisation_id:
        return None
    return Subject(
        kind="referral",
        pk=referral.pk,
        status=referral.status,
        api_path=reverse("api:socialmap_referral", kwargs={"pk": referral.pk}),
        coalition_id=referral.coalition_id,
        organisation_id=referral.receiving_organisation_id,
    )


def build_payload(event: str, subject: Subject, *, event_id: uuid.UUID, occurred_at) -> dict:
    return {
        "id": str(event_id),
        "event": str(event),
        "occurred_at": occurred_at.isoformat(),
        "coalition": subject.coalition_id,
        "organisation": subject.organisation_id,
        subject.kind: {
            "id": subject.pk,
            "status": subject.status,
            "url": settings.SITE_URL.rstrip("/") + subject.api_path,
        },
    }


def subscribed_endpoints(event: str, subject: Subject) -> list[WebhookEndpoint]:
    # The events are a JSON list; `__contains` on JSON does not work on SQLite, and an
    # organisation has a handful of endpoints, so the choice by event is made here.
    endpoints = WebhookEndpoint.objects.filter(
        coalition_id=subject.coalition_id, organisation_id=subject.organisation_id, active=True
    ).only("pk", "events")
    return [endpoint for endpoint in endpoints if event in endpoint.events]


def event_record(event: str, subject: Subject | None) -> list[WebhookDelivery]:
    """Create the deliveries of `event` about `subject` (one event id shared by all) and
    enqueue their sending when the surrounding transaction commits."""
    if subject is None:
        return []
    endpoints = subscribed_endpoints(event, subject)
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    now = timezone.now()
    payload = build_payload(event, subject, event_id=event_id, occurred_at=now)
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, event_id=event_id, payload=payload, next_attempt_at=now
        )
        for endpoint in endpoints
    ]
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: enqueue_deliveries(ids), robust=True)
    return deliveries


def enqueue_deliveries(ids: list[int]) -> None:
    from ..tasks import deliver_webhook

    for pk in ids:
        deliver_webhook.enqueue(pk)


EVENT_OF_CREATION = {
    "handover": WebhookEvent.HANDOVER_PROPOSED,
    "referral": WebhookEvent.REFERRAL_SENT,
}
EVENT_OF_CHANGE = {
    "handover": WebhookEvent.HANDOVER_CHANGED,
    "referral": WebhookEvent.REFERRAL_CHANGED,
}
