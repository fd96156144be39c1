"""The "Gecontroleerd" button: today, by whom, with their e-mail; audited and in the HSDS
metadata; the edit form's version stays."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import Metadata
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_maintenance import service_with_editor

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2027, 3, 15), tick=False)
def test_marking_a_service_checked_records_today_and_who(cast):
    service = service_with_editor(cast, assured_date=date(2025, 1, 10))
    client = logged_in_client(cast.outsider)

    response = client.post(reverse("socialmap:map_service_check", args=[service.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("socialmap:map_service_edit", args=[service.pk])
    service.refresh_from_db()
    assert service.assured_date == date(2027, 3, 15)
    assert service.assured_by == cast.outsider
    assert service.assurer_email == cast.outsider.email
    assert service.version == 1
    rows = {
        row.field_name: (row.previous_value, row.replacement_value)
        for row in Metadata.objects.filter(resource_id=service.pk, resource_type="service")
    }
    assert rows == {
        "assured_date": ("2025-01-10", "2027-03-15"),
        "assurer_email": ("", cast.outsider.email),
    }
    assert Metadata.objects.filter(updated_by=cast.outsider.username).count() == 2
    event = AuditEvent.objects.get(object_id=str(service.pk))
    assert event.actor == cast.outsider
    assert "gecontroleerd" in event.summary

    page = client.get(reverse("socialmap:map_service_edit", args=[service.pk])).content.decode()
    assert "15 maart 2027 door Buitenstaander" in page
    assert 'data-testid="unchecked-flag"' not in page


def test_checking_from_the_overview_returns_to_the_overview(cast):
    service = service_with_editor(cast)
    response = logged_in_client(cast.coordinator).post(
        reverse("socialmap:map_service_check", args=[service.pk]), {"terug": "overzicht"}
    )
    assert response["Location"] == reverse("socialmap:map_overview")


def test_marking_checked_is_a_post(cast):
    service = service_with_editor(cast)
    response = logged_in_client(cast.coordinator).get(
        reverse("socialmap:map_service_check", args=[service.pk])
    )
    assert response.status_code == 405
