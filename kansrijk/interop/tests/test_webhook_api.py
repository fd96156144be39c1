"""The webhooks API: a coordinator registers, reads, changes and removes the coalition's
webhooks, makes a new secret and reads the delivery log; the secret is in the answer of the
create and of a new secret only; the pages' checks, version check and audit trail apply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.interop.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory
from kansrijk.testing.interop_webhooks import jgz_of, make_delivery, make_endpoint

pytestmark = pytest.mark.django_db
LIST = "/api/v1/interop/webhooks/"  # reverse() at import time would load DRF too early


def detail(pk: int) -> str:
    return reverse("api:webhook_endpoint_detail", args=[pk])


def deliveries(pk: int) -> str:
    return reverse("api:webhook_delivery_list", args=[pk])


def _new(cast, **overrides) -> dict:
    return {
        "organisation": jgz_of(cast).pk,
        "url": "https://jgz.example.nl/kansrijk",
        "events": ["handover.proposed", "referral.sent"],
        "description": "Dossiersysteem JGZ",
        **overrides,
    }


def _post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def test_a_coordinator_registers_a_webhook_and_sees_the_secret_once(cast):
    client = logged_in_client(cast.coordinator)
    response = _post(client, LIST, _new(cast))
    assert response.status_code == 201
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["secret"] == endpoint.secret
    assert body["coalition"] == cast.coalition.pk
    assert body["organisation_name"] == jgz_of(cast).name
    assert body["events"] == ["handover.proposed", "referral.sent"]
    assert body["active"] is True
    assert body["version"] == 1
    # Never afterwards: not in the detail, not in the list.
    assert "secret" not in client.get(detail(endpoint.pk)).json()
    listed = client.get(LIST).json()
    assert listed["count"] == 1
    assert "secret" not in listed["results"][0]
    event = AuditEvent.objects.get(object_type="interop.WebhookEndpoint", action="create")
    assert event.actor == cast.coordinator
    assert endpoint.secret not in str(event.changes)


def test_the_pages_checks_give_dutch_messages_per_field(cast):
    client = logged_in_client(cast.coordinator)
    foreign = OrganisationFactory(name="Elders", coalitions=[cast.other_coalition])
    response = _post(
        client,
        LIST,
        _new(cast, organisation=foreign.pk, url="http://jgz.example.nl/kansrijk", events=[]),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["organisation"] == ["Kies een organisatie van de coalitie."]
    assert errors["events"] == ["Kies minstens één gebeurtenis."]
    assert "https://" in errors["url"][0]
    assert not WebhookEndpoint.objects.exists()


def test_only_coordinators_manage_webhooks(cast, client):
    endpoint = make_endpoint(cast)
    for actor in (cast.case_director, cast.analyst, cast.administrator):
        refused = logged_in_client(actor)
        assert refused.get(LIST).status_code == 403
        assert refused.get(detail(endpoint.pk)).status_code == 403
        assert _post(refused, LIST, _new(cast)).status_code == 403
        assert refused.delete(detail(endpoint.pk)).status_code == 403
    assert client.get(LIST).status_code == 401
    assert WebhookEndpoint.objects.count() == 1


def test_another_coalitions_webhook_is_not_found(cast):
    theirs = make_endpoint(
        cast,
        coalition=cast.other_coalition,
        organisation=OrganisationFactory(coalitions=[cast.other_coalition]),
    )
    MembershipFactory(
        professional=cast.other_coalition_professional,
        coalition=cast.other_coalition,
        is_coordinator=True,
    )
    make_endpoint(cast)
    client = logged_in_client(cast.coordinator)
    assert [row["id"] for row in client.get(LIST).json()["results"]] != [theirs.pk]
    assert client.get(detail(theirs.pk)).status_code == 404
    assert client.get(deliveries(theirs.pk)).status_code == 404
    assert client.delete(detail(theirs.pk)).status_code == 404
    assert WebhookEndpoint.objects.filter(pk=theirs.pk).exists()


def test_a_change_needs_the_version_and_a_stale_one_answers_409(cast):
    endpoint = make_endpoint(cast)
    client = logged_in_client(cast.coordinator)
    response = client.patch(detail(endpoint.pk), {"active": False}, "application/json")
    assert response.status_code == 400
    assert "version" in response.json()["errors"]
    response = client.patch(
        detail(endpoint.pk), {"active": False, "version": 1}, "application/json"
    )
    assert response.status_code == 200
    assert (response.json()["active"], response.json()["version"]) == (False, 2)
    assert "secret" not in response.json()
    stale = client.put(detail(endpoint.pk), {**_new(cast), "version": 1}, "application/json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["type"].endswith("/versieconflict")
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    endpoint.refresh_from_db()
    assert endpoint.url == "https://zorgsysteem.example.nl/kansrijk"
    assert AuditEvent.objects.filter(
        object_type="interop.WebhookEndpoint", action="update"
    ).exists()


def test_a_new_secret_is_shown_once_and_the_old_one_stops(cast):
    endpoint = make_endpoint(cast)
    old = endpoint.secret
    client = logged_in_client(cast.coordinator)
    response = _post(client, reverse("api:webhook_endpoint_secret", args=[endpoint.pk]), {})
    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert response.json()["secret"] == endpoint.secret != old
    assert "secret" not in client.get(detail(endpoint.pk)).json()


def test_removing_a_webhook_removes_its_log_and_is_audited(cast):
    endpoint = make_endpoint(cast)
    make_delivery(endpoint)
    response = logged_in_client(cast.coordinator).delete(detail(endpoint.pk))
    assert response.status_code == 204
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="interop.WebhookEndpoint", action="delete"
    ).exists()


def test_the_delivery_log_newest_first_filtered_and_a_retry(cast):
    endpoint = make_endpoint(cast)
    make_delivery(endpoint, state=DeliveryState.DELIVERED)
    failed = make_delivery(endpoint, state=DeliveryState.FAILED, attempts=6)
    client = logged_in_client(cast.coordinator)
    body = client.get(deliveries(endpoint.pk)).json()
    assert [row["state"] for row in body["results"]] == ["failed", "delivered"]
    assert "payload" not in body["results"][0]
    only_failed = client.get(deliveries(endpoint.pk), {"state": "failed"}).json()
    assert [row["id"] for row in only_failed["results"]] == [failed.pk]
    assert client.get(deliveries(endpoint.pk), {"state": "kwijt"}).status_code == 400
    retry = reverse("api:webhook_delivery_retry", args=[endpoint.pk, failed.pk])
    response = _post(client, retry, {})
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["attempts"]) == ("pending", 0)
    again = _post(client, retry, {})
    assert again.status_code == 400
    assert again.json()["detail"] == "Alleen een mislukt bericht kun je opnieuw proberen."


def test_a_create_with_an_idempotency_key_registers_one_webhook(cast):
    client = logged_in_client(cast.coordinator)
    first = _post(client, LIST, _new(cast), **{"Idempotency-Key": "webhook-jgz-1"})
    second = _post(client, LIST, _new(cast), **{"Idempotency-Key": "webhook-jgz-1"})
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert WebhookEndpoint.objects.count() == 1


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_lists_cost_the_same_with_few_and_many_rows(cast):
    client = logged_in_client(cast.coordinator)
    endpoint = make_endpoint(cast)
    make_delivery(endpoint)
    few = (_queries(client, LIST), _queries(client, deliveries(endpoint.pk)))
    for number in range(12):
        organisation = OrganisationFactory(name=f"Partner {number}", coalitions=[cast.coalition])
        other = make_endpoint(cast, organisation=organisation, url=f"https://p{number}.nl/h")
        make_delivery(other, state=DeliveryState.FAILED)
        make_delivery(endpoint, state=DeliveryState.FAILED)
    many = (_queries(client, LIST), _queries(client, deliveries(endpoint.pk)))
    assert many == few
