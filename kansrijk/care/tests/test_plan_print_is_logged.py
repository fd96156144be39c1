"""The print version of the plan is for the family: plain Dutch, never the safety plan, and
every print is in the access log as a print (NEN 7513 "export/print")."""

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care import selectors, services_plan
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_fetching_the_family_for_print_writes_a_print_event(cast, cast_family):
    family = selectors.care_plan_for_print(cast.care_team_member, cast_family.pk)
    assert family == cast_family
    event = AccessEvent.objects.order_by("-pk").first()
    assert event.action == AccessEvent.Action.PRINT
    assert (event.user, event.family, event.authorisation) == (
        cast.care_team_member,
        cast_family,
        True,
    )
    assert event.ground == "care_team"
    assert event.detail == "Gezinsplan afgedrukt (versie voor het gezin)"


def test_an_outsider_cannot_print_and_the_attempt_is_logged(cast, cast_family):
    with pytest.raises(Http404):
        selectors.care_plan_for_print(cast.outsider, cast_family.pk)
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.user, event.authorisation) == ("P", cast.outsider, False)


def test_the_print_page_is_plain_dutch_for_the_family_without_the_safety_plan(cast, cast_family):
    services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={
            "strengths": "We hebben veel steun van oma.",
            "own_contribution": "We gaan elke week naar het consultatiebureau.",
            "support_needed": "Hulp bij de schulden.",
        },
    )
    services_plan.concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Schulden")
    services_plan.goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Rust in mijn hoofd",
        dimension="mental_wellbeing",
    )
    services_plan.care_plan_discussed_record(
        actor=cast.case_director, family_pk=cast_family.pk, discussed_on=timezone.localdate()
    )
    services_plan.safety_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={"risks": "Geheime zorg over veiligheid", "agreements": "", "contacts": ""},
    )
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.case_director).get(
        reverse("care:plan_print", args=[cast_family.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Ons gezinsplan",
        "Dit is jullie plan.",
        "We hebben dit plan samen besproken op",
        "Waar maken we ons zorgen over?",
        "Schulden",
        "Wat doen we zelf",
        "Welke hulp hebben we nodig",
        "Rust in mijn hoofd",
        "Dit gaat over: Mentaal welbevinden",
        "Wie helpt ons?",
        "care/plan.css",
    ]:
        assert text in page, text
    assert "Geheime zorg over veiligheid" not in page
    assert "Veiligheidsplan" not in page
    events = AccessEvent.objects.order_by("pk")[before:]
    assert [e.action for e in events] == ["P"]
