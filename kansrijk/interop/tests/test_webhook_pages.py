"""The webhook pages of a coordinator: the list, adding (the secret shown once), changing
with the version check, removing after a confirmation, a new secret, and the delivery log
with "opnieuw proberen"; each write leaves an audit event; errors in Dutch by the field."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.interop.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import OrganisationFactory
from kansrijk.testing.interop_webhooks import (
    form_data,
    jgz_of,
    make_delivery,
    make_endpoint,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return logged_in_client(cast.coordinator)


def audit_of(endpoint_or_delivery, action):
    return AuditEvent.objects.filter(
        object_type=endpoint_or_delivery._meta.label,
        object_id=str(endpoint_or_delivery.pk),
        action=action,
    )


def test_the_empty_list_says_so_and_offers_to_add_one(cast, coordinator):
    response = coordinator.get(reverse("interop:webhook_list"))
    assert response.status_code == 200
    assert b'data-testid="webhook-empty"' in response.content
    assert reverse("interop:webhook_create").encode() in response.content


def test_the_list_shows_the_coalitions_endpoints_with_their_last_delivery(cast, coordinator):
    endpoint = make_endpoint(cast)
    make_delivery(endpoint, state=DeliveryState.DELIVERED)
    make_delivery(endpoint, state=DeliveryState.FAILED)
    make_endpoint(cast, coalition=cast.other_coalition, url="https://ander.example.nl/x")
    response = coordinator.get(reverse("interop:webhook_list"))
    text = response.content.decode()
    assert text.count('data-testid="webhook-row"') == 1
    assert "https://zorgsysteem.example.nl/kansrijk" in text
    assert "JGZ Eerstedorp" in text
    assert "Overdracht voorgesteld" in text
    assert "Mislukt" in text  # the newest delivery's state
    assert "ander.example.nl" not in text
    assert endpoint.secret not in text


def test_the_menu_offers_the_page_to_coordinators_only(cast, coordinator):
    manage = coordinator.get(reverse("interop:webhook_list")).context["manage_pages"]()
    assert any(page["url"] == reverse("interop:webhook_list") for page in manage)
    other = logged_in_client(cast.administrator).get("/")
    assert reverse("interop:webhook_list") not in [
        page["url"] for page in other.context["manage_pages"]()
    ]


def test_adding_an_endpoint_shows_its_secret_once(cast, coordinator):
    organisation = jgz_of(cast)
    response = coordinator.post(reverse("interop:webhook_create"), form_data(organisation))
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.coalition == cast.coalition
    assert endpoint.organisation == organisation
    assert endpoint.created_by == cast.coordinator
    assert endpoint.events == [
        "handover.proposed",
        "handover.changed",
        "referral.sent",
        "referral.changed",
    ]
    assert len(endpoint.secret) >= 32
    audit = audit_of(endpoint, AuditEvent.Action.CREATE).get()
    assert audit.actor == cast.coordinator
    assert audit.coalition == cast.coalition
    assert endpoint.secret not in str(audit.changes)

    shown = coordinator.get(response.url)
    assert "De webhook naar https://zorgsysteem.example.nl/kansrijk is toegevoegd." in (
        shown.content.decode()
    )
    assert endpoint.secret in shown.content.decode()
    again = coordinator.get(response.url)
    assert endpoint.secret not in again.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"url": "http://zorgsysteem.example.nl/kansrijk"}, "url", "https://"),
        ({"url": "zorgsysteem.example.nl"}, "url", "Vul een volledig adres in"),
        ({"url": ""}, "url", "Vul het adres in."),
        ({"events": []}, "events", "Kies minstens één gebeurtenis."),
        ({"organisation": ""}, "organisation", "Kies een organisatie van de coalitie."),
    ],
)
def test_bad_input_is_refused_in_dutch_next_to_the_field(
    cast, coordinator, changes, field, message
):
    data = form_data(jgz_of(cast), **changes)
    response = coordinator.post(reverse("interop:webhook_create"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not WebhookEndpoint.objects.exists()
    if changes.get("url"):
        assert changes["url"].encode() in response.content  # the input stays


def test_plain_http_to_the_loopback_is_refused_outside_development(cast, coordinator):
    data = form_data(jgz_of(cast), url="http://127.0.0.1:8080/hook")
    response = coordinator.post(reverse("interop:webhook_create"), data)
    assert response.status_code == 400
    assert "url" in response.context["form"].errors


def test_an_organisation_of_another_coalition_cannot_be_chosen(cast, coordinator):
    elsewhere = OrganisationFactory(name="Elders", coalitions=[cast.other_coalition])
    response = coordinator.post(reverse("interop:webhook_create"), form_data(elsewhere))
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == [
        "Kies een organisatie van de coalitie."
    ]


def test_changing_an_endpoint_with_the_version_check(cast, coordinator):
    endpoint = make_endpoint(cast)
    url = reverse("interop:webhook_edit", args=[endpoint.pk])
    page = coordinator.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["version"] == 1
    data = form_data(
        jgz_of(cast), url="https://nieuw.example.nl/hook", events=["referral.sent"], version="1"
    )
    data.pop("active")
    response = coordinator.post(url, data)
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url == "https://nieuw.example.nl/hook"
    assert endpoint.events == ["referral.sent"]
    assert endpoint.active is False
    assert endpoint.version == 2
    audit = audit_of(endpoint, AuditEvent.Action.UPDATE).get()
    assert audit.changes["url"] == [
        "https://zorgsysteem.example.nl/kansrijk",
        "https://nieuw.example.nl/hook",
    ]
    assert audit.changes["active"] == [True, False]

    # A second writer with the old version gets both versions side by side.
    stale = form_data(jgz_of(cast), url="https://oud.example.nl/hook", version="1")
    conflict = coordinator.post(url, stale)
    assert conflict.status_code == 409
    text = conflict.content.decode()
    assert 'data-testid="conflict-table"' in text
    assert "https://nieuw.example.nl/hook" in text
    assert "https://oud.example.nl/hook" in text
    assert conflict.context["form"]["version"].value() == "2"
    endpoint.refresh_from_db()
    assert endpoint.url == "https://nieuw.example.nl/hook"


def test_removing_asks_first_then_removes_with_the_log(cast, coordinator):
    endpoint = make_endpoint(cast)
    make_delivery(endpoint)
    url = reverse("interop:webhook_delete", args=[endpoint.pk])
    confirm = coordinator.get(url)
    assert confirm.status_code == 200
    assert "Weet je zeker dat je de webhook naar" in confirm.content.decode()
    assert WebhookEndpoint.objects.exists()
    response = coordinator.post(url)
    assert response.status_code == 302
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()
    audit = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert audit.object_type == "interop.WebhookEndpoint"
    assert audit.actor == cast.coordinator


def test_a_new_secret_is_shown_once_and_audited(cast, coordinator):
    endpoint = make_endpoint(cast)
    old = endpoint.secret
    url = reverse("interop:webhook_rotate", args=[endpoint.pk])
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(url)
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.version == 2
    assert endpoint.secret in coordinator.get(response.url).content.decode()
    assert endpoint.secret not in coordinator.get(response.url).content.decode()
    audit = audit_of(endpoint, AuditEvent.Action.UPDATE).get()
    assert old not in str(audit.changes)
    assert endpoint.secret not in str(audit.changes)


def test_the_delivery_log_newest_first_a_page_at_a_time(cast, coordinator):
    endpoint = make_endpoint(cast)
    deliveries = [make_delivery(endpoint) for _ in range(27)]
    url = reverse("interop:webhook_deliveries", args=[endpoint.pk])
    first = coordinator.get(url)
    page = list(first.context["page_obj"])
    assert len(page) == 25
    assert page[0] == deliveries[-1]
    assert "27 berichten, nieuwste eerst" in first.content.decode()
    second = coordinator.get(url, {"pagina": 2})
    assert list(second.context["page_obj"]) == [deliveries[1], deliveries[0]]


def test_the_empty_delivery_log_says_so(cast, coordinator):
    endpoint = make_endpoint(cast)
    response = coordinator.get(reverse("interop:webhook_deliveries", args=[endpoint.pk]))
    assert b'data-testid="webhook-deliveries-empty"' in response.content


def test_a_failed_delivery_can_be_tried_again(cast, coordinator):
    endpoint = make_endpoint(cast)
    failed = make_delivery(endpoint, state=DeliveryState.FAILED, attempts=6)
    log = coordinator.get(reverse("interop:webhook_deliveries", args=[endpoint.pk]))
    retry_url = reverse("interop:webhook_retry", args=[endpoint.pk, failed.pk])
    assert retry_url.encode() in log.content
    response = coordinator.post(retry_url)
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == DeliveryState.PENDING
    assert failed.attempts == 0
    assert failed.next_attempt_at is not None
    assert audit_of(failed, AuditEvent.Action.UPDATE).get().actor == cast.coordinator


def test_only_a_failed_delivery_can_be_tried_again(cast, coordinator):
    endpoint = make_endpoint(cast)
    delivered = make_delivery(endpoint, state=DeliveryState.DELIVERED)
    response = coordinator.post(
        reverse("interop:webhook_retry", args=[endpoint.pk, delivered.pk]), follow=True
    )
    assert "Alleen een mislukt bericht kun je opnieuw proberen." in response.content.decode()
    delivered.refresh_from_db()
    assert delivered.state == DeliveryState.DELIVERED
    assert not AuditEvent.objects.filter(object_type="interop.WebhookDelivery").exists()


def test_another_coalitions_endpoint_is_not_found(cast, coordinator):
    elsewhere = make_endpoint(
        cast, coalition=cast.other_coalition, url="https://ander.example.nl/x"
    )
    delivery = make_delivery(elsewhere, state=DeliveryState.FAILED)
    for name in ("webhook_edit", "webhook_delete", "webhook_rotate", "webhook_deliveries"):
        assert coordinator.get(reverse(f"interop:{name}", args=[elsewhere.pk])).status_code == 404
    retry = reverse("interop:webhook_retry", args=[elsewhere.pk, delivery.pk])
    assert coordinator.post(retry).status_code == 404
    own = make_endpoint(cast)
    # A delivery of another endpoint under this coalition's endpoint: not found either.
    assert (
        coordinator.post(reverse("interop:webhook_retry", args=[own.pk, delivery.pk])).status_code
        == 404
    )
