"""Coordinators and administrators read their coalition's administrative audit trail."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent

from .conftest import page

pytestmark = pytest.mark.django_db

AUDIT = reverse("organisations:audit_trail")


def record(cast, summary, *, coalition=None, action=AuditEvent.Action.UPDATE, days_ago=0):
    event = audit_record(
        actor=cast.coordinator,
        action=action,
        summary=summary,
        coalition=coalition or cast.coalition,
        object_type="organisations.Organisation",
        changes={"name": ["Oud", "Nieuw"]},
    )
    if days_ago:
        AuditEvent.objects.filter(pk=event.pk).update(
            at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    return event


def test_the_trail_shows_only_this_coalitions_events(cast, coordinator_client):
    record(cast, "Hier gewijzigd")
    record(cast, "Elders gewijzigd", coalition=cast.other_coalition)
    text = page(coordinator_client.get(AUDIT))
    assert "Hier gewijzigd" in text
    assert "Elders gewijzigd" not in text
    assert "name: Oud → Nieuw" in text
    assert "Coordinator Testpersoon" in text


def test_administrators_read_the_trail_too(cast, administrator_client):
    record(cast, "Hier gewijzigd")
    assert "Hier gewijzigd" in page(administrator_client.get(AUDIT))


def test_the_trail_filters_by_action_and_period(cast, coordinator_client):
    record(cast, "Aangemaakt vandaag", action=AuditEvent.Action.CREATE)
    record(cast, "Gewijzigd vorige maand", days_ago=40)
    text = page(coordinator_client.get(AUDIT, {"actie": "create"}))
    assert "Aangemaakt vandaag" in text
    assert "Gewijzigd vorige maand" not in text

    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    text = page(coordinator_client.get(AUDIT, {"van": since}))
    assert "Aangemaakt vandaag" in text
    assert "Gewijzigd vorige maand" not in text

    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    text = page(coordinator_client.get(AUDIT, {"tot": until}))
    assert "Gewijzigd vorige maand" in text
    assert "Aangemaakt vandaag" not in text


def test_a_period_that_ends_before_it_starts_gets_a_dutch_error(coordinator_client):
    text = page(coordinator_client.get(AUDIT, {"van": "2025-05-01", "tot": "2025-04-01"}))
    assert "De einddatum van de periode ligt voor de begindatum." in text


def test_an_empty_trail_says_so(coordinator_client):
    assert "Er is nog niets gewijzigd in het beheer van deze coalitie." in page(
        coordinator_client.get(AUDIT)
    )


def test_the_trail_pages_by_50(cast, coordinator_client):
    for number in range(55):
        record(cast, f"Wijziging {number}")
    text = page(coordinator_client.get(AUDIT))
    assert "55 gebeurtenissen" in text
    assert "Pagina 1 van 2" in text


def test_management_actions_appear_in_the_trail(cast, coordinator_client):
    coordinator_client.post(
        reverse("organisations:organisation_create"),
        {"name": "Welzijn Centrum", "kind": "welzijn", "phone": "", "email": ""},
    )
    text = page(coordinator_client.get(AUDIT))
    assert (
        "Organisatie &#x27;Welzijn Centrum&#x27; aangemaakt in Kansrijke Start Eerstedorp" in text
    )
