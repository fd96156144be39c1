"""The portal's plan and team pages cost the same number of queries with few and many
goals, tasks, score moments and care-team members.

Every portal page pays: the session (1) and the family account with person, family and
coalition joined (1); at its end it logs the family member's own access: the person's family
for its coalition (1, `access_event_record_self` reads `person.family`) and the event (1).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.care.services_handovers import case_director_set
from kansrijk.families.services import care_team_member_add
from kansrijk.testing.factories import MembershipFactory
from kansrijk.testing.portal import portal_client

from .plan_world import plan_rows, plan_world

pytestmark = pytest.mark.django_db

# The session row and the session's account (with person, family and coalition).
PORTAL = 2
# The family member's own access event.
OWN_ACCESS = 1
# The plan's text, the open concerns, the goals, the score moments, the open tasks made
# with the family (owner and organisation joined), and the case director's name: the recorded
# casusregie or else the care-team member named so, in one union (`selectors_plan.family_plan`).
PLAN = 6
# The current care team (professional, membership and organisation joined) and the recorded
# case director (`selectors_plan.family_team`).
TEAM = 2


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_home_page_does_not_grow_with_the_plan(cast):
    world = plan_world(cast)
    plan_rows(cast, world.family, 2)
    client = portal_client(world.account)
    url = reverse("portal:home")
    few = queries_for(client, url)
    plan_rows(cast, world.family, 8, start=2)
    many = queries_for(client, url)
    assert few == many == PORTAL + PLAN + OWN_ACCESS


def test_the_home_page_costs_the_same_with_recorded_casusregie(cast):
    world = plan_world(cast, with_secrets=False)
    client = portal_client(world.account)
    url = reverse("portal:home")
    by_role = queries_for(client, url)
    case_director_set(
        actor=cast.case_director, family_pk=world.family.pk, professional=cast.case_director
    )
    recorded = queries_for(client, url)
    assert by_role == recorded == PORTAL + PLAN + OWN_ACCESS


def test_the_team_page_does_not_grow_with_the_team(cast):
    world = plan_world(cast, with_secrets=False)
    client = portal_client(world.account)
    url = reverse("portal:team")
    few = queries_for(client, url)
    for number in range(4):
        membership = MembershipFactory(coalition=cast.coalition, phone=f"06 1234567{number}")
        care_team_member_add(
            actor=cast.case_director,
            family_pk=world.family.pk,
            professional=membership.professional,
            role_in_family=f"rol {number}",
        )
    many = queries_for(client, url)
    assert few == many == PORTAL + TEAM + OWN_ACCESS
    page = client.get(url).content.decode()
    assert page.count('data-testid="portal-team-member"') == 6
