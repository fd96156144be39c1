"""Every write of the maintenance leaves an audit event and HSDS metadata rows per changed
field (previous and new value, who)."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import Metadata, Organization, Service
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_form_data

pytestmark = pytest.mark.django_db


def _metadata(resource) -> dict:
    return {
        row.field_name: (row.last_action_type, row.previous_value, row.replacement_value)
        for row in Metadata.objects.filter(resource_id=resource.pk)
    }


def test_creating_and_editing_a_provider(cast):
    partner = cast.care_team_member.memberships.get().organisation
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("socialmap:map_provider_create"),
        {
            "name": "JGZ Eerstedorp",
            "description": "Consultatiebureau.",
            "email": "jgz@example.org",
            "website": "jgz.example.org",
            "organisation": partner.pk,
        },
    )
    assert response.status_code == 302
    provider = Organization.objects.get()
    assert (provider.coalition, provider.organisation) == (cast.coalition, partner)
    assert provider.website == "https://jgz.example.org"
    rows = _metadata(provider)
    assert rows["name"] == ("create", "", "JGZ Eerstedorp")
    assert rows["organisation"] == ("create", "", str(partner.pk))
    assert set(Metadata.objects.values_list("resource_type", "updated_by").distinct()) == {
        ("organization", "coordinator")
    }
    assert AuditEvent.objects.get(action="create", object_id=str(provider.pk)).coalition == (
        cast.coalition
    )

    Metadata.objects.all().delete()
    client.post(
        reverse("socialmap:map_provider_edit", args=[provider.pk]),
        {
            "name": "JGZ Eerstedorp",
            "description": "Consultatiebureau en prenataal huisbezoek.",
            "email": "jgz@example.org",
            "website": "https://jgz.example.org",
            "organisation": partner.pk,
        },
    )
    assert _metadata(provider) == {
        "description": (
            "update",
            "Consultatiebureau.",
            "Consultatiebureau en prenataal huisbezoek.",
        )
    }
    event = AuditEvent.objects.get(action="update", object_id=str(provider.pk))
    assert event.changes == {
        "description": ["Consultatiebureau.", "Consultatiebureau en prenataal huisbezoek."]
    }


def test_a_chain_partner_of_another_coalition_is_refused(cast):
    elsewhere = cast.other_coalition_professional.memberships.get().organisation
    response = logged_in_client(cast.coordinator).post(
        reverse("socialmap:map_provider_create"),
        {"name": "Ergens anders", "organisation": elsewhere.pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == [
        "Kies een ketenpartner van deze coalitie."
    ]


def test_a_delegated_editor_edits_details_but_not_the_chain_partner(cast):
    provider = provider_with_editor(cast)
    partner = cast.care_team_member.memberships.get().organisation
    client = logged_in_client(cast.outsider)
    page = client.get(reverse("socialmap:map_provider_edit", args=[provider.pk]))
    assert "organisation" not in page.context["form"].fields
    client.post(
        reverse("socialmap:map_provider_edit", args=[provider.pk]),
        {"name": "Welzijn Eerstedorp e.o.", "organisation": partner.pk},
    )
    provider.refresh_from_db()
    assert provider.name == "Welzijn Eerstedorp e.o."
    assert provider.organisation is None


def test_creating_and_editing_a_service_writes_metadata_per_field(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.outsider)
    client.post(
        reverse("socialmap:map_service_create", args=[provider.pk]),
        service_form_data(municipality),
    )
    service = Service.objects.get()
    rows = _metadata(service)
    assert rows["name"] == ("create", "", "Budgetcoaching Eerstedorp")
    assert rows["needs"] == ("create", "", "finances")
    assert rows["languages"] == ("create", "", "ar, nl")
    assert rows["access.GM9501"] == ("create", "", "buurtteam | Inwoners van de gemeente. | 2")
    assert "alternate_name" not in rows  # empty fields are no change
    assert set(Metadata.objects.values_list("resource_type", "updated_by").distinct()) == {
        ("service", "buitenstaander")
    }

    Metadata.objects.all().delete()
    client.post(
        reverse("socialmap:map_service_edit", args=[service.pk]),
        {
            **service_form_data(municipality),
            "version": "1",
            "wait_time": "6 weken",
            "needs": ["finances", "housing"],
        },
    )
    assert _metadata(service) == {
        "wait_time": ("update", "2 weken", "6 weken"),
        "needs": ("update", "finances", "finances, housing"),
    }
    event = AuditEvent.objects.get(action="update", object_id=str(service.pk))
    assert event.actor == cast.outsider
    assert event.changes["wait_time"] == ["2 weken", "6 weken"]
