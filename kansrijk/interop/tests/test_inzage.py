"""Inzage: the case director downloads everything about a family (JSON and PDF), logged as
an export; erasure is asked by the case director and confirmed by a coordinator."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.care.services_handovers import case_director_set
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family, FamilyStatus, Person
from kansrijk.interop import inzage_services
from kansrijk.organisations.models import Membership
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.interop_export import add_household, grow_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(cast):
    family = make_family(cast, strengths="Oma Zoë helpt; kinderopvang kost €200.")
    add_household(family)
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.case_director
    )
    return family


def _section(data, title):
    return next(part for part in data["onderdelen"] if part["titel"] == title)


def test_the_case_director_downloads_everything_as_json(cast, family):
    grow_file(cast, family, size=1)
    client = logged_in_client(cast.case_director)
    client.get(reverse("families:detail", args=[family.pk]))

    response = client.get(reverse("interop:inzage_json", args=[family.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["dossiernummer"] == family.reference
    people = _section(data, "Personen")["rijen"]
    assert {row["voornaam"] for row in people} == {"Sara", "Tom", "Noor"}
    assert "111222333" in {row[str(Person._meta.get_field("bsn").verbose_name)] for row in people}
    assert _section(data, "Gezin")["rijen"][0]["wat gaat goed"].startswith("Oma Zoë")
    assert _section(data, "Doelen")["rijen"][0]
    assert _section(data, "Verwijzingen")["rijen"][0]
    assert _section(data, "Overdrachten")["rijen"][0]
    report = _section(data, "Wie heeft het dossier bekeken (toegangsverslag)")["rijen"]
    assert report
    assert all(row["tijdstip"] for row in report)
    event = AccessEvent.objects.filter(family=family).order_by("-pk").first()
    assert event.action == AccessEvent.Action.EXPORT
    assert "Inzage-export" in event.detail


def test_the_pdf_is_readable_with_dutch_characters_and_the_euro(cast, family):
    client = logged_in_client(cast.case_director)

    response = client.get(reverse("interop:inzage_pdf", args=[family.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(
        family=family, action=AccessEvent.Action.EXPORT, detail__contains="PDF"
    ).exists()


def test_only_the_case_director_may_export(cast, family):
    assert (
        logged_in_client(cast.care_team_member)
        .get(reverse("interop:inzage_json", args=[family.pk]))
        .status_code
        == 403
    )
    assert (
        logged_in_client(cast.outsider)
        .get(reverse("interop:inzage_json", args=[family.pk]))
        .status_code
        == 404
    )
    page = logged_in_client(cast.case_director).get(reverse("families:detail", args=[family.pk]))
    assert reverse("interop:inzage", args=[family.pk]) in page.content.decode()
    page = logged_in_client(cast.care_team_member).get(reverse("families:detail", args=[family.pk]))
    assert reverse("interop:inzage", args=[family.pk]) not in page.content.decode()


def _export_queries(client, family) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("interop:inzage_json", args=[family.pk]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_export_queries_do_not_grow_with_the_file(cast, family):
    client = logged_in_client(cast.case_director)
    grow_file(cast, family, size=1)
    client.get(reverse("interop:inzage_json", args=[family.pk]))
    few = _export_queries(client, family)
    grow_file(cast, family, size=4, start=1)
    many = _export_queries(client, family)
    assert few == many


def test_erasure_is_asked_with_a_reason_and_confirmed_by_a_coordinator(cast, family):
    director = logged_in_client(cast.case_director)
    url = reverse("interop:erasure_request", args=[family.pk])
    refused = director.post(url, {"reason": ""})
    assert "Vul een reden in." in refused.content.decode()
    assert inzage_services.pending_erasure(family.pk) is None

    asked = director.post(url, {"reason": "Gezin verhuisd, vraagt om wissen"})
    assert asked.status_code == 302
    assert inzage_services.pending_erasure(family.pk) is not None
    assert Person.objects.filter(family=family, first_name="Sara").exists()

    coordinator = logged_in_client(cast.coordinator)
    listing = coordinator.get(reverse("interop:erasure_list"))
    assert "Gezin verhuisd" in listing.content.decode()
    confirm_url = reverse("interop:erasure_confirm", args=[family.pk])
    page = coordinator.get(confirm_url)
    assert "Ja, wis de persoonsgegevens" in page.content.decode()
    assert "Sara" not in page.content.decode()
    done = coordinator.post(confirm_url, {"decision": "confirm"})
    assert done.status_code == 302

    family.refresh_from_db()
    assert family.anonymised_at is not None
    assert family.status == FamilyStatus.CLOSED
    assert not Person.objects.filter(family=family, first_name="Sara").exists()
    assert inzage_services.pending_erasure(family.pk) is None
    assert AuditEvent.objects.filter(
        object_type=inzage_services.ERASURE_REQUESTED, actor=cast.case_director
    ).exists()
    assert AuditEvent.objects.filter(actor=cast.coordinator, object_id=str(family.pk)).exists()


def test_a_coordinator_may_reject_and_the_requester_cannot_confirm_alone(cast, family):
    # The case director is a coordinator too: still, someone else has to confirm.
    Membership.objects.filter(professional=cast.case_director, coalition=cast.coalition).update(
        is_coordinator=True
    )
    coordinator = logged_in_client(cast.case_director)
    coordinator.post(reverse("interop:erasure_request", args=[family.pk]), {"reason": "Op verzoek"})
    confirm_url = reverse("interop:erasure_confirm", args=[family.pk])
    own = coordinator.post(confirm_url, {"decision": "confirm"})
    assert "Een ander dan de aanvrager" in own.content.decode()
    assert Family.objects.get(pk=family.pk).anonymised_at is None

    missing = coordinator.post(confirm_url, {"decision": "reject", "reason": ""})
    assert "Vul een reden in." in missing.content.decode()
    rejected = coordinator.post(
        confirm_url, {"decision": "reject", "reason": "Wettelijke bewaarplicht"}
    )
    assert rejected.status_code == 302
    assert inzage_services.pending_erasure(family.pk) is None
    assert Family.objects.get(pk=family.pk).anonymised_at is None
