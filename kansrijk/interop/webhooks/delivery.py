"""Sending a webhook delivery: one POST of the signed JSON payload, and what follows.

- 2xx: delivered.
- anything else (another status, a redirect — never followed —, a timeout, a refused
  connection): the attempt is counted and the next one is due after `BACKOFF[attempts - 1]`;
  after the last attempt the delivery is failed, visible in the delivery log, where a
  coordinator can try it again.

Two workers (the task enqueued on commit and the `deliver_webhooks` safety net) may reach
the same delivery; the claim below (an UPDATE that moves `next_attempt_at` a lease ahead,
only when it is still due) lets exactly one of them send it, without holding a row lock
during the request.
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import DeliveryState, WebhookDelivery
from .signing import signature

TIMEOUT_SECONDS = 5
# The wait after each failed attempt; after the last one (attempt len(BACKOFF) + 1) the
# delivery is failed.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# Longer than the timeout: a claimed delivery is not claimed again while being sent.
LEASE = timedelta(seconds=60)
USER_AGENT = "kansrijk-webhooks/1"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirects)


def loopback_http_allowed() -> bool:
    """http:// to the loopback: for development and tests only (`DEBUG`, or the setting
    `KANSRIJK_WEBHOOKS_ALLOW_LOOPBACK_HTTP` the tests set)."""
    return bool(getattr(settings, "KANSRIJK_WEBHOOKS_ALLOW_LOOPBACK_HTTP", settings.DEBUG))


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def url_allowed(url: str) -> bool:
    scheme = urlsplit(url).scheme
    return scheme == "https" or (scheme == "http" and loopback_http_allowed() and is_loopback(url))


@dataclass(frozen=True)
class Answer:
    status: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, *, secret: str, event: str, event_id: str, payload: dict) -> Answer:
    """One POST; never raises for what the other side does."""
    if not url_allowed(url):
        return Answer(None, "Alleen https:// is toegestaan.")
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = str(int(timezone.now().timestamp()))
    request = urllib.request.Request(  # noqa: S310 (only https:// URLs reach this line (checked above))
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Kansrijk-Event": event,
            "X-Kansrijk-Delivery": event_id,
            "X-Kansrijk-Timestamp": timestamp,
            "X-Kansrijk-Signature": signature(secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Answer(response.status, "")
    except urllib.error.HTTPError as error:
        error.close()
        return Answer(error.code, f"HTTP {error.code}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Answer(None, str(reason)[:300] or type(error).__name__)


def _claim(pk: int, now) -> bool:
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = WebhookDelivery.objects.filter(due, pk=pk, state=DeliveryState.PENDING).update(
        next_attempt_at=now + LEASE
    )
    return claimed == 1


def deliver(pk: int) -> str | None:
    """Try to send delivery `pk` if it is pending and due; returns its state afterwards, or
    None when there was nothing to do."""
    now = timezone.now()
    if not _claim(pk, now):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=pk).first()
    if delivery is None:  # the endpoint was removed meanwhile, with its log
        return None
    endpoint = delivery.endpoint
    if not endpoint.active:
        answer = Answer(None, "De webhook staat uit.")
    else:
        answer = post(
            endpoint.url,
            secret=endpoint.secret,
            event=delivery.event,
            event_id=str(delivery.event_id),
            payload=delivery.payload,
        )
    return record_answer(delivery, answer)


def record_answer(delivery: WebhookDelivery, answer: Answer) -> str:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = answer.status
    delivery.error = answer.error[:300]
    if answer.ok:
        delivery.state = DeliveryState.DELIVERED
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = DeliveryState.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "response_status",
            "error",
            "state",
            "next_attempt_at",
        ]
    )
    if delivery.state == DeliveryState.PENDING:
        schedule_retry(delivery)
    return delivery.state


def schedule_retry(delivery: WebhookDelivery) -> None:
    """Enqueue the next attempt for when it is due, where the task backend can wait; the
    `deliver_webhooks` command picks it up otherwise."""
    from django_tasks import default_task_backend

    from ..tasks import deliver_webhook

    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def due_ids(limit: int = 500) -> list[int]:
    now = timezone.now()
    return list(
        WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def deliver_due(limit: int = 500) -> int:
    """Send every pending delivery that is due (oldest first); returns how many were tried."""
    return sum(deliver(pk) is not None for pk in due_ids(limit))
