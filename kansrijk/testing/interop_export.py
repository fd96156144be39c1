"""Test data for the FHIR export: a family file with persons, assessments, a route, a plan
with goals, referrals, handovers, consents and extra care-team members, `size` of each."""

from datetime import date, timedelta

from django.utils import timezone

from kansrijk.access.services import break_the_glass_start
from kansrijk.care.models import CarePlan, CaseDirector, Goal, GoalStatus, Handover
from kansrijk.families.models import CareTeamMember, Consent, Family, Person
from kansrijk.organisations.models import Discipline
from kansrijk.signaling.models import Assessment, RouteDecision
from kansrijk.socialmap.models import Referral
from kansrijk.testing.actors import Cast
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory
from kansrijk.testing.socialmap_referrals import make_receiving_side

BSN = "111222333"  # passes the elfproef; a well-known test number
DIMENSIONS = ("mental_wellbeing", "participation", "daily_functioning", "meaningfulness")


def add_household(family: Family) -> dict[str, Person]:
    """Client (with BSN), partner (with BSN) and a child."""

    def person(role, first_name, born, bsn=""):
        return Person.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            role=role,
            first_name=first_name,
            last_name="Jansen",
            date_of_birth=born,
            bsn=bsn,
        )

    return {
        "client": person("client", "Sara", date(1998, 3, 4), BSN),
        "partner": person("partner", "Tom", date(1996, 7, 8), "123456782"),
        "child": person("child", "Noor", date(2026, 1, 10)),
    }


def grow_file(cast: Cast, family: Family, *, size: int, start: int = 0) -> None:
    """Add `size` assessments, goals, referrals, handovers, consents and team members."""
    today = timezone.localdate()
    now = timezone.now()
    client = family.persons.filter(role="client").first()
    side = make_receiving_side(
        cast,
        name=f"Buurtteam {start}",
        service_name=f"Schuldhulp {start}",
        username=f"ontvanger{start}",
    )
    CarePlan.objects.get_or_create(
        family=family,
        defaults={
            "coalition_id": family.coalition_id,
            "strengths": "Sterk netwerk.",
            "support_needed": "Hulp bij geldzaken.",
        },
    )
    for number in range(start, start + size):
        assessment = Assessment.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            instrument_key="r4u-kansrijk",
            instrument_version=1,
            status="final",
            answers={
                "gs_onveilig_thuis": "no",
                "gs_woonsituatie": "onzeker",
                "gs_sterke_kanten": "Grootmoeder helpt.",
            },
            level="potentially_vulnerable",
            assessed_on=today - timedelta(days=number),
            recorded_by=cast.case_director,
            finished_at=now,
        )
        RouteDecision.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            assessment=assessment,
            proposed_route=2,
            route=2,
            decided_by=cast.case_director,
        )
        Goal.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            text=f"Doel {number}",
            dimension=DIMENSIONS[number % len(DIMENSIONS)],
            target_date=today + timedelta(days=30),
            status=GoalStatus.ACHIEVED if number % 2 else GoalStatus.OPEN,
            closed_at=now if number % 2 else None,
            created_by=cast.case_director,
        )
        Referral.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            person=client,
            service=side.service,
            receiving_organisation=side.organisation,
            reason="Schulden lopen op.",
            consent_to_share=True,
            sent_by=cast.case_director,
            respond_by=today + timedelta(days=10),
        )
        Handover.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            from_professional=cast.case_director,
            to_organisation=side.organisation,
            summary=f"Overdracht {number}",
            due_date=today + timedelta(days=7),
        )
        Consent.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            purpose="monitoring",
            given=bool(number % 2),
            method="verbal",
            recorded_by=cast.case_director,
            withdrawn_at=now,
        )
        professional = ProfessionalFactory(username=f"teamlid{number}", last_name=f"Lid {number}")
        membership = MembershipFactory(
            professional=professional,
            organisation=side.organisation,
            coalition=cast.coalition,
            discipline=Discipline.SOCIAL_WORKER,
        )
        CareTeamMember.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            professional=professional,
            membership=membership,
            role_in_family="maatschappelijk werker",
            phone="06 12345678",
        )
    if not CaseDirector.objects.filter(family=family).exists():
        CaseDirector.objects.create(
            family=family, coalition_id=family.coalition_id, professional=cast.case_director
        )


def open_break_the_glass(professional, family: Family) -> None:
    break_the_glass_start(
        user=professional,
        family_pk=family.pk,
        reason="acute_care",
        explanation="Acute situatie, zorgteam niet bereikbaar in het weekend.",
    )
