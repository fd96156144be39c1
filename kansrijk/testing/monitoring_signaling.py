"""Test data for the signaling indicators: assessments, route decisions, route tasks, case
directors and MDO discussions, made directly with the ORM (no services, no access log), at
given local dates and times. Everything is fictional."""

from datetime import date, datetime, time

from django.utils import timezone

from kansrijk.care.models import CaseDirector, Task, TaskStatus
from kansrijk.families.models import Family, FamilyStatus, Pregnancy
from kansrijk.mdo.models import AgendaItem, ItemSource, ItemStatus, MdoMeeting, MdoSeries
from kansrijk.organisations.models import Professional
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` in the coalition's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def created_on(family: Family, moment: datetime) -> Family:
    """Backdate the family's creation (`created_at` is set automatically on insert)."""
    Family.objects.filter(pk=family.pk).update(created_at=moment)
    family.created_at = moment
    return family


def closed_on(family: Family, moment: datetime) -> Family:
    Family.objects.filter(pk=family.pk).update(status=FamilyStatus.CLOSED, closed_at=moment)
    family.status, family.closed_at = FamilyStatus.CLOSED, moment
    return family


def assess(
    family: Family,
    by: Professional,
    *,
    on: date,
    level: str = Level.NONE,
    age_days: int | None = None,
    pregnancy: Pregnancy | None = None,
    final: bool = True,
) -> Assessment:
    """An assessment of `family` on `on` (of its first pregnancy unless given), finished at
    noon that day unless `final` is false, with gestational age `age_days`."""
    if pregnancy is None:
        pregnancy = family.pregnancies.order_by("pk").first()
    return Assessment.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        pregnancy=pregnancy,
        instrument_key="test",
        instrument_version=1,
        status=AssessmentStatus.FINAL if final else AssessmentStatus.DRAFT,
        level=level if final else "",
        assessed_on=on,
        gestational_age_days=age_days,
        recorded_by=by,
        finished_at=local(on) if final else None,
    )


def decide(
    family: Family, by: Professional, *, at: datetime, route: int, priority: bool = False
) -> RouteDecision:
    """A route decision as proposed (no reason needed)."""
    return RouteDecision.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        proposed_route=route,
        proposed_priority=priority,
        route=route,
        priority=priority,
        decided_by=by,
        decided_at=at,
        awaiting_mdo=route == 3,
    )


def route_task(
    decision: RouteDecision, step: str, *, status: str = TaskStatus.OPEN, by: Professional
) -> Task:
    """The task a route step made (`source` "route", `source_id` "<decision>:<step>")."""
    done = status == TaskStatus.DONE
    return Task.objects.create(
        family_id=decision.family_id,
        coalition_id=decision.coalition_id,
        title=step,
        owner=by,
        status=status,
        source="route",
        source_id=f"{decision.pk}:{step}",
        created_by=by,
        completed_at=decision.decided_at if done else None,
        completed_by=by if done else None,
    )


def direct(
    family: Family, professional: Professional, *, since: datetime, until: datetime | None = None
) -> CaseDirector:
    return CaseDirector.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=professional,
        started_at=since,
        ended_at=until,
        set_by=professional,
    )


def discuss_in_mdo(
    family: Family,
    *,
    at: datetime,
    meeting_status: str = "held",
    item_status: str = ItemStatus.DISCUSSED,
) -> AgendaItem:
    """An agenda item for `family` in a meeting at `at` (its own series and meeting)."""
    series = MdoSeries.objects.create(coalition_id=family.coalition_id, name="MDO test")
    meeting = MdoMeeting.objects.create(
        series=series,
        starts_at=at,
        status=meeting_status,
        held_at=at if meeting_status in ("held", "final") else None,
    )
    return AgendaItem.objects.create(
        meeting=meeting,
        family=family,
        coalition_id=family.coalition_id,
        source=ItemSource.ROUTE_3,
        status=item_status,
        discussed_at=at if item_status == ItemStatus.DISCUSSED else None,
    )


__all__ = [
    "assess",
    "closed_on",
    "created_on",
    "decide",
    "direct",
    "discuss_in_mdo",
    "local",
    "route_task",
]
