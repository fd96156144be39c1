"""Handovers and referrals addressed to an organisation become webhook deliveries for the
organisation's active, subscribed endpoints in the coalition, in the transaction of the
write, with a payload of references only."""

import json
from datetime import timedelta

import pytest
from django.db import transaction

from kansrijk.care import services_handovers
from kansrijk.interop.models import DeliveryState, WebhookDelivery, WebhookEvent
from kansrijk.testing.factories import OrganisationFactory
from kansrijk.testing.interop_webhooks import SUMMARY, jgz_of, make_endpoint, propose_handover
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    move_referral,
    send_referral,
)

pytestmark = pytest.mark.django_db
propose = propose_handover


def test_a_proposed_handover_creates_a_delivery_for_the_receiving_organisation(
    cast, cast_family, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(cast)
    with django_capture_on_commit_callbacks() as callbacks:
        handover = propose(cast, cast_family)
    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == endpoint
    assert delivery.event == WebhookEvent.HANDOVER_PROPOSED
    assert delivery.state == DeliveryState.PENDING
    assert delivery.attempts == 0
    assert delivery.next_attempt_at is not None
    assert delivery.payload == {
        "id": str(delivery.event_id),
        "event": "handover.proposed",
        "occurred_at": delivery.payload["occurred_at"],
        "coalition": cast.coalition.pk,
        "organisation": endpoint.organisation_id,
        "handover": {
            "id": handover.pk,
            "status": "proposed",
            "url": f"http://127.0.0.1:8000/api/v1/families/{cast_family.pk}/handovers/{handover.pk}/",
        },
    }
    # The sending is enqueued when the write commits (among the care services' own hooks).
    assert callbacks


def test_the_payload_holds_references_and_no_personal_data(cast, cast_family):
    make_endpoint(cast)
    person = family_member(cast_family, first_name="Fatima")
    propose(cast, cast_family)
    side = make_receiving_side(cast)
    make_endpoint(cast, organisation=side.organisation, url="https://buurtteam.example.nl/hook")
    send_referral(cast, cast_family, side.service, person=person)
    assert WebhookDelivery.objects.count() == 2
    for delivery in WebhookDelivery.objects.all():
        text = json.dumps(delivery.payload)
        for personal in (
            "Fatima",
            person.last_name,
            SUMMARY,
            "Schulden",
            "betalingsachterstand",
            cast_family.reference,
            cast_family.postcode,
            "1234 AB",
            str(person.date_of_birth),
            cast.case_director.first_name,
        ):
            assert personal not in text, (personal, text)
        subject = delivery.payload.get("handover") or delivery.payload["referral"]
        assert set(subject) == {"id", "status", "url"}
        assert set(delivery.payload) == {
            "id",
            "event",
            "occurred_at",
            "coalition",
            "organisation",
            "handover" if "handover" in delivery.payload else "referral",
        }


def test_an_organisation_without_endpoints_gets_nothing(cast, cast_family):
    kraamzorg = OrganisationFactory(name="Kraamzorg Eerstedorp", coalitions=[cast.coalition])
    make_endpoint(cast, organisation=kraamzorg)
    propose(cast, cast_family)  # to the JGZ
    assert not WebhookDelivery.objects.exists()


def test_an_inactive_endpoint_gets_nothing(cast, cast_family):
    make_endpoint(cast, active=False)
    propose(cast, cast_family)
    assert not WebhookDelivery.objects.exists()


def test_an_endpoint_gets_only_the_events_it_subscribed_to(cast, cast_family):
    make_endpoint(cast, events=[WebhookEvent.REFERRAL_SENT])
    propose(cast, cast_family)
    assert not WebhookDelivery.objects.exists()


def test_an_endpoint_of_another_coalition_for_the_same_organisation_gets_nothing(cast, cast_family):
    jgz = jgz_of(cast)
    jgz.coalitions.add(cast.other_coalition)
    make_endpoint(cast, coalition=cast.other_coalition)
    propose(cast, cast_family)
    assert not WebhookDelivery.objects.exists()


def test_every_subscribed_endpoint_gets_the_same_event(cast, cast_family):
    make_endpoint(cast)
    make_endpoint(cast, url="https://tweede.example.nl/hook")
    propose(cast, cast_family)
    deliveries = list(WebhookDelivery.objects.all())
    assert len(deliveries) == 2
    assert deliveries[0].event_id == deliveries[1].event_id


def test_a_write_that_rolls_back_leaves_no_delivery(cast, cast_family):
    make_endpoint(cast)

    def propose_then_fail():
        with transaction.atomic():
            propose(cast, cast_family)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        propose_then_fail()
    assert not WebhookDelivery.objects.exists()


def test_a_status_change_of_a_handover_is_an_event(cast, cast_family):
    make_endpoint(cast)
    handover = propose(cast, cast_family)
    services_handovers.handover_cancel(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        handover_pk=handover.pk,
        reason="Gezin verhuisd.",
    )
    changed = WebhookDelivery.objects.get(event=WebhookEvent.HANDOVER_CHANGED)
    assert changed.payload["handover"] == {
        "id": handover.pk,
        "status": "cancelled",
        "url": changed.payload["handover"]["url"],
    }
    assert "verhuisd" not in json.dumps(changed.payload)


def test_a_save_that_does_not_change_the_status_is_no_event(cast, cast_family):
    make_endpoint(cast)
    handover = propose(cast, cast_family)
    handover.due_date = handover.due_date + timedelta(days=1)
    handover.save()
    handover.save(update_fields=["due_date"])
    assert WebhookDelivery.objects.count() == 1


def test_a_referral_sent_and_answered_notifies_the_receiving_organisation(cast, cast_family):
    side = make_receiving_side(cast)
    endpoint = make_endpoint(
        cast, organisation=side.organisation, url="https://buurtteam.example.nl/hook"
    )
    referral = send_referral(cast, cast_family, side.service)
    referral = move_referral(referral, "receive", receiver=side.receiver, sender=cast.case_director)
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [d.event for d in deliveries] == ["referral.sent", "referral.changed"]
    assert all(d.endpoint == endpoint for d in deliveries)
    assert deliveries[0].payload["referral"] == {
        "id": referral.pk,
        "status": "sent",
        "url": f"http://127.0.0.1:8000/api/v1/referrals/{referral.pk}/",
    }
    assert deliveries[1].payload["referral"]["status"] == "received"
    assert deliveries[0].event_id != deliveries[1].event_id
