"""Reads of the care plan for the acting professional.

A plan belongs to one family, so every read starts from the family the access policy gave
(`kansrijk.families.pages.family_for_page` / `get_family_for_user`, which log the NEN 7513
event). The safety plan is narrower than the family file; its rule is `may_see_safety_plan`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Value, When, Window
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.core.compiled import Asked, CompiledQuery
from kansrijk.core.expressions import Slot, subquery_count
from kansrijk.core.together import Reader, side_by_side
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.families.selectors import visible_family

from .models import (
    PLAN_TASK_SOURCE,
    CarePlan,
    CaseDirector,
    Concern,
    Goal,
    GoalStatus,
    HealthScore,
    PlanDiscussion,
    PlanVersion,
    SafetyPlan,
    SafetyPlanGrant,
    Task,
    TaskStatus,
)

Action = AccessEvent.Action
CASE_DIRECTOR_ROLE = "casusregisseur"


# --- Who may see the safety plan ----------------------------------------------------------


def current_case_directors(family: Family, *, request=None) -> list[CaseDirector]:
    """Who holds the family's casusregie now (one row, as a rule), with professional and
    organisation: one query.

    With `request` the rows are read once per request and family: the file page's sections
    (the director, the portal's invitations, inzage) all ask, and a GET changes nothing in
    between. Services, which change the casusregie, pass no request and read afresh.
    """
    return ask_current_case_directors(family, request=request).rows()


def ask_current_case_directors(family: Family, *, request=None) -> Asked:
    """`current_case_directors` asked (`CompiledQuery.ask`): a section of the file page asks
    it with the others and reads the rows after its `yield`; the memo keeps the asked query,
    so that a section that asks later reads the same rows."""
    memo = request.__dict__.setdefault("_case_directors", {}) if request is not None else {}
    if family.pk not in memo:
        memo[family.pk] = _CURRENT_CASE_DIRECTORS.ask(family=family.pk)
    return memo[family.pk]


_CURRENT_CASE_DIRECTORS = CompiledQuery(
    lambda: (
        CaseDirector.objects.current()
        .filter(family_id=Slot("family"))
        .select_related("professional", "membership__organisation")
        .order_by("pk")
    )
)


def is_case_director(user, family: Family, *, request=None) -> bool:
    """Whether `user` is the family's case director (casusregisseur) now.

    The recorded casusregie (`CaseDirector`, set and transferred through handovers) decides.
    A file on which casusregie was never recorded falls back to the care-team member whose
    role in the family says "casusregisseur", as files were opened before it was recorded.
    With `request` (a page), the rows come from `current_case_directors` and the care team
    from what the file page prefetched (`current_care_team`): no query of its own there.
    """
    if not getattr(user, "pk", None):
        return False
    if request is not None:
        recorded = current_case_directors(family, request=request)
        if recorded:
            return any(director.professional_id == user.pk for director in recorded)
        care_team = getattr(family, "current_care_team", None)
        if care_team is not None:
            director = case_director_of([m for m in care_team if m.professional_id == user.pk])
            return director is not None
    else:
        recorded = CaseDirector.objects.current().filter(family=family)
        if recorded.exists():
            return recorded.filter(professional=user).exists()
    # Never recorded (known from the request's read, or asked above): the team's roles.
    return (
        CareTeamMember.objects.current()
        .filter(family=family, professional=user, role_in_family__icontains=CASE_DIRECTOR_ROLE)
        .exists()
    )


def case_director_of(care_team: list[CareTeamMember]) -> CareTeamMember | None:
    """The case director among care-team members already read (same rule as
    `is_case_director`), to name them on a page without another query."""
    return next(
        (m for m in care_team if CASE_DIRECTOR_ROLE in (m.role_in_family or "").lower()), None
    )


def may_see_safety_plan(user, family: Family) -> bool:
    """Who sees (and edits) the safety plan (veiligheidsplan), in plain words:

    - the family's case director (`is_case_director`);
    - a care-team member to whom the case director granted it (`SafetyPlanGrant`), while the
      grant is not revoked and the professional is still on the care team.
    Nobody else: not the rest of the care team, not break-the-glass, not an MDO participant.
    To everyone else the safety plan does not exist (404), as the access policy answers.
    """
    if not getattr(user, "pk", None):
        return False
    if is_case_director(user, family):
        return True
    on_team = CareTeamMember.objects.current().filter(
        family=OuterRef("family"), professional=OuterRef("professional")
    )
    return (
        SafetyPlanGrant.objects.active()
        .filter(family=family, professional=user)
        .filter(Exists(on_team))
        .exists()
    )


def safety_plan_family(
    user,
    pk,
    *,
    request=None,
    coalition=None,
    log_read: bool = True,
    detail: str = "",
    case_director_only: bool = False,
) -> Family:
    """The family whose safety plan `user` may see; otherwise `Http404` with the refusal logged.

    Someone without access to the family at all is refused (and logged) by the access policy.
    Someone who may see the family but not its safety plan gets a refused access event too
    (authorisation false), so the case director can see who tried. With `log_read` the
    allowed read is logged; a form post leaves that to the service, which logs the update.
    `case_director_only` narrows it to the case director (managing who else may see it).
    """
    family = visible_family(user, pk, coalition=coalition)
    if family is None:
        # Logs the refused attempt and raises Http404.
        family = get_family_for_user(user, pk, Action.READ, request=request, coalition=coalition)
    allowed = (
        is_case_director(user, family) if case_director_only else may_see_safety_plan(user, family)
    )
    if not allowed:
        access_event_record(
            user=user,
            action=Action.UPDATE
            if request is not None and request.method == "POST"
            else Action.READ,
            family=family,
            authorisation=False,
            treatment_relationship=False,
            consent=False,
            emergency=False,
            detail=_("Geweigerd: geen toegang tot het veiligheidsplan"),
            request=request,
        )
        raise Http404(NOT_FOUND_MESSAGE)
    if log_read:
        family = get_family_for_user(
            user, pk, Action.READ, request=request, coalition=coalition, detail=detail
        )
    return family


def safety_plan_of(family: Family) -> SafetyPlan | None:
    """The safety plan of a family `safety_plan_family` gave (None before its first save)."""
    return SafetyPlan.objects.filter(family=family).select_related("updated_by").first()


def safety_plan_grants(family: Family) -> list[SafetyPlanGrant]:
    """Every grant of the family, active first, with who gave and revoked it."""
    return list(
        SafetyPlanGrant.objects.filter(family=family)
        .select_related("professional", "granted_by", "revoked_by")
        .order_by(
            Case(When(revoked_at__isnull=True, then=Value(0)), default=Value(1)),
            "-granted_at",
            "-id",
        )
    )


# --- The plan -----------------------------------------------------------------------------


@dataclass
class PlanOverview:
    """Everything the plan page (and its print version) shows, read in a fixed number of
    queries whatever the number of concerns, goals, scores and actions."""

    family: Family
    plan: CarePlan | None
    discussion: PlanDiscussion | None
    concerns: list[Concern]
    goals: list[Goal]
    scores: list[HealthScore]
    actions: list[Task]
    care_team: list[CareTeamMember]
    today: date
    goals_by_pk: dict[int, Goal] = field(default_factory=dict)

    def __post_init__(self):
        self.goals_by_pk = {goal.pk: goal for goal in self.goals}
        for action in self.actions:
            action.goal = (
                self.goals_by_pk.get(int(action.source_id)) if action.source_id.isdigit() else None
            )
            action.overdue = action.is_overdue(self.today)

    @property
    def open_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.is_open]

    @property
    def closed_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if not goal.is_open]

    @property
    def open_actions(self) -> list[Task]:
        return [action for action in self.actions if action.is_open]

    @property
    def first_score(self) -> HealthScore | None:
        return self.scores[0] if self.scores else None

    @property
    def latest_score(self) -> HealthScore | None:
        return self.scores[-1] if len(self.scores) > 1 else None

    @property
    def case_director(self) -> CareTeamMember | None:
        return case_director_of(self.care_team)

    @property
    def changed_since_discussion(self) -> bool:
        """The plan's text changed after the family last discussed it."""
        if self.plan is None or self.discussion is None:
            return False
        return timezone.localdate(self.plan.updated_at) > self.discussion.discussed_on


def care_plan_overview(family: Family, *, today: date | None = None) -> PlanOverview:
    """The plan of a family the access policy gave, in seven queries: the plan, the latest
    discussion, the open concerns, the goals, the score moments, the agreed actions (owner
    and organisation joined) and the current care team (professional and organisation
    joined, for the owners of new actions and the contacts on the print version)."""
    today = today or timezone.localdate()
    return PlanOverview(
        family=family,
        plan=CarePlan.objects.filter(family=family).select_related("updated_by").first(),
        discussion=PlanDiscussion.objects.filter(family=family)
        .select_related("recorded_by")
        .order_by("-discussed_on", "-id")
        .first(),
        concerns=list(Concern.objects.open().filter(family=family).order_by("position", "id")),
        goals=list(
            Goal.objects.filter(family=family).order_by(
                Case(When(status=GoalStatus.OPEN, then=Value(0)), default=Value(1)),
                "target_date",
                "id",
            )
        ),
        scores=list(HealthScore.objects.filter(family=family).order_by("measured_on", "id")),
        actions=list(
            Task.objects.filter(family=family, source=PLAN_TASK_SOURCE)
            .select_related("owner", "owner_organisation")
            .annotate(
                open_first=Case(
                    When(status=TaskStatus.OPEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("open_first", "due_date", "id")
        ),
        care_team=current_care_team(family),
        today=today,
    )


def current_care_team(family: Family) -> list[CareTeamMember]:
    """The current care team with professional and organisation, in one query."""
    return list(
        CareTeamMember.objects.current()
        .filter(family=family)
        .select_related("professional", "membership__organisation")
        .order_by("start_date", "id")
    )


def plan_versions(plan: CarePlan) -> list[PlanVersion]:
    """Every kept version of the plan's text, newest first, with who changed it."""
    return list(plan.versions.select_related("changed_by").order_by("-version"))


def care_plan_for_print(user, pk, *, request=None, coalition=None) -> Family:
    """The family for the print version of its plan; logged as a print (NEN 7513 "P")."""
    return get_family_for_user(
        user,
        pk,
        Action.PRINT,
        request=request,
        coalition=coalition,
        detail=_("Gezinsplan afgedrukt (versie voor het gezin)"),
    )


@dataclass
class PlanSummary:
    has_plan: bool
    top_concerns: list[Concern]
    open_concerns: int
    open_goals: int
    all_goals: int


TOP_CONCERNS = 3


# Compiled once (`CompiledQuery`): the family file reads them on every visit.
_TOP_CONCERNS = CompiledQuery(
    lambda: (
        Concern.objects.open()
        .filter(family_id=Slot("family"))
        .annotate(open_total=Window(Count("id")))
        .order_by("position", "id")[:TOP_CONCERNS]
    )
)
_PLAN_AND_GOALS = CompiledQuery(
    lambda: (
        Family.objects.filter(pk=Slot("family"))
        .annotate(
            has_plan=Exists(CarePlan.objects.filter(family_id=OuterRef("pk"))),
            all_goals=subquery_count(Goal.objects.filter(family_id=OuterRef("pk")), "family_id"),
            open_goals=subquery_count(
                Goal.objects.filter(family_id=OuterRef("pk"), status=GoalStatus.OPEN), "family_id"
            ),
        )
        .values("has_plan", "all_goals", "open_goals")
    )
)


def plan_summary_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of what the family file shows of the plan, in two
    queries: the three most important open concerns with the number of open concerns (a
    window count, computed before the limit), and whether there is a plan with the goal
    counts (subqueries of one row)."""
    top, plan = yield from side_by_side(
        [_TOP_CONCERNS.reads(family=family.pk), _PLAN_AND_GOALS.reads_first(family=family.pk)]
    )
    return PlanSummary(
        has_plan=plan["has_plan"],
        top_concerns=top,
        open_concerns=top[0].open_total if top else 0,
        open_goals=plan["open_goals"],
        all_goals=plan["all_goals"],
    )
