"""A family with a full plan, and the things a family member must never see, for the portal's
plan tests."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kansrijk.care import services_plan
from kansrijk.care.services import task_create
from kansrijk.families.models import Family
from kansrijk.portal.models import FamilyAccount
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit
from kansrijk.testing.portal import make_account, make_client_person

SCORES = {
    "bodily_functions": 6,
    "mental_wellbeing": 4,
    "meaningfulness": 7,
    "quality_of_life": 5,
    "participation": 3,
    "daily_functioning": 8,
}
# Texts that may never reach a family member's page.
SECRETS = {
    "safety plan": "Partner dreigt bij ruzie",
    "discussion note": "Moeder leek afwezig tijdens het gesprek",
    "task description": "Let op: vermoeden van schulden, niet met vader bespreken",
    "MDO question": "Is een melding bij Veilig Thuis nodig?",
    "MDO task": "Overleg met Veilig Thuis over een melding",
    "other family": "Het andere gezin heeft een grote familie",
}


@dataclass
class PlanWorld:
    family: Family
    account: FamilyAccount
    other_account: FamilyAccount


def plan_rows(cast, family, count: int, *, start: int = 0) -> None:
    """`count` concerns, goals, score moments and agreed actions (due within a few weeks)."""
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
            scores=dict.fromkeys(SCORES, number % 11),
        )
        services_plan.plan_action_add(
            actor=cast.case_director,
            family_pk=family.pk,
            title=f"Actie {number}",
            owner=cast.care_team_member if number % 2 else cast.case_director,
            due_date=today + timedelta(days=number + 1),
            goal_pk=goal.pk,
        )


def plan_world(cast, *, with_secrets: bool = True) -> PlanWorld:
    family = make_family(cast)
    services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=0,
        data={
            "strengths": "Sanne kan goed koken en heeft lieve buren.",
            "own_contribution": "Sanne belt zelf de kraamzorg.",
            "support_needed": "Hulp bij het regelen van de toeslagen.",
        },
    )
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    other = make_family(cast)
    services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=other.pk,
        expected_version=0,
        data={"strengths": SECRETS["other family"], "own_contribution": "", "support_needed": ""},
    )
    other_account = make_account(
        make_client_person(other, cast.case_director, first_name="Fatima", email="f@example.org"),
        cast.case_director,
    )
    if with_secrets:
        add_secrets(cast, family)
    return PlanWorld(
        family=Family.objects.get(pk=family.pk), account=account, other_account=other_account
    )


def add_secrets(cast, family) -> None:
    services_plan.safety_plan_update(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=0,
        data={"risks": SECRETS["safety plan"], "agreements": "", "contacts": ""},
    )
    services_plan.care_plan_discussed_record(
        actor=cast.case_director,
        family_pk=family.pk,
        discussed_on=timezone.localdate(),
        note=SECRETS["discussion note"],
    )
    task_create(
        actor=cast.case_director,
        family=family,
        title="Afspraak bij de Voedselbank maken",
        owner=cast.case_director,
        due_date=timezone.localdate() + timedelta(days=3),
        description=SECRETS["task description"],
        source="plan",
    )
    task_create(
        actor=cast.case_director,
        family=family,
        title=SECRETS["MDO task"],
        owner=cast.case_director,
        due_date=timezone.localdate() + timedelta(days=3),
        source="mdo",
    )
    submit(cast, family, plan_meeting(cast, make_series(cast)), SECRETS["MDO question"])
