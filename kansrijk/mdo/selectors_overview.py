"""The overview of one MDO series: how the MDO is doing, in aggregates only.

Who may see it, in plain words:
- the coordinators of the series' coalition, and the series' chair and secretary;
- no one else (participants, analysts, administrators: 403);
- it shows no family: counts, a median and a share. For coordinators, who did not sit in the
  meetings, a count of families under `SMALL_NUMBER` is shown as "< 10", and the median and
  the share only when they rest on at least that many families or decisions (as the
  signaling overview, RIVM's local monitor; DESIGN.md section 4). The chair and secretary
  were there: they see the exact figures.

The figures:
- meetings held: meetings of the series with status held or minutes final;
- families discussed: distinct families with an item discussed in a meeting of the series;
- days from route 3 to the first discussion: per family discussed, from the newest route-3
  decision on or before its first discussion in this series to that discussion (calendar
  days); the median over those families;
- decisions carried out on time: decisions that set a task or a handover in motion. A task
  counts on time when it was done on or before its due date, a handover when it was
  accepted on or before its due date; late when that did not happen by then. Decisions
  still within their term, and tasks or handovers cancelled since, are left out.

Four queries whatever the number of meetings, families or decisions.
"""

from dataclasses import dataclass
from datetime import date
from statistics import median

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from kansrijk.care.models import HandoverStatus, TaskStatus
from kansrijk.organisations.models import Membership, Professional
from kansrijk.signaling.levels import Route
from kansrijk.signaling.models import RouteDecision
from kansrijk.signaling.selectors import SMALL_NUMBER, Figure

from .models import (
    AgendaItem,
    Decision,
    ItemStatus,
    MdoSeries,
    MeetingStatus,
    ParticipantRole,
)

HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.FINAL)


@dataclass(frozen=True)
class SeriesOverview:
    series: MdoSeries
    exact: bool  # the chair or secretary: nothing suppressed
    meetings_held: int
    families_discussed: Figure
    median_days_to_first_discussion: float | None  # None when suppressed or no data
    days_measured: Figure  # the families the median rests on
    decisions_on_time: Figure
    decisions_measured: Figure  # on time + late
    share_on_time: int | None  # a percentage; None when suppressed or no data


def may_see_series_overview(user: Professional, series: MdoSeries) -> tuple[bool, bool]:
    """(may see it, sees exact figures): coordinators of the series' coalition see it with
    small numbers suppressed, its chair and secretary see exact figures. One query."""
    if not getattr(user, "pk", None):
        return False, False
    row = (
        MdoSeries.objects.filter(pk=series.pk)
        .annotate(
            managing=Count(
                "participants",
                filter=Q(
                    participants__professional=user,
                    participants__role__in=(ParticipantRole.CHAIR, ParticipantRole.SECRETARY),
                ),
            )
        )
        .values("managing")
        .first()
    )
    exact = bool(row and row["managing"])
    if exact:
        return True, True
    coordinator = (
        Membership.objects.current()
        .filter(professional=user, coalition_id=series.coalition_id, is_coordinator=True)
        .exists()
    )
    return coordinator, False


def _figure(count: int, exact: bool) -> Figure:
    return Figure(count) if exact else Figure.of(count)


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def _days_to_first_discussion(series: MdoSeries) -> tuple[int, list[int]]:
    """(families discussed, days from route 3 to the first discussion per family with a
    route-3 decision before it). Two queries."""
    firsts = dict(
        AgendaItem.objects.filter(meeting__series=series, status=ItemStatus.DISCUSSED)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .values("family_id")
        .annotate(first=Min(Coalesce("discussed_at", "meeting__starts_at")))
        .values_list("family_id", "first")
    )
    decisions: dict[int, list] = {}
    if firsts:
        rows = RouteDecision.objects.filter(
            route=Route.VULNERABLE,
            family_id__in=AgendaItem.objects.filter(
                meeting__series=series, status=ItemStatus.DISCUSSED
            ).values("family_id"),
        ).values_list("family_id", "decided_at")
        for family_id, decided_at in rows:
            decisions.setdefault(family_id, []).append(decided_at)
    days = []
    for family_id, first in firsts.items():
        before = [moment for moment in decisions.get(family_id, ()) if moment <= first]
        if before:
            days.append((_local_date(first) - _local_date(max(before))).days)
    return len(firsts), days


def _decisions_on_time(series: MdoSeries, today: date) -> tuple[int, int]:
    """(on time, late) over the series' decisions with a task or a handover. One query."""
    task_done_on = TruncDate("task__completed_at")
    accepted_on = TruncDate("handover__accepted_at")
    task_due = Coalesce("task__due_date", "due_date")
    handover_due = Coalesce("handover__due_date", "due_date")
    with_task = Q(task__isnull=False) & ~Q(task__status=TaskStatus.CANCELLED)
    with_handover = Q(task__isnull=True, handover__isnull=False) & ~Q(
        handover__status=HandoverStatus.CANCELLED
    )
    counts = (
        Decision.objects.filter(item__meeting__series=series)
        .filter(with_task | with_handover)
        .annotate(
            task_done_on=task_done_on,
            accepted_on=accepted_on,
            task_due=task_due,
            handover_due=handover_due,
        )
        .aggregate(
            on_time=Count(
                "pk",
                filter=(
                    with_task
                    & Q(task__status=TaskStatus.DONE)
                    & (Q(task_due__isnull=True) | Q(task_done_on__lte=F("task_due")))
                )
                | (
                    with_handover
                    & Q(accepted_on__isnull=False)
                    & (Q(handover_due__isnull=True) | Q(accepted_on__lte=F("handover_due")))
                ),
            ),
            late=Count(
                "pk",
                filter=(
                    with_task
                    & Q(task_due__isnull=False)
                    & (
                        (Q(task__status=TaskStatus.DONE) & Q(task_done_on__gt=F("task_due")))
                        | (~Q(task__status=TaskStatus.DONE) & Q(task_due__lt=today))
                    )
                )
                | (
                    with_handover
                    & Q(handover_due__isnull=False)
                    & (
                        Q(accepted_on__gt=F("handover_due"))
                        | (Q(accepted_on__isnull=True) & Q(handover_due__lt=today))
                    )
                ),
            ),
        )
    )
    return counts["on_time"], counts["late"]


def series_overview(series: MdoSeries, *, exact: bool, today: date | None = None) -> SeriesOverview:
    """The figures of `series` (see the module's docstring); `exact` for the chair and
    secretary. Four queries."""
    today = today or timezone.localdate()
    meetings_held = series.meetings.filter(status__in=HELD_STATUSES).count()
    families, days = _days_to_first_discussion(series)
    on_time, late = _decisions_on_time(series, today)
    measured = on_time + late
    days_shown = bool(days) and (exact or len(days) >= SMALL_NUMBER)
    share_shown = measured > 0 and (exact or measured >= SMALL_NUMBER)
    return SeriesOverview(
        series=series,
        exact=exact,
        meetings_held=meetings_held,
        families_discussed=_figure(families, exact),
        median_days_to_first_discussion=round(median(days), 1) if days_shown else None,
        days_measured=_figure(len(days), exact),
        decisions_on_time=_figure(on_time, exact) if share_shown else Figure(None),
        decisions_measured=_figure(measured, exact),
        share_on_time=round(100 * on_time / measured) if share_shown else None,
    )
