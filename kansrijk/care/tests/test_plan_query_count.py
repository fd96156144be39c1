"""The plan page costs the same number of queries with 2 and with 10 concerns, goals, score
moments and agreed actions; so do the print version and the plan on the family file.

Every page request pays a fixed overhead before the plan itself (as on the families list):
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships (`request.active`, for the menu and header),
  5. the unread notifications in the header,
  6. the running break-the-glass accesses for the banner.
Then the access policy (`get_family_for_user`) finds the family with the grounds that hold
(1), checks the family's consent for the log (1) and writes the access event (1): 3 queries.
The first request of a session also stores the time of last activity, so the test makes one
request before it counts.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.care import services_plan
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.queries import PAGE_OVERHEAD

pytestmark = pytest.mark.django_db

# The family with the grounds that hold and whether its consent for the log is in force (1),
# and the access event (1).
ACCESS_POLICY = 2
# The plan, the latest talk with the family, the open concerns, the goals, the score
# moments, the agreed actions with owner and organisation joined, and the current care team
# with professional and organisation joined (`selectors.care_plan_overview`).
PLAN = 7
# May this user see the safety plan (for the link): is this the case director — is casusregie
# recorded (1), and if not, the care-team role (1). For the case director that answer ends
# it; anyone else costs one more query (a grant while on the team).
SAFETY_LINK_FOR_CASE_DIRECTOR = 2


def add_rows(cast, family, count: int, *, start: int = 0) -> None:
    today = timezone.localdate()
    for number in range(start, start + count):
        services_plan.concern_add(
            actor=cast.case_director, family_pk=family.pk, text=f"Zorgpunt {number}"
        )
        goal = services_plan.goal_add(
            actor=cast.case_director,
            family_pk=family.pk,
            text=f"Doel {number}",
            dimension="participation",
            target_date=today + timedelta(days=30 + number),
        )
        services_plan.health_score_record(
            actor=cast.case_director,
            family_pk=family.pk,
            measured_on=today - timedelta(days=100 - number),
            respondent="moeder",
            scores=dict.fromkeys(
                [
                    "bodily_functions",
                    "mental_wellbeing",
                    "meaningfulness",
                    "quality_of_life",
                    "participation",
                    "daily_functioning",
                ],
                number % 11,
            ),
        )
        services_plan.plan_action_add(
            actor=cast.case_director,
            family_pk=family.pk,
            title=f"Actie {number}",
            owner=cast.care_team_member if number % 2 else cast.case_director,
            due_date=today + timedelta(days=number),
            goal_pk=goal.pk,
        )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def plan_with_two(cast, cast_family):
    services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={"strengths": "Veel steun", "own_contribution": "", "support_needed": ""},
    )
    services_plan.care_plan_discussed_record(
        actor=cast.case_director, family_pk=cast_family.pk, discussed_on=timezone.localdate()
    )
    add_rows(cast, cast_family, 2)
    return cast_family


def test_the_plan_page_does_not_grow_with_its_rows(cast, plan_with_two):
    client = logged_in_client(cast.case_director)
    url = reverse("care:plan", args=[plan_with_two.pk])
    client.get("/")  # stores the session's last activity
    few = queries_for(client, url)
    add_rows(cast, plan_with_two, 8, start=2)
    many = queries_for(client, url)
    assert few == many == PAGE_OVERHEAD + ACCESS_POLICY + PLAN + SAFETY_LINK_FOR_CASE_DIRECTOR


def test_the_print_version_does_not_grow_with_its_rows(cast, plan_with_two):
    client = logged_in_client(cast.care_team_member)
    url = reverse("care:plan_print", args=[plan_with_two.pk])
    client.get("/")
    few = queries_for(client, url)
    add_rows(cast, plan_with_two, 8, start=2)
    # The print version needs no safety-plan link.
    assert few == queries_for(client, url) == PAGE_OVERHEAD + ACCESS_POLICY + PLAN


def test_the_plan_on_the_family_file_does_not_grow_with_its_rows(cast, plan_with_two):
    client = logged_in_client(cast.case_director)
    url = reverse("families:detail", args=[plan_with_two.pk])
    client.get("/")
    few = queries_for(client, url)
    add_rows(cast, plan_with_two, 8, start=2)
    # The plan section reads the plan, the top three concerns with their total (a window
    # count) and the goal counts: three queries, whatever the number of rows.
    assert queries_for(client, url) == few
