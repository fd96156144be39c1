"""A coordinator sets the coalition's retention period for family files under Beheer."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family, FamilyStatus
from kansrijk.families.retention import families_past_retention
from kansrijk.organisations.models import Coalition
from kansrijk.organisations.services import coalition_set_retention
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

from .conftest import page

pytestmark = pytest.mark.django_db

URL = reverse("organisations:coalition_settings")


def _closed(cast, *, years_ago: float, coalition=None):
    family = make_family(cast)
    Family.objects.filter(pk=family.pk).update(
        coalition=coalition or cast.coalition,
        status=FamilyStatus.CLOSED,
        closed_at=timezone.now() - timedelta(days=round(years_ago * 365.25)),
    )
    return family


def test_the_page_explains_the_period_and_shows_the_current_value(coordinator_client):
    text = page(coordinator_client.get(URL))
    assert "Bewaartermijn van dossiers" in text
    assert "worden de persoonsgegevens geanonimiseerd" in text
    assert "Nu is de bewaartermijn 20 jaar." in text
    assert 'name="retention_years" value="20"' in text


def test_the_page_is_on_the_beheer_overview_for_coordinators(coordinator_client):
    text = page(coordinator_client.get(reverse("organisations:manage")))
    assert "Instellingen coalitie" in text
    assert URL in text


def test_the_page_is_not_on_the_overview_for_administrators(administrator_client):
    text = page(administrator_client.get(reverse("organisations:manage")))
    assert URL not in text


def test_lengthening_saves_at_once_with_old_and_new_value_in_the_audit_trail(
    cast, coordinator_client
):
    response = coordinator_client.post(URL, {"retention_years": "25"})
    assert response.status_code == 302
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 25
    event = AuditEvent.objects.get(object_type="organisations.Coalition", action="update")
    assert event.changes == {"retention_years": [20, 25]}
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert "Bewaartermijn" in event.summary
    assert "De bewaartermijn is nu 25 jaar." in page(coordinator_client.get(URL))
    trail = page(coordinator_client.get(reverse("organisations:audit_trail")))
    assert "Bewaartermijn van coalitie" in trail


def test_the_same_value_writes_no_audit_row(coordinator_client):
    coordinator_client.post(URL, {"retention_years": "20"})
    assert not AuditEvent.objects.filter(object_type="organisations.Coalition").exists()


def test_shortening_asks_for_confirmation_with_the_number_of_files_due(cast, coordinator_client):
    _closed(cast, years_ago=2)  # due with 1 year only
    _closed(cast, years_ago=6)  # due with 5 years
    _closed(cast, years_ago=21)  # due already with 20 years
    _closed(cast, years_ago=0.5)  # not due with any allowed value
    _closed(cast, years_ago=30, coalition=cast.other_coalition)  # another coalition

    response = coordinator_client.post(URL, {"retention_years": "5"})

    assert response.status_code == 200
    text = page(response)
    assert "Bewaartermijn verkorten?" in text
    assert "Je verkort de bewaartermijn van 20 naar 5 jaar." in text
    assert "Met 5 jaar worden bij de volgende run 2 dossiers van deze coalitie" in text
    assert "Met de huidige termijn van 20 jaar is dat 1 dossier." in text
    assert "Ja, verkort naar 5 jaar" in text
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20
    assert not AuditEvent.objects.filter(object_type="organisations.Coalition").exists()


def test_the_count_agrees_with_the_scheduled_tasks_selector(cast, coordinator_client):
    ours = [_closed(cast, years_ago=y).pk for y in (2, 6, 21)]
    _closed(cast, years_ago=30, coalition=cast.other_coalition)
    Coalition.objects.filter(pk=cast.other_coalition.pk).update(retention_years=100)

    text = page(coordinator_client.post(URL, {"retention_years": "5"}))

    Coalition.objects.filter(pk=cast.coalition.pk).update(retention_years=5)
    due = [pk for pk in families_past_retention() if pk in ours]
    assert len(due) == 2
    assert "Met 5 jaar worden bij de volgende run 2 dossiers" in text


def test_confirming_saves_the_shorter_period(cast, coordinator_client):
    response = coordinator_client.post(URL, {"retention_years": "5", "bevestigd": "on"})
    assert response.status_code == 302
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 5
    event = AuditEvent.objects.get(object_type="organisations.Coalition")
    assert event.changes == {"retention_years": [20, 5]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "De bewaartermijn is minstens 1 jaar."),
        ("101", "De bewaartermijn is hoogstens 100 jaar."),
        ("-3", "De bewaartermijn is minstens 1 jaar."),
        ("twintig", "Vul een heel getal in, bijvoorbeeld 20."),
        ("", "Vul de bewaartermijn in jaren in."),
    ],
)
def test_values_outside_1_to_100_show_a_dutch_error_and_keep_the_input(
    cast, coordinator_client, value, message
):
    response = coordinator_client.post(URL, {"retention_years": value, "bevestigd": "on"})
    assert response.status_code == 200
    text = page(response)
    assert message in text
    assert f'value="{value}"' in text or value == ""
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20
    assert not AuditEvent.objects.filter(object_type="organisations.Coalition").exists()


@pytest.mark.parametrize("actor", ["administrator", "case_director", "analyst"])
def test_others_than_coordinators_get_403(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"retention_years": "1", "bevestigd": "on"}).status_code == 403
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20


def test_a_coordinator_changes_only_the_coalition_they_work_in(cast, coordinator_client):
    coordinator_client.post(URL, {"retention_years": "30"})
    cast.other_coalition.refresh_from_db()
    assert cast.other_coalition.retention_years == 20


def test_the_service_refuses_a_value_outside_1_to_100_whoever_calls_it(cast):
    with pytest.raises(ValidationError) as error:
        coalition_set_retention(actor=cast.coordinator, coalition=cast.coalition, retention_years=0)
    assert "1 tot en met 100" in str(error.value)
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20
