"""Reads of signaling data. The family always comes from the access policy first.

Figures for the coordinator's overview are aggregates: they show no family, and every count
under `SMALL_NUMBER` is suppressed (RIVM's local monitor; DESIGN.md section 4).
"""

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from kansrijk.care.models import Task, TaskStatus
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, answered, read_now, side_by_side
from kansrijk.families.models import Family

from .levels import LEVEL_ORDER, Level, Route
from .models import Assessment, AssessmentStatus, RouteDecision

SMALL_NUMBER = 10
EARLY_WEEKS = 16


@dataclass
class FamilySignaling:
    """What the top of a family file shows about signaling (a fixed number of queries)."""

    latest: Assessment | None
    route: RouteDecision | None
    open_steps: list[Task]
    history: list[Assessment]
    drafts: list[Assessment] = field(default_factory=list)


HISTORY_SIZE = 12


def _assessments(family, history_size: int) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(family_id=family)
        .defer("answers", "result")
        .order_by("-assessed_on", "-id")[: history_size + 10]
    )


# Compiled once (`CompiledQuery`): the file page reads them on every visit.
_ASSESSMENTS = {
    size: CompiledQuery(lambda size=size: _assessments(Slot("family"), size))
    for size in (1, HISTORY_SIZE)
}
_NEWEST_ROUTE = CompiledQuery(
    lambda: RouteDecision.objects.filter(family_id=Slot("family")).order_by("-decided_at", "-id")[
        :1
    ]
)
_OPEN_ROUTE_STEPS = CompiledQuery(
    lambda: (
        Task.objects.filter(family_id=Slot("family"), status=TaskStatus.OPEN, source="route")
        .select_related("owner", "owner_organisation")
        .order_by("due_date", "pk")
    )
)


def family_signaling(family: Family, *, history_size: int = HISTORY_SIZE) -> FamilySignaling:
    """Latest level, current route with its open next steps, level history, open drafts
    (`family_signaling_reads`)."""
    return read_now(family_signaling_reads(family, history_size=history_size))


def family_signaling_reads(family: Family, *, history_size: int = HISTORY_SIZE) -> Reader:
    """A reader (`kansrijk.core.together`) of `family_signaling`.

    Three queries in one round trip, for every family: assessments (final and draft, newest
    first, bounded), the newest route decision, and the route's open tasks with their owners
    (`select_related`: one join per owner kind instead of a query per task). What the file
    and the MDO show of an assessment is its level and dates: its answers and scoring
    result, the largest columns, are left unread, and so is who recorded or decided.
    """
    if history_size in _ASSESSMENTS:
        assessments = _ASSESSMENTS[history_size].reads(family=family.pk)
    else:
        assessments = answered(list(_assessments(family.pk, history_size)))
    # Read whether or not there is a route, so that the file costs the same number of
    # queries for every family (benchmark, issue 5); without a route there are no steps.
    assessments, route, open_steps = yield from side_by_side(
        [
            assessments,
            _NEWEST_ROUTE.reads_first(family=family.pk),
            _OPEN_ROUTE_STEPS.reads(family=family.pk),
        ]
    )
    final = [a for a in assessments if not a.is_draft]
    return FamilySignaling(
        latest=final[0] if final else None,
        route=route,
        open_steps=open_steps,
        history=list(reversed(final[:history_size])),
        drafts=[a for a in assessments if a.is_draft],
    )


def families_awaiting_mdo(coalition) -> QuerySet[Family]:
    """Families whose current route is 3 and who have not been discussed in an MDO yet.

    For the MDO app (it pulls route-3 candidates from here; DESIGN.md section 2).
    """
    newest = RouteDecision.objects.filter(family=OuterRef("pk")).order_by("-decided_at", "-id")
    return (
        Family.objects.filter(coalition=coalition)
        .annotate(
            current_route=Subquery(newest.values("route")[:1]),
            current_awaiting=Subquery(newest.values("awaiting_mdo")[:1]),
            current_priority=Subquery(newest.values("priority")[:1]),
        )
        .filter(current_route=Route.VULNERABLE, current_awaiting=True)
    )


# --- Coordinator overview ----------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count that may be too small to show."""

    value: int | None  # None when suppressed

    @classmethod
    def of(cls, count: int) -> "Figure":
        return cls(count if count == 0 or count >= SMALL_NUMBER else None)

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class Overview:
    start: date
    end: date
    assessments: Figure
    families: Figure
    by_level: list[tuple[Level, Figure]]
    by_route: list[tuple[Route, Figure, Figure]]  # route, all, of which overridden
    first_signalings: Figure
    median_weeks_at_first: float | None  # None when suppressed or no data
    share_before_16_weeks: float | None  # a percentage; None when suppressed or no data
    before_16_weeks: Figure


def coalition_overview(coalition, *, start: date, end: date) -> Overview:
    """The coalition's finished assessments with `start <= assessed_on <= end`.

    Four queries whatever the number of assessments: counts per level, route decisions per
    route, and the gestational ages at each pregnancy's first assessment (the first in the
    pregnancy's whole history, counted when it falls in the period).
    """
    final = Assessment.objects.filter(coalition=coalition, status=AssessmentStatus.FINAL)
    in_period = final.filter(assessed_on__gte=start, assessed_on__lte=end)
    counts = in_period.aggregate(
        total=Count("pk"),
        families=Count("family", distinct=True),
        **{level.value: Count("pk", filter=Q(level=level.value)) for level in LEVEL_ORDER},
    )
    decisions = RouteDecision.objects.filter(
        coalition=coalition, decided_at__date__gte=start, decided_at__date__lte=end
    )
    routes = {
        row["route"]: row
        for row in decisions.values("route").annotate(
            total=Count("pk"),
            overridden=Count(
                "pk",
                filter=~Q(route=F("proposed_route")) | ~Q(priority=F("proposed_priority")),
            ),
        )
    }
    # Each pregnancy's first finished assessment ever; it counts when it falls in the period.
    first_pk = (
        final.filter(pregnancy=OuterRef("pregnancy")).order_by("assessed_on", "pk").values("pk")[:1]
    )
    ages = list(
        in_period.filter(
            pregnancy__isnull=False, pk=Subquery(first_pk), gestational_age_days__isnull=False
        ).values_list("gestational_age_days", flat=True)
    )
    early = sum(1 for days in ages if days < EARLY_WEEKS * 7)
    shown = len(ages) >= SMALL_NUMBER
    return Overview(
        start=start,
        end=end,
        assessments=Figure.of(counts["total"]),
        families=Figure.of(counts["families"]),
        by_level=[(level, Figure.of(counts[level.value])) for level in LEVEL_ORDER],
        by_route=[
            (
                route,
                Figure.of(routes.get(route.value, {}).get("total", 0)),
                Figure.of(routes.get(route.value, {}).get("overridden", 0)),
            )
            for route in Route
        ],
        first_signalings=Figure.of(len(ages)),
        median_weeks_at_first=round(median(ages) / 7, 1) if shown else None,
        share_before_16_weeks=round(100 * early / len(ages)) if shown else None,
        before_16_weeks=Figure.of(early) if shown else Figure(None),
    )
