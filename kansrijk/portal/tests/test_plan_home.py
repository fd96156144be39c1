"""The family's own plan in the portal: what goes well, goals, what they do themselves, what
the professionals do and when, the spider web; never the safety plan, notes, MDO items,
task descriptions or another family's plan; and the family member's own access is logged."""

import pytest
from django.urls import reverse

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.care import services_plan
from kansrijk.care.services_handovers import case_director_set
from kansrijk.families.models import CareTeamMember
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person, portal_client

from .plan_world import SECRETS, plan_rows, plan_world

pytestmark = pytest.mark.django_db


def test_the_family_sees_their_plan_in_plain_words(cast):
    world = plan_world(cast)
    plan_rows(cast, world.family, 2)
    response = portal_client(world.account).get(reverse("portal:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    for text in [
        "Ons plan",
        "Sanne kan goed koken en heeft lieve buren.",
        "Sanne belt zelf de kraamzorg.",
        "Hulp bij het regelen van de toeslagen.",
        "Zorgpunt 0",
        "Doel 1",
        "Gaat over: Meedoen",
        "Actie 1",
        "Afspraak bij de Voedselbank maken",
        'data-testid="spider-web-svg"',
        'data-testid="spider-web-table"',
    ]:
        assert text in page, text
    # Who does an action: the care-team member's name.
    assert str(cast.care_team_member) in page


def test_nothing_restricted_ever_reaches_the_family(cast):
    world = plan_world(cast)
    page = portal_client(world.account).get(reverse("portal:home")).content.decode()
    for what, text in SECRETS.items():
        assert text not in page, what
    for name in ("portal:team", "portal:phase", "portal:health"):
        other_page = portal_client(world.account).get(reverse(name)).content.decode()
        for what, text in SECRETS.items():
            assert text not in other_page, (name, what)


def test_the_other_family_sees_only_their_own_plan(cast):
    world = plan_world(cast)
    page = portal_client(world.other_account).get(reverse("portal:home")).content.decode()
    assert SECRETS["other family"] in page
    assert "Sanne kan goed koken" not in page
    assert "Afspraak bij de Voedselbank maken" not in page


def test_without_a_plan_the_page_says_who_makes_it_with_them(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    page = portal_client(account).get(reverse("portal:home")).content.decode()
    assert f"Er is nog geen plan. Jullie maken het samen met {cast.case_director}." in page
    assert "Er zijn nog geen doelen." in page
    assert "Jullie hebben nog geen cijfers gegeven." in page
    # What goes well in the family file, before there is a plan.
    assert "Moeder heeft een steunend netwerk." in page


def test_the_recorded_casusregie_names_who_makes_the_plan_before_the_care_team_role(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.care_team_member
    )
    page = portal_client(account).get(reverse("portal:home")).content.decode()
    assert f"Jullie maken het samen met {cast.care_team_member}." in page
    assert str(cast.case_director) not in page


def test_without_a_case_director_the_page_names_the_care_providers(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    CareTeamMember.objects.filter(family=family).update(role_in_family="jeugdverpleegkundige")
    page = portal_client(account).get(reverse("portal:home")).content.decode()
    assert "Er is nog geen plan. Jullie maken het samen met jullie zorgverleners." in page


def test_a_closed_goal_shows_its_status(cast):
    world = plan_world(cast, with_secrets=False)
    goal = services_plan.goal_add(
        actor=cast.case_director,
        family_pk=world.family.pk,
        text="Vaker naar buiten",
        dimension="bodily_functions",
        target_date=None,
    )
    services_plan.goal_close(
        actor=cast.case_director,
        family_pk=world.family.pk,
        goal_pk=goal.pk,
        status="achieved",
    )
    page = portal_client(world.account).get(reverse("portal:home")).content.decode()
    assert "Vaker naar buiten" in page
    assert "Behaald" in page


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("portal:home", "Plan bekeken"),
        ("portal:team", "Zorgteam bekeken"),
        ("portal:phase", "Fase van de 1000 dagen bekeken"),
        ("portal:health", "Eigen cijfers Positieve Gezondheid bekeken"),
    ],
)
def test_each_page_logs_the_family_members_own_access(cast, name, detail):
    world = plan_world(cast, with_secrets=False)
    portal_client(world.account).get(reverse(name))
    event = AccessEvent.objects.filter(family=world.family).order_by("-pk").first()
    assert (event.ground, event.user, event.action) == (SELF_GROUND, None, AccessEvent.Action.READ)
    assert event.detail == detail
    assert event.persons == [world.account.person_id]
    assert "Sanne" in event.user_display


@pytest.mark.parametrize("name", ["portal:home", "portal:team", "portal:phase", "portal:health"])
def test_a_professional_or_a_stranger_is_sent_to_the_portal_login(client, cast, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))
