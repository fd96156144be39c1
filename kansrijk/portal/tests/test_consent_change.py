"""The family's consent in the portal: shown per purpose in plain words, changed by the
family member after the consequences are explained; it applies at once, is logged, and the
case director is told. The professional's family file shows who recorded it."""

import pytest
from django.urls import reverse

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.core.models import AuditEvent, Notification
from kansrijk.families.models import Consent, ConsentPurpose
from kansrijk.families.services import consent_record
from kansrijk.mdo.selectors import agenda_rows
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

from .choices_world import choices_world

pytestmark = pytest.mark.django_db


def test_the_family_sees_each_purpose_and_what_was_chosen(cast):
    world = choices_world(cast)
    consent_record(
        actor=cast.case_director,
        family_pk=world.family.pk,
        purpose=ConsentPurpose.CARE_TEAM,
        given=True,
        method="verbal",
    )
    response = world.client.get(reverse("portal:consent"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Gegevens delen in jullie zorgteam" in page
    assert "Met naam besproken worden in een overleg" in page
    assert "Meetellen in de cijfers" in page
    assert page.count("Nog niet gevraagd") == 2
    assert f"door {cast.case_director.get_full_name()}" in page
    assert reverse("portal:consent_change", args=["mdo_named"]) in page
    assert AccessEvent.objects.filter(
        family=world.family, ground=SELF_GROUND, detail="Keuzes over toestemming bekeken"
    ).exists()


def test_the_change_page_explains_yes_and_no_before_confirming(cast):
    world = choices_world(cast)
    page = world.client.get(reverse("portal:consent_change", args=["mdo_named"])).content.decode()
    assert "overleg met meerdere zorgverleners (MDO)" in page
    assert "Als je ja kiest" in page
    assert "Als je nee kiest" in page
    assert "Jullie worden zonder naam besproken." in page
    assert "Bevestigen" in page
    monitoring = world.client.get(reverse("portal:consent_change", args=["monitoring"]))
    assert "nooit met naam genoemd" in monitoring.content.decode()
    care_team = world.client.get(reverse("portal:consent_change", args=["care_team"]))
    assert "Jullie krijgen gewoon zorg." in care_team.content.decode()


def test_an_unknown_purpose_is_not_found(cast):
    world = choices_world(cast)
    assert world.client.get(reverse("portal:consent_change", args=["reclame"])).status_code == 404


def test_a_change_applies_at_once_and_is_logged_and_reported(cast):
    world = choices_world(cast)
    consent_record(
        actor=cast.case_director,
        family_pk=world.family.pk,
        purpose=ConsentPurpose.MDO_NAMED,
        given=True,
        method="verbal",
    )
    url = reverse("portal:consent_change", args=["mdo_named"])
    response = world.client.post(url, {"choice": "nee"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:consent")
    page = response.content.decode()
    assert "Je keuze is opgeslagen." in page
    assert "door jijzelf" in page
    in_force = Consent.objects.in_force().get(family=world.family, purpose="mdo_named")
    assert in_force.given is False
    assert in_force.recorded_by is None
    assert in_force.recorded_by_person == world.account.person
    # The earlier decision is kept, no longer in force.
    earlier = Consent.objects.get(family=world.family, purpose="mdo_named", given=True)
    assert earlier.withdrawn_at is not None
    assert not Consent.objects.given().filter(family=world.family, purpose="mdo_named").exists()
    event = AccessEvent.objects.filter(family=world.family, action=AccessEvent.Action.UPDATE).get(
        ground=SELF_GROUND
    )
    assert event.detail.startswith("Toestemming gewijzigd: ")
    assert event.user is None
    assert AuditEvent.objects.filter(
        action="create", object_type="families.Consent", object_id=str(in_force.pk)
    ).exists()
    note = Notification.objects.get(recipient=cast.case_director)
    assert world.family.reference in note.text
    assert "Sanne" not in note.text
    assert note.link == reverse("families:consent", args=[world.family.pk])


def test_a_choice_is_required(cast):
    world = choices_world(cast)
    response = world.client.post(reverse("portal:consent_change", args=["monitoring"]), {})
    assert response.status_code == 400
    assert "Kies ja of nee." in response.content.decode()
    assert not Consent.objects.filter(family=world.family).exists()


def test_the_family_file_shows_a_consent_the_family_recorded(cast):
    world = choices_world(cast)
    world.client.post(reverse("portal:consent_change", args=["care_team"]), {"choice": "ja"})
    world.client.post(reverse("portal:consent_change", args=["care_team"]), {"choice": "nee"})
    professional = logged_in_client(cast.case_director)
    page = professional.get(reverse("families:consent", args=[world.family.pk])).content.decode()
    assert "Sanne (zelf, via Mijn gezin)" in page
    assert "None" not in page
    world.client.post(reverse("portal:consent_change", args=["care_team"]), {"choice": "ja"})
    withdraw = professional.get(
        reverse("families:consent_withdraw", args=[world.family.pk, "care_team"])
    )
    assert withdraw.status_code == 200
    assert "vastgelegd door Sanne" in withdraw.content.decode()


def test_another_family_member_sees_their_own_family_only(cast):
    world = choices_world(cast)
    other = choices_world(cast, first_name="Noor", email="noor@example.org")
    world.client.post(reverse("portal:consent_change", args=["monitoring"]), {"choice": "nee"})
    page = other.client.get(reverse("portal:consent")).content.decode()
    assert page.count("Nog niet gevraagd") == 3
    assert not Consent.objects.filter(family=other.family).exists()


def test_withdrawn_mdo_consent_makes_the_family_anonymous_on_the_agenda_at_once(cast):
    world = choices_world(cast)
    consent_to_named_discussion(cast, world.family)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, world.family, meeting, "Hoe verder na de bevalling?")
    (row,) = agenda_rows(meeting, cast.case_director)
    assert row.named
    world.client.post(reverse("portal:consent_change", args=["mdo_named"]), {"choice": "nee"})
    (row,) = agenda_rows(meeting, cast.case_director)
    assert not row.named
    assert row.reference == ""
