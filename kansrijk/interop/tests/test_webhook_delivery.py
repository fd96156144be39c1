"""Sending a delivery: a real POST to a receiver on 127.0.0.1 that checks the signature;
2xx delivers, anything else is tried again with backoff until the last attempt fails it."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from kansrijk.interop.models import DeliveryState
from kansrijk.interop.webhooks import delivery as sending
from kansrijk.interop.webhooks.signing import signature, verify
from kansrijk.testing.interop_webhooks import (  # noqa: F401
    loopback_allowed_fixture,
    make_delivery,
    make_endpoint,
    propose_handover,
    receiver_fixture,
)

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 3, 9, 0, tzinfo=UTC)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def endpoint_for(cast, receiver):
    endpoint = make_endpoint(cast, url=receiver.url())
    receiver.secret = endpoint.secret
    return endpoint


def test_a_delivery_is_posted_signed_with_the_endpoints_secret(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    delivery = make_delivery(endpoint)
    assert sending.deliver(delivery.pk) == DeliveryState.DELIVERED
    [message] = receiver.received
    assert message.signature_ok
    headers = {name.lower(): value for name, value in message.headers.items()}
    assert headers["content-type"] == "application/json"
    assert headers["x-kansrijk-event"] == "handover.proposed"
    assert headers["x-kansrijk-delivery"] == str(delivery.event_id)
    assert headers["x-kansrijk-timestamp"] == str(int(START.timestamp()))
    assert headers["x-kansrijk-signature"].startswith("sha256=")
    assert message.payload == delivery.payload
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)
    assert delivery.last_attempt_at == START
    assert delivery.next_attempt_at is None


def test_a_wrong_secret_does_not_verify(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    receiver.secret = "een ander geheim"
    delivery = make_delivery(endpoint)
    assert sending.deliver(delivery.pk) == DeliveryState.PENDING
    assert not receiver.received[0].signature_ok
    delivery.refresh_from_db()
    assert delivery.response_status == 401


def test_the_signature_covers_timestamp_and_body():
    body = json.dumps({"id": "x"}).encode()
    header = signature("geheim", "1700000000", body)
    assert verify("geheim", "1700000000", body, header)
    assert not verify("geheim", "1700000001", body, header)
    assert not verify("geheim", "1700000000", body + b" ", header)


def test_an_error_is_tried_again_with_backoff_until_it_is_delivered(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    receiver.statuses = [500, 503, 200]
    delivery = make_delivery(endpoint)

    assert sending.deliver(delivery.pk) == DeliveryState.PENDING
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status, delivery.error) == (1, 500, "HTTP 500")
    assert delivery.next_attempt_at == START + timedelta(minutes=1)
    # Not due yet: nothing is sent.
    assert sending.deliver(delivery.pk) is None
    assert sending.deliver_due() == 0

    clock.move_to(START + timedelta(minutes=1))
    assert sending.deliver_due() == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status) == (2, 503)
    assert delivery.next_attempt_at == START + timedelta(minutes=6)

    clock.move_to(START + timedelta(minutes=6))
    assert sending.deliver(delivery.pk) == DeliveryState.DELIVERED
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("delivered", 3, 200)
    assert delivery.error == ""
    assert len(receiver.received) == 3
    # The same event id every time, so the receiver can drop duplicates.
    ids = {m.headers["X-Kansrijk-Delivery"] for m in receiver.received}
    assert ids == {str(delivery.event_id)}


def test_after_the_last_attempt_the_delivery_has_failed(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    receiver.statuses = [500]
    delivery = make_delivery(endpoint)
    now = START
    for attempt, wait in enumerate(sending.BACKOFF, start=1):
        assert sending.deliver(delivery.pk) == DeliveryState.PENDING
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        assert delivery.next_attempt_at == now + wait
        now += wait
        clock.move_to(now)
    assert sending.deliver(delivery.pk) == DeliveryState.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == sending.MAX_ATTEMPTS == 6
    assert delivery.next_attempt_at is None
    assert delivery.error == "HTTP 500"
    # Failed is final until a coordinator tries again.
    clock.move_to(now + timedelta(days=1))
    assert sending.deliver_due() == 0
    assert len(receiver.received) == 6


def test_a_redirect_is_not_followed(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    receiver.statuses = [302]
    delivery = make_delivery(endpoint)
    assert sending.deliver(delivery.pk) == DeliveryState.PENDING
    assert len(receiver.received) == 1
    delivery.refresh_from_db()
    assert delivery.response_status == 302


def test_a_refused_connection_is_an_attempt_with_the_error(cast, loopback_allowed, clock):
    endpoint = make_endpoint(cast, url="http://127.0.0.1:9/kansrijk")
    delivery = make_delivery(endpoint)
    assert sending.deliver(delivery.pk) == DeliveryState.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.response_status is None
    assert delivery.error


def test_plain_http_is_never_sent_outside_tests_and_development(cast, receiver, settings, clock):
    endpoint = endpoint_for(cast, receiver)
    settings.KANSRIJK_WEBHOOKS_ALLOW_LOOPBACK_HTTP = False
    delivery = make_delivery(endpoint)
    assert sending.deliver(delivery.pk) == DeliveryState.PENDING
    assert receiver.received == []
    delivery.refresh_from_db()
    assert delivery.error == "Alleen https:// is toegestaan."


def test_an_endpoint_switched_off_meanwhile_is_not_sent_to(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    delivery = make_delivery(endpoint)
    endpoint.active = False
    endpoint.save()
    sending.deliver(delivery.pk)
    assert receiver.received == []


def test_a_delivered_delivery_is_not_sent_again(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    delivery = make_delivery(endpoint, state=DeliveryState.DELIVERED)
    assert sending.deliver(delivery.pk) is None
    assert receiver.received == []


def test_the_task_sends_on_commit_of_the_event(
    cast, cast_family, receiver, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    endpoint_for(cast, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        handover = propose_handover(cast, cast_family)
    [message] = receiver.received
    assert message.signature_ok
    assert message.payload["handover"]["id"] == handover.pk


def test_the_command_sends_what_is_due(cast, receiver, settings, clock):
    settings.TASKS = IMMEDIATE
    endpoint = endpoint_for(cast, receiver)
    due = make_delivery(endpoint)
    later = make_delivery(endpoint)
    later.next_attempt_at = START + timedelta(hours=1)
    later.save()
    call_command("deliver_webhooks")
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.state == DeliveryState.DELIVERED
    assert later.state == DeliveryState.PENDING
    assert len(receiver.received) == 1


def test_the_command_enqueues_for_the_worker(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    call_command("deliver_webhooks")
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_due_webhooks").count() == 1


def test_the_command_sends_them_itself_with_nu(cast, receiver, clock):
    endpoint = endpoint_for(cast, receiver)
    due = make_delivery(endpoint)
    call_command("deliver_webhooks", "--nu")
    due.refresh_from_db()
    assert due.state == DeliveryState.DELIVERED
    assert receiver.received[0].signature_ok
