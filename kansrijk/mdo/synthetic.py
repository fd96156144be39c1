"""Synthetic MDO series, meetings and agendas for the benchmark at scale (rows for
`generate_synthetic`, issue 8).

Per coalition (`SyntheticExtension.coalition_rows`, from the coalition's own random stream,
so the same seed gives the same rows):

- one monthly series, chaired and minuted by two of the coalition's synthetic professionals,
  with four more standing members;
- twelve meetings a month apart, the last a month before the next one: held, minutes final;
  and the next meeting seven days ahead, its agenda published. The participants of each
  meeting are the series' standing ones (most attended the past meetings). The access window
  (`access_until`) is the one `services._access_until` fixes when an agenda is published.

Per family (from the family's own stream): an open family goes on one of those agendas,
submitted by its case director with a question, while the meeting has room (10-30 items,
drawn per meeting) and the file existed before the agenda was published. Items of past
meetings were discussed, and a few got a decision: advice, or back on the agenda (review).
Whether an item is discussed by name follows from the family's consent for named MDO
discussion, which `kansrijk.families.synthetic` generates (30-60% of the families gave it).

The items are any open families, not route-3 ones: an extension sees only its own rows (and
`signaling` runs after `mdo`), so they come from the care team (`ItemSource.SUBMITTED`),
which fits any family. Every text is made up and names nobody, the minutes included.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from kansrijk.families.synthetic import (
    DAY,
    MARK,
    SyntheticExtension,
    _at,
    _delete_rows,
    _dt,
    register_synthetic_extension,
)
from kansrijk.organisations.models import Coalition, Discipline

from .models import (
    DEFAULT_ACCESS_DAYS,
    AgendaItem,
    Decision,
    DecisionKind,
    ItemSource,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
    Recurrence,
    SeriesParticipant,
)
from .services import _access_until

CODE = "mdo"
PAST_MEETINGS = 12
NEXT_IN_DAYS = 7
STARTS_AT = time(14, 0)
ITEMS_PER_MEETING = (10, 30)
# Families that apply per place on an agenda: twice as many as there is room for, so that
# meetings fill up and the items still come from all over the coalition's families.
APPLICANTS_PER_PLACE = 2
ATTENDED = 0.85
DECIDED = 0.4  # of the discussed items
REVIEW = 0.3  # of the decisions; the rest is advice
HOUR = 3600

# The chair, the secretary, then the standing members, by discipline (another professional
# of the coalition where the pool has none).
CHAIR = Discipline.YOUTH_DOCTOR
SECRETARY = Discipline.NEIGHBOURHOOD_WORKER
MEMBERS = (Discipline.MIDWIFE, Discipline.YOUTH_NURSE, Discipline.SOCIAL_WORKER, Discipline.GP)

SERIES_NAME = f"{MARK} MDO Zwangeren in een kwetsbare situatie"
DESCRIPTION = "Maandelijks overleg over zwangeren en jonge gezinnen in een kwetsbare situatie."
PLACE = "Wijkcentrum, zaal 2"
MINUTES = (
    "Verslag van het MDO.\n\n"
    "De vaste deelnemers bespraken de casussen op de agenda; de besluiten staan bij de "
    "agendapunten.\n"
)
QUESTIONS = (
    "Welke ondersteuning past bij dit gezin, en wie pakt die op?",
    "Is na de bevalling extra kraamzorg nodig?",
    "Wie kan het gezin helpen met de financiën en de toeslagen?",
    "Past VoorZorg, of is het buurtteam genoeg?",
    "Hoe houden we samen zicht op het gezin rond de geboorte?",
    "Moeder voelt zich somber; is een verwijzing naar de GGZ nodig?",
)
DISCUSSIONS = (
    "Het zorgteam licht de situatie toe; de deelnemers herkennen de zorgen.",
    "Besproken wat goed gaat en waar het gezin steun bij nodig heeft.",
    "De casusregisseur houdt contact met het gezin en meldt terug.",
)
ADVICE = (
    "Huisbezoek samen met het buurtteam.",
    "Schuldhulp aanbieden via het buurtteam.",
    "Extra uren kraamzorg aanvragen.",
    "Aanmelden bij een ouder-en-kindgroep in de buurt.",
)

COLUMNS = {
    MdoSeries: (
        "id", "coalition_id", "name", "description", "recurrence", "default_place",
        "default_video_link", "access_days", "is_active", "created_at", "created_by_id",
    ),
    SeriesParticipant: ("id", "series_id", "professional_id", "membership_id", "role"),
    MdoMeeting: (
        "id", "series_id", "starts_at", "place", "video_link", "status", "published_at",
        "held_at", "finalised_at", "finalised_by_id", "access_until", "minutes", "version",
        "created_at", "created_by_id",
    ),
    MeetingParticipant: (
        "id", "meeting_id", "professional_id", "membership_id", "role", "attended",
    ),
    AgendaItem: (
        "id", "meeting_id", "family_id", "coalition_id", "source", "status", "question",
        "position", "urgent", "submitted_by_id", "submitted_at", "discussion", "discussed_at",
        "withdrawn_reason", "version",
    ),
    Decision: (
        "id", "item_id", "kind", "text", "route", "professional_id", "organisation_id",
        "discipline", "due_date", "review_date", "task_id", "handover_id", "decided_by_id",
        "decided_at",
    ),
}  # fmt: skip


@dataclass
class Agenda:
    """One meeting as its families need it (`SyntheticFamily.coalition_state`)."""

    id: int
    starts: int  # seconds since the epoch
    published: int
    created: int
    held: bool
    room: int
    chair: int
    next_day: date | None  # the next meeting's day: the review date of a decision
    items: int = 0


@dataclass
class CoalitionAgendas:
    meetings: list[Agenda]
    share: float  # of the coalition's families that apply for an agenda


def _months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _standing(staff: list, rng: random.Random) -> list[tuple]:
    """(staff, role) of the series: by discipline, each professional once."""
    chosen: list[tuple] = []
    taken: set[int] = set()
    roles = (
        (CHAIR, ParticipantRole.CHAIR),
        (SECRETARY, ParticipantRole.SECRETARY),
        *((discipline, ParticipantRole.MEMBER) for discipline in MEMBERS),
    )
    for discipline, role in roles:
        pool = [s for s in staff if s.discipline == discipline and s.id not in taken]
        pool = pool or [s for s in staff if s.id not in taken]
        if not pool:
            break
        person = rng.choice(pool)
        taken.add(person.id)
        chosen.append((person, role))
    return chosen


def _coalition_rows(coalition, rng, next_id, state) -> dict:
    standing = _standing(coalition.staff, rng)
    if len(standing) < 2:  # no chair and secretary: no MDO
        return {}
    chair, secretary = standing[0][0], standing[1][0]
    next_day = coalition.today + timedelta(days=NEXT_IN_DAYS)
    days = [_months_before(next_day, k) for k in range(PAST_MEETINGS, 0, -1)] + [next_day]
    series_id = next_id(MdoSeries)
    first_created = _at(days[0] - timedelta(days=35), rng)
    rows = {model: [] for model in COLUMNS}
    rows[MdoSeries].append(
        (series_id, coalition.id, SERIES_NAME, DESCRIPTION, Recurrence.MONTHLY, PLACE, "",
         DEFAULT_ACCESS_DAYS, True, _dt(first_created - 30 * DAY), chair.id)
    )  # fmt: skip
    for person, role in standing:
        rows[SeriesParticipant].append(
            (next_id(SeriesParticipant), series_id, person.id, person.membership_id, role)
        )
    series = MdoSeries(access_days=DEFAULT_ACCESS_DAYS)
    agendas = []
    for position, day in enumerate(days):
        starts_at = timezone.make_aware(datetime.combine(day, STARTS_AT))
        starts = _seconds(starts_at)
        held = day < coalition.today
        access_until = _access_until(MdoMeeting(series=series, starts_at=starts_at))
        if held:
            published = _at(day - timedelta(days=7), rng)
            finalised = _at(day + timedelta(days=rng.randint(1, 4)), rng)
            status, version, minutes = MeetingStatus.FINAL, 4, MINUTES
        else:
            # Published in the last days: participants may open named files now.
            published = _at(coalition.today - timedelta(days=rng.randint(1, 3)), rng)
            finalised, status, version, minutes = None, MeetingStatus.PUBLISHED, 2, ""
        created = published - 14 * DAY
        meeting_id = next_id(MdoMeeting)
        rows[MdoMeeting].append((
            meeting_id, series_id, starts_at, PLACE, "", status, _dt(published),
            _dt(starts + 2 * HOUR) if held else None, _dt(finalised) if held else None,
            secretary.id if held else None, access_until, minutes, version, _dt(created),
            secretary.id,
        ))  # fmt: skip
        for person, role in standing:
            rows[MeetingParticipant].append(
                (next_id(MeetingParticipant), meeting_id, person.id, person.membership_id, role,
                 (rng.random() < ATTENDED) if held else None)
            )  # fmt: skip
        agendas.append(
            Agenda(
                id=meeting_id,
                starts=starts,
                published=published,
                created=created,
                held=held,
                room=rng.randint(*ITEMS_PER_MEETING),
                chair=chair.id,
                next_day=days[position + 1] if position + 1 < len(days) else None,
            )
        )
    room = sum(agenda.room for agenda in agendas)
    state["agendas"] = CoalitionAgendas(
        meetings=agendas, share=min(1.0, APPLICANTS_PER_PLACE * room / coalition.families)
    )
    return rows


def _rows(family, rng, next_id) -> dict:
    state = family.coalition_state.get(CODE)
    if not state or family.closed_at is not None or rng.random() >= state["agendas"].share:
        return {}
    meetings = state["agendas"].meetings
    agenda = meetings[rng.randrange(len(meetings))]
    if agenda.items >= agenda.room or family.created >= agenda.published - HOUR:
        return {}
    agenda.items += 1
    submitted = rng.randint(max(family.created, agenda.created) + 60, agenda.published - 60)
    item_id = next_id(AgendaItem)
    discussed = agenda.starts + agenda.items * 10 * 60 if agenda.held else None
    rows = {
        AgendaItem: [
            (item_id, agenda.id, family.family_id, family.coalition, ItemSource.SUBMITTED,
             ItemStatus.DISCUSSED if discussed else ItemStatus.ON_AGENDA,
             rng.choice(QUESTIONS), agenda.items, False, family.team[0].id, _dt(submitted),
             rng.choice(DISCUSSIONS) if discussed else "", _dt(discussed) if discussed else None,
             "", 2 if discussed else 1)
        ]
    }  # fmt: skip
    if discussed and rng.random() < DECIDED:
        review = agenda.next_day is not None and rng.random() < REVIEW
        rows[Decision] = [
            (next_id(Decision), item_id, DecisionKind.REVIEW if review else DecisionKind.ADVICE,
             "" if review else rng.choice(ADVICE), None, None, None, "", None,
             agenda.next_day if review else None, None, None, agenda.chair,
             _dt(discussed + 5 * 60))
        ]  # fmt: skip
    return rows


def _delete(cursor) -> None:
    """The series of synthetic coalitions, with their meetings, participants and agendas
    (the items of synthetic families went with them already)."""
    qn = connection.ops.quote_name
    series = (
        f"{qn('coalition_id')} IN (SELECT id FROM {qn(Coalition._meta.db_table)} "
        f"WHERE name LIKE %s)"
    )
    served = MdoSeries.served_coalitions.through
    cursor.execute(
        f"DELETE FROM {qn(served._meta.db_table)} WHERE {qn('mdoseries_id')} IN "
        f"(SELECT id FROM {qn(MdoSeries._meta.db_table)} WHERE {series})",
        [MARK + " %"],
    )
    _delete_rows(cursor, MdoSeries, series, [MARK + " %"])


def register() -> None:
    register_synthetic_extension(
        SyntheticExtension(
            code=CODE,
            columns=COLUMNS,
            rows=_rows,
            coalition_rows=_coalition_rows,
            delete=_delete,
        )
    )
