"""Webhook test data: endpoints and deliveries of the cast's coalition, and a receiver — a
small web server on 127.0.0.1 in a thread that checks each message's signature and answers
with the statuses a test asks for.

Import the fixtures into a test module:

    from kansrijk.testing.interop_webhooks import receiver_fixture  # noqa: F401
"""

import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from kansrijk.interop.models import (
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from kansrijk.interop.webhooks.signing import verify
from kansrijk.organisations.models import Organisation

ALL_EVENTS = list(WebhookEvent.values)
SUMMARY = "Moeder (19) is alleen, weinig netwerk. Graag een prenataal huisbezoek."


def jgz_of(cast) -> Organisation:
    """The cast's JGZ (the care-team member works there): receives the test handovers."""
    return cast.care_team_member.memberships.get().organisation


def propose_handover(cast, family, organisation: Organisation | None = None):
    """A handover of `family` from the case director to the JGZ (or `organisation`)."""
    from kansrijk.care import services_handovers

    return services_handovers.handover_propose(
        actor=cast.case_director,
        family_pk=family.pk,
        summary=SUMMARY,
        to_organisation=organisation or jgz_of(cast),
        due_date=timezone.localdate() + timedelta(days=7),
    )


def make_endpoint(
    cast,
    *,
    organisation: Organisation | None = None,
    url: str = "https://zorgsysteem.example.nl/kansrijk",
    events: list[str] | None = None,
    active: bool = True,
    coalition=None,
) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        coalition=coalition or cast.coalition,
        organisation=organisation or jgz_of(cast),
        url=url,
        events=ALL_EVENTS if events is None else events,
        active=active,
        description="Testkoppeling",
    )


def make_delivery(
    endpoint: WebhookEndpoint,
    *,
    state: str = DeliveryState.PENDING,
    attempts: int = 0,
    event: str = WebhookEvent.HANDOVER_PROPOSED,
) -> WebhookDelivery:
    event_id = uuid.uuid4()
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=event,
        event_id=event_id,
        payload={"id": str(event_id), "event": event, "handover": {"id": 1, "status": "proposed"}},
        state=state,
        attempts=attempts,
        next_attempt_at=timezone.now() if state == DeliveryState.PENDING else None,
        response_status=500 if state == DeliveryState.FAILED else None,
        error="HTTP 500" if state == DeliveryState.FAILED else "",
    )


def form_data(chosen, **overrides) -> dict:
    data = {
        "organisation": str(chosen.pk),
        "url": "https://zorgsysteem.example.nl/kansrijk",
        "events": ALL_EVENTS,
        "description": "Koppeling met het JGZ-dossier",
        "active": "on",
        "version": "0",
    }
    data.update(overrides)
    return data


# --- A receiver on the loopback ----------------------------------------------------------------


@dataclass
class Received:
    headers: dict
    body: bytes
    signature_ok: bool

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers POSTs with `statuses` in turn (the last one repeats) and keeps what came."""

    secret: str = ""
    statuses: list[int] = field(default_factory=lambda: [200])
    received: list[Received] = field(default_factory=list)

    def __post_init__(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                ok = verify(
                    receiver.secret,
                    self.headers.get("X-Kansrijk-Timestamp", ""),
                    body,
                    self.headers.get("X-Kansrijk-Signature", ""),
                )
                receiver.received.append(Received(dict(self.headers), body, ok))
                index = min(len(receiver.received), len(receiver.statuses)) - 1
                status = receiver.statuses[index] if ok else 401
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elders")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/kansrijk") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(name="loopback_allowed")
def loopback_allowed_fixture(settings):
    """http:// to 127.0.0.1 is allowed for the test (it never is in production)."""
    settings.KANSRIJK_WEBHOOKS_ALLOW_LOOPBACK_HTTP = True


@pytest.fixture(name="receiver")
def receiver_fixture(loopback_allowed):
    server = Receiver()
    yield server
    server.close()
