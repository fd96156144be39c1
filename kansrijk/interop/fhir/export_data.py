"""What the FHIR export of a family file reads: a fixed number of queries, whatever the
number of persons, assessments, goals, referrals, handovers, consents or team members.

The family is granted by the access policy before this is called (`api_export`); here
everything belongs to that one family. Each related list is one query, with the people and
organisations it points at joined (`select_related`), so building the bundle
(`export.build_bundle`) reads nothing more.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from kansrijk.care.models import CarePlan, CaseDirector, Goal, Handover
from kansrijk.families.models import CareTeamMember, Consent, Family, Person, Pregnancy
from kansrijk.signaling.models import Assessment, RouteDecision
from kansrijk.socialmap.models import Referral


@dataclass
class FamilyFile:
    """One family's file as the export needs it, loaded by `family_file_for_export`."""

    family: Family
    persons: list[Person]
    care_team: list[CareTeamMember]
    case_director: CaseDirector | None
    assessments: list[Assessment]
    route_decision: RouteDecision | None
    care_plan: CarePlan | None
    goals: list[Goal]
    referrals: list[Referral]
    handovers: list[Handover]
    consents: list[Consent]
    include_bsn: bool = field(default=False)


def family_file_for_export(family: Family, *, include_bsn: bool) -> FamilyFile:
    """Read the file of `family` (already granted) in eleven queries.

    persons, pregnancies, care team (with account, membership and organisation), current
    case director, assessments, latest route decision, care plan, goals, referrals (service,
    receiving organisation, person, sender), handovers (sender, receivers) and consents.
    """
    prefetch_related_objects(
        [family],
        Prefetch("persons", queryset=Person.objects.order_by("role", "date_of_birth", "pk")),
        Prefetch("pregnancies", queryset=Pregnancy.objects.order_by("-due_date", "-pk")),
        Prefetch(
            "care_team_members",
            queryset=CareTeamMember.objects.current()
            .select_related("professional", "membership__organisation")
            .order_by("start_date", "pk"),
            to_attr="current_care_team",
        ),
    )
    return FamilyFile(
        family=family,
        persons=list(family.persons.all()),
        care_team=family.current_care_team,
        case_director=CaseDirector.objects.current()
        .filter(family=family)
        .select_related("professional")
        .first(),
        assessments=list(
            Assessment.objects.filter(family=family)
            .select_related("recorded_by")
            .order_by("-assessed_on", "-pk")
        ),
        route_decision=RouteDecision.objects.filter(family=family)
        .order_by("-decided_at", "-pk")
        .first(),
        care_plan=CarePlan.objects.filter(family=family).first(),
        goals=list(Goal.objects.filter(family=family).order_by("created_at", "pk")),
        referrals=list(
            Referral.objects.filter(family=family)
            .select_related("service", "receiving_organisation", "person", "sent_by")
            .order_by("sent_at", "pk")
        ),
        handovers=list(
            Handover.objects.filter(family=family)
            .select_related("from_professional", "to_professional", "to_organisation")
            .order_by("proposed_at", "pk")
        ),
        consents=list(Consent.objects.filter(family=family).order_by("recorded_at", "pk")),
        include_bsn=include_bsn,
    )
