"""A coordinator lists, edits and ends memberships ("Medewerkers"); nothing is deleted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Membership
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory

from .conftest import page

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:membership_list")


def today() -> datetime.date:
    # The cast's memberships start today, so the dates here are relative to today.
    return timezone.localdate()


def membership_of(professional) -> Membership:
    return Membership.objects.get(professional=professional)


def test_the_list_shows_the_coalitions_memberships_only(coordinator_client):
    text = page(coordinator_client.get(LIST))
    for username in ("regisseur", "teamlid", "buitenstaander", "coordinator", "beheerder"):
        assert username in text
    assert "anderecoalitie" not in text


def test_the_list_searches_by_name_and_username(coordinator_client):
    text = page(coordinator_client.get(LIST, {"q": "teamlid"}))
    assert "teamlid" in text
    assert "regisseur" not in text
    assert "Geen medewerkers gevonden" in page(coordinator_client.get(LIST, {"q": "xyz"}))


def test_the_list_filters_by_organisation_discipline_and_role(cast, coordinator_client):
    jgz = membership_of(cast.care_team_member).organisation
    text = page(coordinator_client.get(LIST, {"organisatie": jgz.pk}))
    assert "teamlid" in text
    assert "regisseur" not in text

    text = page(coordinator_client.get(LIST, {"discipline": "jeugdverpleegkundige"}))
    assert "teamlid" in text
    assert "regisseur" not in text

    text = page(coordinator_client.get(LIST, {"rol": "analyst"}))
    assert "analist" in text
    assert "teamlid" not in text


def test_the_list_sorts_by_organisation(coordinator_client):
    text = page(coordinator_client.get(LIST, {"sorteer": "-organisatie"}))
    # Verloskundigen (regisseur) before JGZ (teamlid) before Gemeente (coordinator).
    assert text.index("regisseur") < text.index("teamlid") < text.index(">coordinator<")


def test_ended_memberships_show_only_on_request(cast, coordinator_client):
    ended = today() - datetime.timedelta(days=10)
    Membership.objects.filter(professional=cast.outsider).update(
        start_date=today() - datetime.timedelta(days=100), end_date=ended
    )
    assert "buitenstaander" not in page(coordinator_client.get(LIST))
    text = page(coordinator_client.get(LIST, {"beeindigd": "on"}))
    assert "buitenstaander" in text
    assert date_format(ended, "j F Y") in text


def test_editing_changes_discipline_roles_and_phone_with_an_audit_row(cast, coordinator_client):
    membership = membership_of(cast.outsider)
    url = reverse("organisations:membership_edit", args=[membership.pk])
    assert 'value="06 12345678"' in page(coordinator_client.get(url))
    response = coordinator_client.post(
        url,
        {
            "discipline": "gynaecoloog",
            "roles": ["professional", "analyst"],
            "phone": "06 11112222",
            "start_date": membership.start_date.isoformat(),
        },
    )
    assert response["Location"] == LIST
    membership.refresh_from_db()
    assert membership.discipline == "gynaecoloog"
    assert membership.roles == ["professional", "analyst"]
    event = AuditEvent.objects.get(object_type="organisations.Membership", action="update")
    assert event.coalition == cast.coalition
    assert event.changes["discipline"] == ["verloskundige", "gynaecoloog"]
    assert event.changes["is_analyst"] == [False, True]
    assert event.changes["phone"] == ["06 12345678", "06 11112222"]


def test_an_invalid_edit_keeps_the_input_and_saves_nothing(cast, coordinator_client):
    membership = membership_of(cast.outsider)
    url = reverse("organisations:membership_edit", args=[membership.pk])
    text = page(
        coordinator_client.post(
            url,
            {"discipline": "gynaecoloog", "roles": [], "phone": "06 11112222", "start_date": ""},
        )
    )
    assert "Kies minstens één rol." in text
    assert "Vul de startdatum in." in text
    assert 'value="06 11112222"' in text
    membership.refresh_from_db()
    assert membership.discipline == "verloskundige"
    assert not AuditEvent.objects.exists()


def test_a_coordinator_keeps_an_administrators_role_without_seeing_it(cast, coordinator_client):
    membership = membership_of(cast.administrator)
    url = reverse("organisations:membership_edit", args=[membership.pk])
    text = page(coordinator_client.get(url))
    assert 'value="administrator"' not in text
    assert "Deze professional is ook beheerder." in text
    coordinator_client.post(
        url,
        {
            "discipline": "anders",
            "roles": ["analyst"],
            "phone": "06 12345678",
            "start_date": membership.start_date.isoformat(),
        },
    )
    membership.refresh_from_db()
    assert membership.is_administrator
    assert membership.is_analyst


def test_ending_asks_first_and_keeps_the_membership(cast, coordinator_client):
    membership = membership_of(cast.outsider)
    url = reverse("organisations:membership_end", args=[membership.pk])
    text = page(coordinator_client.get(url))
    assert "Weet je zeker dat je het lidmaatschap van" in text
    assert f'value="{today().isoformat()}"' in text
    membership.refresh_from_db()
    assert membership.end_date is None

    response = coordinator_client.post(url, {"end_date": today().isoformat()})
    assert response["Location"] == LIST
    membership.refresh_from_db()
    assert membership.end_date == today()
    assert not membership.is_current
    event = AuditEvent.objects.get(object_type="organisations.Membership")
    assert event.changes == {"end_date": [None, today().isoformat()]}
    assert f"beëindigd per {today():%d-%m-%Y}" in event.summary
    # The ended professional no longer works in the coalition.
    assert logged_in_client(cast.outsider).get("/").context["active"].coalition is None


def test_an_end_date_before_the_start_is_refused(cast, coordinator_client):
    membership = membership_of(cast.outsider)
    too_early = today() - datetime.timedelta(days=1)
    url = reverse("organisations:membership_end", args=[membership.pk])
    text = page(coordinator_client.post(url, {"end_date": too_early.isoformat()}))
    assert f"De einddatum kan niet voor de startdatum ({today():%d-%m-%Y}) liggen." in text
    assert f'value="{too_early.isoformat()}"' in text
    membership.refresh_from_db()
    assert membership.end_date is None


def test_an_ended_membership_cannot_be_ended_again(cast, coordinator_client):
    membership = MembershipFactory(
        professional=cast.outsider,
        coalition=cast.coalition,
        organisation=membership_of(cast.care_team_member).organisation,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    response = coordinator_client.post(
        reverse("organisations:membership_end", args=[membership.pk]), {"end_date": "2025-01-01"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 12, 31)
    assert not AuditEvent.objects.exists()
