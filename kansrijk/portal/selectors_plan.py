"""What a family member sees of their own plan, care team, phase and Positive Health scores.

The rules, in plain words:

- Only their own family: every read starts from `account.family` (the portal session's
  account), never from a number in the URL, so no other family can be reached.
- Of the plan they see what the print version for the family shows (`care/plan_print.html`):
  what goes well, the open concerns, what the family does itself, the help it needs, the goals
  (text, Positive Health dimension, status, target date) and the agreed actions (title, who,
  by when). The scores are the family's own.
- Tasks: only those made with the family — the plan's agreed actions and the first JGZ contact
  after the kraamperiode — and only their title, owner and due date, never the description
  (a professional's working note).
- Never: the safety plan, the notes of the talks about the plan, MDO items and decisions (or
  tasks an MDO made), the plan's version history, anything of another family. Those models are
  simply not read here.

Each read names the fields it needs (`only`), so a new field on a model is not shown by
accident.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, DateField, F, IntegerField, Value, When
from django.utils import timezone

from kansrijk.care.models import (
    PLAN_TASK_SOURCE,
    CarePlan,
    CaseDirector,
    Concern,
    Goal,
    GoalStatus,
    HealthDimension,
    HealthScore,
    Task,
)
from kansrijk.care.selectors import CASE_DIRECTOR_ROLE, case_director_of
from kansrijk.families.models import CareTeamMember
from kansrijk.families.phases import Phase, family_phase
from kansrijk.organisations.models import Professional
from kansrijk.worklist.rules import JGZ_CONTACT_SOURCE

# Tasks made with the family: the plan's agreed actions and the first JGZ contact.
FAMILY_TASK_SOURCES = (PLAN_TASK_SOURCE, JGZ_CONTACT_SOURCE)
# "Coming up" on the home page: open tasks due within this many days (or already due).
UPCOMING_DAYS = 28
NAME_FIELDS = ("professional__first_name", "professional__last_name", "professional__username")
SCORE_FIELDS = ("id", "measured_on", "respondent", "recorded_by_id", "recorded_by_person_id")


@dataclass
class FamilyPlan:
    """The home page of the portal, read in a fixed number of queries (see `family_plan`)."""

    plan: CarePlan | None
    strengths: str
    concerns: list[Concern]
    goals: list[Goal]
    scores: list[HealthScore]
    tasks: list[Task]
    case_director_name: str
    today: date
    upcoming_until: date = field(init=False)

    def __post_init__(self):
        self.upcoming_until = self.today + timedelta(days=UPCOMING_DAYS)

    @property
    def open_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.is_open]

    @property
    def closed_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if not goal.is_open]

    @property
    def actions(self) -> list[Task]:
        """What the professionals will do: the plan's open agreed actions."""
        return [task for task in self.tasks if task.source == PLAN_TASK_SOURCE]

    @property
    def upcoming(self) -> list[Task]:
        """Open tasks made with the family that are due in the next weeks (or already due)."""
        return [
            task
            for task in self.tasks
            if task.due_date is not None and task.due_date <= self.upcoming_until
        ]

    @property
    def first_score(self) -> HealthScore | None:
        return self.scores[0] if self.scores else None

    @property
    def latest_score(self) -> HealthScore | None:
        return self.scores[-1] if len(self.scores) > 1 else None


def _scores(family):
    return HealthScore.objects.filter(family=family).only(*SCORE_FIELDS, *HealthDimension.values)


