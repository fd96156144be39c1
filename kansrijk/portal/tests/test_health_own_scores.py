"""A family member fills in their own Positive Health scores in the portal: saved as their
own (the person, their first name, today), audited and logged; shown beside the latest
scores given with a professional; bad input gets Dutch errors and the choices stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.care import services_plan
from kansrijk.care.models import HealthScore
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import TimelineEvent
from kansrijk.families.services import family_close
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.portal import portal_client

from .plan_world import SCORES, plan_world

pytestmark = pytest.mark.django_db

OWN = {
    "bodily_functions": "8",
    "mental_wellbeing": "5",
    "meaningfulness": "9",
    "quality_of_life": "7",
    "participation": "2",
    "daily_functioning": "10",
}


def test_valid_scores_are_saved_as_the_family_members_own(cast):
    world = plan_world(cast, with_secrets=False)
    client = portal_client(world.account)
    response = client.post(reverse("portal:health"), OWN)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:health")
    score = HealthScore.objects.get(family=world.family)
    assert score.scores() == {name: int(value) for name, value in OWN.items()}
    assert score.recorded_by is None
    assert score.recorded_by_person == world.account.person
    assert (score.respondent, score.measured_on) == ("Sanne", timezone.localdate())
    event = AccessEvent.objects.get(
        family=world.family, action=AccessEvent.Action.CREATE, ground=SELF_GROUND
    )
    assert event.user is None
    assert event.detail == "Eigen cijfers Positieve Gezondheid ingevuld"
    audit = AuditEvent.objects.get(object_type="care.HealthScore", object_id=str(score.pk))
    assert audit.actor is None
    assert "Sanne vulde zelf de cijfers in" in audit.summary
    assert TimelineEvent.objects.filter(family=world.family, kind="health_score_recorded").exists()
    # Back on the page: thanks, the history and the web.
    page = client.get(reverse("portal:health")).content.decode()
    assert "Je cijfers zijn opgeslagen." in page
    assert 'data-testid="portal-health-history"' in page
    assert 'data-testid="spider-own"' in page


def test_own_scores_stand_beside_the_latest_given_with_a_professional(cast):
    world = plan_world(cast, with_secrets=False)
    today = timezone.localdate()
    for days, value in ((60, 2), (10, 6)):
        services_plan.health_score_record(
            actor=cast.case_director,
            family_pk=world.family.pk,
            measured_on=today - timedelta(days=days),
            respondent="moeder",
            scores=dict.fromkeys(SCORES, value),
        )
    client = portal_client(world.account)
    client.post(reverse("portal:health"), OWN)
    page = client.get(reverse("portal:health")).content.decode()
    assert 'data-testid="spider-own"' in page
    assert 'data-testid="spider-professional"' in page
    table = page.split('data-testid="portal-health-table"')[1].split("</table>")[0]
    # Participation: own 2, the latest with the professional 6 (not the older 2... of 60 days).
    row = table.split("Meedoen")[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in row.split("<td")[1:]] == ["2", "6"]


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({**OWN, "meaningfulness": "11"}, "Kies een cijfer van 0 tot en met 10 voor Zingeving."),
        ({**OWN, "meaningfulness": "zeven"}, "Kies een cijfer van 0 tot en met 10 voor Zingeving."),
        (
            {k: v for k, v in OWN.items() if k != "meaningfulness"},
            "Kies een cijfer van 0 tot en met 10 voor Zingeving.",
        ),
    ],
)
def test_bad_input_gets_a_dutch_error_and_the_choices_stay(cast, data, field_error):
    world = plan_world(cast, with_secrets=False)
    response = portal_client(world.account).post(reverse("portal:health"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_error in page
    assert "Kies bij elk onderwerp een cijfer." in page
    # The other choices are still checked.
    assert _checked(page, "participation") == "2"
    assert _checked(page, "daily_functioning") == "10"
    assert not HealthScore.objects.exists()


def _checked(page: str, name: str) -> str | None:
    for tag in page.split("<input")[1:]:
        tag = tag.split(">")[0]
        if f'name="{name}"' in tag and " checked" in tag:
            return tag.split('value="')[1].split('"')[0]
    return None


def test_a_closed_file_takes_no_new_scores(cast):
    world = plan_world(cast, with_secrets=False)
    family_close(
        actor=cast.case_director,
        family_pk=world.family.pk,
        reason="Verhuisd",
        expected_version=world.family.version,
    )
    response = portal_client(world.account).post(reverse("portal:health"), OWN)
    assert response.status_code == 400
    assert "Jullie dossier is gesloten." in response.content.decode()
    assert not HealthScore.objects.exists()


def test_the_plan_page_names_the_family_member_who_filled_in_the_scores(cast):
    world = plan_world(cast, with_secrets=False)
    services_plan.health_score_record(
        actor=cast.case_director,
        family_pk=world.family.pk,
        measured_on=timezone.localdate() - timedelta(days=5),
        respondent="moeder",
        scores=SCORES,
    )
    portal_client(world.account).post(reverse("portal:health"), OWN)
    page = logged_in_client(cast.case_director).get(reverse("care:plan", args=[world.family.pk]))
    assert page.status_code == 200
    assert "ingevuld door Sanne zelf (Mijn gezin)" in page.content.decode()


def test_the_plan_api_and_the_fhir_export_take_a_score_without_a_professional(cast):
    world = plan_world(cast, with_secrets=False)
    portal_client(world.account).post(reverse("portal:health"), OWN)
    client = logged_in_client(cast.case_director)
    plan = client.get(f"/api/v1/families/{world.family.pk}/plan/")
    assert plan.status_code == 200, plan.content
    scores = client.get(f"/api/v1/families/{world.family.pk}/plan/health-scores/")
    assert scores.status_code == 200, scores.content
    assert [score["respondent"] for score in scores.json()] == ["Sanne"]
    fhir = client.get(f"/api/v1/families/{world.family.pk}/fhir/")
    assert fhir.status_code == 200, fhir.content
