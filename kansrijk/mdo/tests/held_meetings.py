"""Past MDO meetings for the overview and API tests: families with route 3, discussed in a
meeting held on a given day, and decisions with a task or a handover.

The meeting is planned, the families are submitted through the services; moving the meeting
into the past and marking items discussed is written directly (the meeting mode's services
are tested in their own files).
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from kansrijk.care.models import Task, TaskStatus
from kansrijk.families.models import Family
from kansrijk.mdo.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
)
from kansrijk.signaling.models import RouteDecision
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import plan_meeting, submit


def moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def route_3_family(cast: Cast, *, decided_on: date | None = None) -> Family:
    """A family of the cast with route 3 chosen (on `decided_on` if given)."""
    family = make_family(cast)
    assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "vulnerable", "reden": "Weinig steun en veel zorgen."},
        route=3,
    )
    if decided_on is not None:
        RouteDecision.objects.filter(family=family).update(decided_at=moment(decided_on, 9))
    return family


def held_meeting(
    cast: Cast, series: MdoSeries, families: list[Family], *, held_on: date
) -> MdoMeeting:
    """A meeting of `series` held on `held_on` (minutes final) where `families` were
    discussed."""
    meeting = plan_meeting(cast, series, in_days=3)
    for family in families:
        submit(cast, family, meeting)
    when = moment(held_on, 14)
    MdoMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=when,
        status=MeetingStatus.FINAL,
        published_at=when - timedelta(days=7),
        held_at=when,
        finalised_at=when,
        access_until=when + timedelta(days=series.access_days + 1),
        minutes="Verslag.",
    )
    AgendaItem.objects.filter(meeting=meeting, family__in=families).update(
        status=ItemStatus.DISCUSSED, discussed_at=when, discussion="Besproken."
    )
    meeting.refresh_from_db()
    return meeting


def task_decision(
    cast: Cast, item: AgendaItem, *, due: date, done_on: date | None = None, cancelled=False
) -> Decision:
    """A task decision about `item`: done on `done_on`, or open, or cancelled."""
    status = TaskStatus.CANCELLED if cancelled else TaskStatus.DONE if done_on else TaskStatus.OPEN
    task = Task.objects.create(
        family=item.family,
        coalition=item.coalition,
        title="Huisbezoek samen met het buurtteam",
        owner=cast.case_director,
        due_date=due,
        status=status,
        completed_at=moment(done_on) if done_on else None,
        source="mdo",
    )
    return Decision.objects.create(
        item=item,
        kind=DecisionKind.TASK,
        text="Huisbezoek",
        due_date=due,
        task=task,
        decided_by=cast.coordinator,
    )
