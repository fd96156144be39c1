"""Every form of the webhook pages refuses a POST from whoever is not a coordinator of the
coalition (403, nothing changes, no audit event), and sends an anonymous visitor to the
login page. The matrix rows (`matrix_webhooks.py`) cover the GETs; this covers the POSTs."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.interop.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_webhooks import form_data, jgz_of, make_delivery, make_endpoint

pytestmark = pytest.mark.django_db
OTHERS = [
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "analyst",
    "administrator",
]


def _posts(cast) -> list[tuple[str, str, dict]]:
    endpoint = make_endpoint(cast)
    failed = make_delivery(endpoint, state=DeliveryState.FAILED)
    return [
        ("create", reverse("interop:webhook_create"), form_data(jgz_of(cast))),
        (
            "edit",
            reverse("interop:webhook_edit", args=[endpoint.pk]),
            form_data(jgz_of(cast), url="https://nieuw.example.nl/x", version="1"),
        ),
        ("rotate", reverse("interop:webhook_rotate", args=[endpoint.pk]), {}),
        ("retry", reverse("interop:webhook_retry", args=[endpoint.pk, failed.pk]), {}),
        ("delete", reverse("interop:webhook_delete", args=[endpoint.pk]), {}),
    ]


def _state():
    return (
        list(WebhookEndpoint.objects.values_list("pk", "url", "secret", "version")),
        list(WebhookDelivery.objects.values_list("pk", "state", "attempts")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("actor", OTHERS)
def test_only_coordinators_may_post(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    posts = _posts(cast)
    before = _state()
    for name, path, data in posts:
        response = client.post(path, data)
        assert response.status_code == 403, (actor, name, response.status_code)
    assert _state() == before


def test_an_anonymous_visitor_is_sent_to_the_login_page(cast):
    client = Client()
    posts = _posts(cast)
    before = _state()
    for _name, path, data in posts:
        response = client.post(path, data)
        assert response.status_code == 302
        assert response.url.startswith("/inloggen/")
    assert _state() == before


def test_the_coordinator_may_post_every_form(cast):
    client = logged_in_client(cast.coordinator)
    for name, path, data in _posts(cast):
        response = client.post(path, data)
        assert response.status_code == 302, (name, response.status_code)
    assert AuditEvent.objects.filter(coalition=cast.coalition).count() == 5


def test_a_coordinator_who_left_the_coalition_is_refused_by_the_service(cast):
    from kansrijk.interop.webhooks import services

    membership = cast.coordinator.memberships.get()
    membership.is_coordinator = False
    membership.save()
    with pytest.raises(services.PermissionDenied):
        services.webhook_endpoint_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data={
                "organisation": jgz_of(cast),
                "url": "https://x.example.nl/",
                "events": ["referral.sent"],
                "description": "",
                "active": True,
            },
        )
