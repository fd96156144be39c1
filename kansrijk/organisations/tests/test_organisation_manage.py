"""A coordinator lists, adds, edits and (de)activates the coalition's organisations."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation, OrganisationKind
from kansrijk.testing.factories import OrganisationFactory

from .conftest import page

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:organisation_list")
CREATE = reverse("organisations:organisation_create")


def test_the_list_shows_only_the_coalitions_organisations(coordinator_client):
    text = page(coordinator_client.get(LIST))
    assert "Verloskundigen Eerstedorp" in text
    assert "JGZ Eerstedorp" in text
    assert "Verloskundigen Tweededorp" not in text
    assert "3 organisaties in deze coalitie" in text


def test_the_list_searches_by_name_and_filters_by_kind(coordinator_client):
    text = page(coordinator_client.get(LIST, {"q": "jgz"}))
    assert "JGZ Eerstedorp" in text
    assert "Verloskundigen Eerstedorp" not in text

    text = page(coordinator_client.get(LIST, {"soort": OrganisationKind.MUNICIPALITY}))
    assert "Gemeente Eerstedorp" in text
    assert "JGZ Eerstedorp" not in text


def test_a_search_without_results_says_so(coordinator_client):
    text = page(coordinator_client.get(LIST, {"q": "bestaat niet"}))
    assert "Geen organisaties gevonden die passen bij je zoekopdracht." in text
    assert "Filters wissen" in text


def test_a_coalition_without_organisations_shows_the_empty_state(cast, coordinator_client):
    cast.coalition.organisations.clear()
    text = page(coordinator_client.get(LIST))
    assert "Deze coalitie heeft nog geen organisaties." in text


def test_the_list_sorts_by_name_both_ways(coordinator_client):
    ascending = page(coordinator_client.get(LIST, {"sorteer": "naam"}))
    assert ascending.index("Gemeente Eerstedorp") < ascending.index("Verloskundigen Eerstedorp")
    descending = page(coordinator_client.get(LIST, {"sorteer": "-naam"}))
    assert descending.index("Verloskundigen Eerstedorp") < descending.index("Gemeente Eerstedorp")
    assert 'aria-sort="descending"' in descending


def test_the_list_pages_by_25(cast, coordinator_client):
    for number in range(30):
        OrganisationFactory(name=f"Praktijk {number:02d}", coalitions=[cast.coalition])
    first = page(coordinator_client.get(LIST))
    assert "Pagina 1 van 2" in first
    assert "Volgende pagina" in first
    second = page(coordinator_client.get(LIST, {"pagina": 2}))
    assert "Pagina 2 van 2" in second
    assert "Verloskundigen Eerstedorp" in second


def test_a_new_organisation_belongs_to_the_active_coalition_and_is_audited(
    cast, coordinator_client
):
    response = coordinator_client.post(
        CREATE,
        {
            "name": "Buurtteam Noord",
            "kind": OrganisationKind.NEIGHBOURHOOD_TEAM,
            "phone": "030 1234567",
            "email": "noord@buurtteam.example",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    organisation = Organisation.objects.get(name="Buurtteam Noord")
    assert list(organisation.coalitions.all()) == [cast.coalition]
    event = AuditEvent.objects.get(object_type="organisations.Organisation", action="create")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert "Buurtteam Noord" in event.summary
    assert "Organisatie &#x27;Buurtteam Noord&#x27; is aangemaakt." in page(
        coordinator_client.get(LIST)
    )


def test_missing_and_wrong_input_get_dutch_errors_and_the_input_stays(coordinator_client):
    response = coordinator_client.post(
        CREATE, {"name": "", "kind": "", "phone": "030 1", "email": "geen-adres"}
    )
    text = page(response)
    assert response.status_code == 200
    assert "Vul de naam van de organisatie in." in text
    assert "Kies de soort organisatie." in text
    assert "Vul een geldig e-mailadres in" in text
    assert 'value="geen-adres"' in text
    assert 'aria-describedby="id_name_error"' in text
    assert not Organisation.objects.filter(email="geen-adres").exists()
    assert not AuditEvent.objects.filter(object_type="organisations.Organisation").exists()


def test_editing_records_old_and_new_values(cast, coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    url = reverse("organisations:organisation_edit", args=[organisation.pk])
    assert 'value="JGZ Eerstedorp"' in page(coordinator_client.get(url))
    response = coordinator_client.post(
        url, {"name": "JGZ Eerstedorp-Oost", "kind": OrganisationKind.JGZ, "phone": "", "email": ""}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "JGZ Eerstedorp-Oost"
    event = AuditEvent.objects.get(object_type="organisations.Organisation", action="update")
    assert event.changes == {"name": ["JGZ Eerstedorp", "JGZ Eerstedorp-Oost"]}
    assert event.coalition == cast.coalition


def test_an_edit_that_changes_nothing_writes_no_audit_row(coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    coordinator_client.post(
        reverse("organisations:organisation_edit", args=[organisation.pk]),
        {"name": "JGZ Eerstedorp", "kind": OrganisationKind.JGZ, "phone": "", "email": ""},
    )
    assert not AuditEvent.objects.filter(object_type="organisations.Organisation").exists()


def test_an_invalid_edit_keeps_the_stored_values(coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    url = reverse("organisations:organisation_edit", args=[organisation.pk])
    response = coordinator_client.post(url, {"name": "", "kind": OrganisationKind.JGZ})
    assert "Vul de naam van de organisatie in." in page(response)
    assert "Organisatie bewerken: JGZ Eerstedorp" in page(response)
    organisation.refresh_from_db()
    assert organisation.name == "JGZ Eerstedorp"


def test_deactivating_asks_first_and_deletes_nothing(cast, coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    url = reverse("organisations:organisation_status", args=[organisation.pk])
    confirmation = page(coordinator_client.get(url))
    assert "Weet je zeker dat je <strong>JGZ Eerstedorp</strong> wilt deactiveren?" in confirmation
    organisation.refresh_from_db()
    assert organisation.is_active  # looking at the question changes nothing

    response = coordinator_client.post(url, {"active": "0"})
    assert response["Location"] == LIST
    organisation.refresh_from_db()
    assert not organisation.is_active
    assert organisation.memberships.exists()  # the care-team member's membership is kept
    assert "Inactief" in page(coordinator_client.get(LIST))
    event = AuditEvent.objects.get(object_type="organisations.Organisation")
    assert event.changes == {"is_active": [True, False]}
    assert "gedeactiveerd" in event.summary


def test_reactivating_makes_it_active_again(coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    organisation.is_active = False
    organisation.save()
    url = reverse("organisations:organisation_status", args=[organisation.pk])
    assert "Organisatie heractiveren" in page(coordinator_client.get(url))
    coordinator_client.post(url, {"active": "1"})
    organisation.refresh_from_db()
    assert organisation.is_active


def test_submitting_the_same_confirmation_twice_changes_it_once(coordinator_client):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    url = reverse("organisations:organisation_status", args=[organisation.pk])
    coordinator_client.post(url, {"active": "0"})
    coordinator_client.post(url, {"active": "0"})
    organisation.refresh_from_db()
    assert not organisation.is_active
    assert AuditEvent.objects.filter(object_type="organisations.Organisation").count() == 1
