"""A fictional MDO for the demo (seed_demo step 60).

After the families (step 20), their screenings (30), the chain-signal situations (40) and the
plans and handovers (50), Kansrijke Start Lindeoord gets its MDO "Zwangeren in een kwetsbare
situatie":

- the series, monthly, managed by the coordinator (login "coordinator"), with the
  gynaecologist as chair ("gynaecoloog"), the neighbourhood team as secretary ("buurtteam")
  and the midwife, the JGZ nurse and the maternity carer as standing members
  ("verloskundige", "jgz", "kraamzorg");
- a meeting held three weeks ago, minutes final: DEMO-013 and DEMO-018 discussed by name
  (the families gave consent for named discussion, step 20), DEMO-011 anonymously; the
  route confirmed, a house visit as a task for a care-team member (done on time), advice,
  and a review date for DEMO-011;
- the next meeting in ten days, agenda published: DEMO-010 and DEMO-005 by name and DEMO-007
  and DEMO-017 anonymously, each with a question from their care team. The other route-3
  families (DEMO-008, DEMO-012, DEMO-021) wait as candidates, so the chain signal "route 3
  not in the MDO" of DEMO-008 (step 40) stays: a candidate is not on the agenda.

Everything goes through the services as the MDO would, so the audit trail, the access log
and the families' timelines are written as in real use. Only what a service stamps "now"
(or refuses in the past, as a meeting's date) is moved into the past afterwards, as
`kansrijk.worklist.demo` does. Each part checks first whether it was done, so running
seed_demo again changes nothing.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kansrijk.care.models import Task
from kansrijk.care.services import task_complete
from kansrijk.families.models import (
    CareTeamMember,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Family,
    TimelineEvent,
)
from kansrijk.families.services import consent_record
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Professional

from . import decision_ground, services, services_decisions
from .models import (
    AgendaItem,
    Decision,
    DecisionKind,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
    ParticipantRole,
)
from .timeline import MDO_DECISION, MDO_DISCUSSED

COALITION = "Kansrijke Start Lindeoord"
SERIES_NAME = "MDO Zwangeren in een kwetsbare situatie"
PLACE = "Wijkcentrum De Linde, zaal 2"
STANDING = (
    ("gynaecoloog", ParticipantRole.CHAIR),
    ("buurtteam", ParticipantRole.SECRETARY),
    ("verloskundige", ParticipantRole.MEMBER),
    ("jgz", ParticipantRole.MEMBER),
    ("kraamzorg", ParticipantRole.MEMBER),
)
HELD_DAYS_AGO = 21
NEXT_IN_DAYS = 10
HELD_NAMED = ("DEMO-013", "DEMO-018")
HELD_ANONYMOUS = ("DEMO-011",)
NEXT_NAMED = ("DEMO-010", "DEMO-005")
NEXT_ANONYMOUS = ("DEMO-007", "DEMO-017")
QUESTIONS = {
    "DEMO-013": "Moeder heeft schulden en weinig steun. Wie kan haar helpen bij de financiën, "
    "en is een kraamzorgpakket met extra uren nodig?",
    "DEMO-018": "Er zijn zorgen over de veiligheid thuis. Wie neemt contact op met Veilig Thuis "
    "en hoe houden we samen zicht op het gezin?",
    "DEMO-011": "Jonge moeder zonder netwerk; past VoorZorg, of is het buurtteam genoeg?",
    "DEMO-010": "De route ging van 2 naar 3. Is het plan nog passend, en moet het buurtteam "
    "aansluiten?",
    "DEMO-007": "Geen netwerk in Nederland en een taalbarrière. Wie neemt de regie en hoe "
    "regelen we een tolk bij de controles?",
    "DEMO-005": "Twijfel over de route: is begeleiding door de JGZ voldoende?",
    "DEMO-017": "Moeder wil graag een cursus over opvoeden in een nieuw land; wat past?",
}
DISCUSSIONS = {
    "DEMO-013": "Het zorgteam licht de schulden en de woonsituatie toe. Het buurtteam kent "
    "moeder al en kan snel een afspraak maken. De route blijft 3.",
    "DEMO-018": "De verloskundige heeft de zorgen met moeder besproken; zij staat open voor "
    "hulp. Afgesproken dat de verloskundige een huisbezoek doet met het buurtteam.",
    "DEMO-011": "Anoniem besproken. VoorZorg lijkt passend; het zorgteam bespreekt dit met moeder.",
}


def seed_demo_mdo() -> str | None:
    coalition = Coalition.objects.filter(name=COALITION).first()
    families = {f.reference: f for f in Family.objects.filter(reference__startswith="DEMO-")}
    if coalition is None or not families:
        return None
    people = {
        p.username: p
        for p in Professional.objects.filter(
            username__in=[u for u, _r in STANDING] + ["coordinator"]
        )
    }
    if len(people) < len(STANDING) + 1:
        return None
    # The decisions of the held meeting act on the files through the "MDO decision" ground
    # (`MdoConfig.ready` registers it; registering again replaces it).
    decision_ground.register()
    series, new_series = _series(coalition, people)
    held = _held_meeting(series, families, people)
    upcoming = _upcoming_meeting(series, families, people)
    return (
        f"Demo-MDO: {int(new_series)} reeks, {int(held)} gehouden en {int(upcoming)} "
        "komend overleg aangemaakt."
    )


# --- Helpers --------------------------------------------------------------------------------


def _at(day, hour: int = 14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _care_team_member(family: Family) -> Professional | None:
    member = (
        CareTeamMember.objects.current()
        .filter(family=family)
        .select_related("professional")
        .order_by("start_date", "pk")
        .first()
    )
    return member.professional if member else None


def _consent_to_named_discussion(family: Family) -> None:
    if Consent.objects.given().filter(family=family, purpose=ConsentPurpose.MDO_NAMED).exists():
        return
    consent_record(
        actor=_care_team_member(family),
        family_pk=family.pk,
        purpose=ConsentPurpose.MDO_NAMED,
        given=True,
        method=ConsentMethod.VERBAL,
    )


def _submit(meeting: MdoMeeting, family: Family) -> AgendaItem:
    return services.agenda_item_submit(
        actor=_care_team_member(family),
        family_pk=family.pk,
        meeting_pk=meeting.pk,
        question=QUESTIONS[family.reference],
    )


def _withdraw_candidates(meeting: MdoMeeting, actor: Professional, reason: str) -> None:
    for item in meeting.items.filter(status=ItemStatus.CANDIDATE):
        services.agenda_item_withdraw(
            actor=actor, meeting_pk=meeting.pk, item_pk=item.pk, reason=reason
        )


# --- The series -----------------------------------------------------------------------------


@transaction.atomic
def _series(coalition: Coalition, people: dict) -> tuple[MdoSeries, bool]:
    series = MdoSeries.objects.filter(coalition=coalition, name=SERIES_NAME).first()
    if series is not None:
        return series, False
    coordinator = people["coordinator"]
    series = services.series_save(
        actor=coordinator,
        coalition=coalition,
        data={
            "name": SERIES_NAME,
            "description": (
                "Maandelijks overleg over zwangeren en gezinnen met route 3: wie neemt de "
                "regie, welke disciplines sluiten aan en wat is het plan."
            ),
            "recurrence": "monthly",
            "default_place": PLACE,
            "access_days": 14,
        },
    )
    for username, role in STANDING:
        services.series_participant_add(
            actor=coordinator, series=series, professional=people[username], role=role
        )
    return series, True


# --- The meeting held three weeks ago -------------------------------------------------------


@transaction.atomic
def _held_meeting(series: MdoSeries, families: dict, people: dict) -> bool:
    if series.meetings.filter(status=MeetingStatus.FINAL).exists():
        return False
    wanted = [families.get(r) for r in (*HELD_NAMED, *HELD_ANONYMOUS)]
    if any(family is None or _care_team_member(family) is None for family in wanted):
        return False
    chair, secretary = people["gynaecoloog"], people["buurtteam"]
    today = timezone.localdate()
    meeting = services.meeting_plan(
        actor=people["coordinator"],
        series=series,
        data={"starts_at": timezone.now() + timedelta(hours=1), "place": PLACE},
    )
    for reference in HELD_NAMED:
        _consent_to_named_discussion(families[reference])
    items = {family.reference: _submit(meeting, family) for family in wanted}
    _withdraw_candidates(meeting, secretary, "Op de agenda van een volgend overleg.")
    meeting = services.meeting_transition(
        actor=chair, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    for reference, item in items.items():
        services_decisions.item_discussion_save(
            actor=secretary,
            meeting_pk=meeting.pk,
            item_pk=item.pk,
            discussion=DISCUSSIONS[reference],
        )

    def decide(reference, kind, **fields):
        return services_decisions.decision_record(
            actor=chair, item_pk=items[reference].pk, kind=kind, **fields
        )

    decide("DEMO-013", DecisionKind.ROUTE_CONFIRMED)
    decide(
        "DEMO-013",
        DecisionKind.ADVICE,
        text="Buurtteam maakt binnen een week een afspraak over de schulden.",
    )
    decide("DEMO-018", DecisionKind.ROUTE_CONFIRMED)
    visit = decide(
        "DEMO-018",
        DecisionKind.TASK,
        text="Huisbezoek samen met het buurtteam",
        professional=_care_team_member(families["DEMO-018"]),
        due_date=today + timedelta(days=14),
    )
    decide("DEMO-011", DecisionKind.ADVICE, text="Bespreek VoorZorg met moeder.")
    decide(
        "DEMO-011",
        DecisionKind.REVIEW,
        text="Terug op de agenda als duidelijk is of VoorZorg start.",
        review_date=today + timedelta(days=NEXT_IN_DAYS + 30),
    )
    meeting = services_decisions.minutes_generate(
        actor=secretary, meeting_pk=meeting.pk, expected_version=None
    )
    meeting = services_decisions.minutes_finalise(
        actor=secretary, meeting_pk=meeting.pk, expected_version=None
    )
    if visit.task_id:
        task_complete(actor=visit.task.owner, family_pk=visit.task.family_id, task_pk=visit.task_id)
    _move_into_the_past(meeting, visit, days=HELD_DAYS_AGO)
    return True


def _move_into_the_past(meeting: MdoMeeting, visit: Decision, *, days: int) -> None:
    """The meeting took place `days` ago: what the services stamped "now" moves with it."""
    held_on = timezone.localdate() - timedelta(days=days)
    starts_at = _at(held_on)
    MdoMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts_at,
        published_at=starts_at - timedelta(days=7),
        held_at=starts_at + timedelta(hours=2),
        finalised_at=starts_at + timedelta(days=2),
        access_until=_at(held_on + timedelta(days=meeting.series.access_days + 1), 0),
    )
    meeting.refresh_from_db()
    items = AgendaItem.objects.filter(meeting=meeting)
    items.update(submitted_at=starts_at - timedelta(days=10))
    items.filter(status=ItemStatus.DISCUSSED).update(discussed_at=starts_at + timedelta(hours=1))
    Decision.objects.filter(item__meeting=meeting).update(decided_at=starts_at + timedelta(hours=1))
    TimelineEvent.objects.filter(
        kind__in=(MDO_DISCUSSED, MDO_DECISION),
        family_id__in=items.values("family_id"),
    ).update(at=starts_at + timedelta(hours=1))
    if visit.task_id:
        # Due two weeks after the meeting, done a few days before: on time.
        Task.objects.filter(pk=visit.task_id).update(
            created_at=starts_at + timedelta(hours=1),
            due_date=held_on + timedelta(days=14),
            completed_at=_at(held_on + timedelta(days=9), 11),
        )
        Decision.objects.filter(pk=visit.pk).update(due_date=held_on + timedelta(days=14))
    review = Decision.objects.filter(item__meeting=meeting, kind=DecisionKind.REVIEW)
    review.update(review_date=held_on + timedelta(days=HELD_DAYS_AGO + NEXT_IN_DAYS + 30))


# --- The next meeting -----------------------------------------------------------------------


@transaction.atomic
def _upcoming_meeting(series: MdoSeries, families: dict, people: dict) -> bool:
    if series.meetings.filter(status=MeetingStatus.PUBLISHED).exists():
        return False
    wanted = [families.get(r) for r in (*NEXT_NAMED, *NEXT_ANONYMOUS)]
    if any(family is None or _care_team_member(family) is None for family in wanted):
        return False
    day = timezone.localdate() + timedelta(days=NEXT_IN_DAYS)
    meeting = services.meeting_plan(
        actor=people["coordinator"],
        series=series,
        data={"starts_at": _at(day), "place": PLACE},
    )
    for reference in NEXT_NAMED:
        _consent_to_named_discussion(families[reference])
    for family in wanted:
        _submit(meeting, family)
    services.meeting_transition(
        actor=people["gynaecoloog"], meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return True


organisations_demo.register_demo_step(60, seed_demo_mdo)