def family_plan(account, *, today: date | None = None) -> FamilyPlan:
    """The plan of the account's own family, in six or seven queries: the plan's text, the
    open concerns, the goals, the score moments, the open tasks made with the family (owner
    and organisation joined) and the case director's name (`case_director_name`)."""
    today = today or timezone.localdate()
    family = account.family
    plan = (
        CarePlan.objects.filter(family=family)
        .only("id", "family_id", "strengths", "own_contribution", "support_needed", "updated_at")
        .first()
    )
    tasks = list(
        Task.objects.open()
        .filter(family=family, source__in=FAMILY_TASK_SOURCES)
        .select_related("owner", "owner_organisation")
        .only(
            "id",
            "title",
            "due_date",
            "status",
            "source",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
            "owner_organisation__name",
        )
        .order_by("due_date", "id")
    )
    return FamilyPlan(
        plan=plan,
        strengths=(plan.strengths if plan is not None else "") or family.strengths,
        concerns=list(
            Concern.objects.open().filter(family=family).only("id", "text").order_by("position")
        ),
        goals=list(
            Goal.objects.filter(family=family)
            .only("id", "text", "dimension", "status", "target_date")
            .order_by(
                Case(
                    When(status=GoalStatus.OPEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                "target_date",
                "id",
            )
        ),
        scores=list(_scores(family).order_by("measured_on", "id")),
        tasks=tasks,
        case_director_name=case_director_name(family),
        today=today,
    )


def case_director_name(family) -> str:
    """The name of the family's case director, as the professional side decides it
    (`kansrijk.care.selectors.is_case_director`): the recorded casusregie, else the care-team
    member whose role says casusregisseur; "" when there is none. One query: both candidates
    in a union, the recorded one ranked first, so the count does not depend on which exists."""
    recorded = (
        CaseDirector.objects.current()
        .filter(family=family)
        .annotate(rank=Value(0), since=Value(None, output_field=DateField()))
        .values_list(*NAME_FIELDS, "rank", "since", "id")
        .order_by()
    )
    named = (
        CareTeamMember.objects.current()
        .filter(family=family, role_in_family__icontains=CASE_DIRECTOR_ROLE)
        .annotate(rank=Value(1), since=F("start_date"))
        .values_list(*NAME_FIELDS, "rank", "since", "id")
        .order_by()
    )
    first = recorded.union(named, all=True).order_by("rank", "since", "id").first()
    if first is None:
        return ""
    first_name, last_name, username = first[: len(NAME_FIELDS)]
    return str(Professional(first_name=first_name, last_name=last_name, username=username))


@dataclass
class TeamMember:
    name: str
    role: str
    organisation: str
    phone: str
    is_case_director: bool


def family_team(account) -> list[TeamMember]:
    """The current care team of the account's own family, case director first, in two
    queries: the team (professional, membership and organisation joined) and the recorded
    casusregie. The phone is the member's direct number for this family, else their
    organisation's."""
    family = account.family
    members = list(
        CareTeamMember.objects.current()
        .filter(family=family)
        .select_related("professional", "membership__organisation")
        .only(
            "id",
            "role_in_family",
            "phone",
            "start_date",
            "professional__first_name",
            "professional__last_name",
            "professional__username",
            "membership__phone",
            "membership__organisation__name",
            "membership__organisation__phone",
        )
        .order_by("start_date", "id")
    )
    recorded = list(
        CaseDirector.objects.current().filter(family=family).values_list("professional_id")
    )
    if recorded:
        director = recorded[0][0]
        is_director = [member.professional_id == director for member in members]
    else:
        named = case_director_of(members)
        is_director = [member is named for member in members]
    team = []
    for member, director in zip(members, is_director, strict=True):
        organisation = member.membership.organisation if member.membership_id else None
        team.append(
            TeamMember(
                name=str(member.professional),
                role=member.role_in_family,
                organisation=organisation.name if organisation else "",
                phone=member.phone
                or (member.membership.phone if member.membership_id else "")
                or (organisation.phone if organisation else ""),
                is_case_director=director,
            )
        )
    team.sort(key=lambda member: not member.is_case_director)
    return team


def family_phase_of(account, *, today: date | None = None) -> Phase:
    """The family's phase of the 1000 days, computed as on the professional side (one query:
    the family's pregnancies)."""
    return family_phase(
        account.family.pregnancies.only("id", "due_date", "birth_date", "outcome"),
        today=today or timezone.localdate(),
    )


@dataclass
class FamilyScores:
    """The health page: the person's own moments and the latest one recorded by a
    professional with the family."""

    own: list[HealthScore]  # filled in in the portal by the family, newest first
    professional: HealthScore | None
    person_id: int

    @property
    def latest_own(self) -> HealthScore | None:
        return next((s for s in self.own if s.recorded_by_person_id == self.person_id), None)


def family_scores(account) -> FamilyScores:
    """Two queries: the family's own portal entries, and the latest moment a professional
    recorded with the family."""
    family = account.family
    return FamilyScores(
        own=list(
            _scores(family)
            .filter(recorded_by_person__isnull=False)
            .order_by("-measured_on", "-recorded_at", "-id")
        ),
        professional=_scores(family)
        .filter(recorded_by__isnull=False)
        .order_by("-measured_on", "-id")
        .first(),
        person_id=account.person_id,
    )
