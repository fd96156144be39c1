"""Reads of MDO series, meetings and agendas.

The agenda is the one place where the MDO shows anything of a family, and it follows the
privacy rules of DESIGN.md section 5:

- an item is *named* only while the family's consent for named MDO discussion is in force;
- a named item shows the family's reference (and a link to the file) only to a viewer who
  may see the family now (care team, the MDO participant ground during the window,
  break-the-glass): `kansrijk.access.policy.families_visible_to`;
- every other item shows the *anonymous summary*: the client's age band, the phase of the
  1000 days, the latest vulnerability level and the current route. No name, no reference,
  no date of birth, no free text from the file.

Reading the summary logs no access event: it identifies no one. Opening a named item's file
goes through `get_family_for_user` on the family file, which logs it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.policy import families_visible_to
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, read_now
from kansrijk.families.models import Consent, ConsentPurpose, Family, Person, PersonRole
from kansrijk.families.phases import Phase
from kansrijk.families.selectors import with_phase, with_phase_dates
from kansrijk.organisations.models import Coalition, Membership, Professional
from kansrijk.signaling.levels import Level, Route
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision

from .models import (
    AgendaItem,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
    ParticipantRole,
    SeriesParticipant,
)

MANAGING_ROLES = (ParticipantRole.CHAIR, ParticipantRole.SECRETARY)


# --- The anonymous summary ----------------------------------------------------------------


def age_band(date_of_birth: date | None, *, on: date) -> str:
    """The client's age in a band wide enough not to identify her."""
    if date_of_birth is None:
        return _("leeftijd onbekend")
    birthday_to_come = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    years = on.year - date_of_birth.year - birthday_to_come
    if years < 20:
        return _("jonger dan 20")
    if years < 30:
        return "20\N{EN DASH}29"
    if years < 40:
        return "30\N{EN DASH}39"
    return _("40 of ouder")


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item as a viewer may see it.

    `reference` is filled only when the item is named *and* the viewer may see the family
    (`identified`); templates show it, and link to the file, only then. `item.family` is not
    loaded: use `reference`, never the family object.
    """

    item: AgendaItem
    named: bool
    visible: bool
    age_band: str
    phase: Phase | None
    level: Level | None
    route: Route | None
    reference: str = ""

    @property
    def identified(self) -> bool:
        return self.named and self.visible


def _named_consent() -> Exists:
    return Exists(
        Consent.objects.given().filter(family=OuterRef("family"), purpose=ConsentPurpose.MDO_NAMED)
    )


def _family_summaries(family_ids: set[int]) -> dict[int, Family]:
    """The families with what the anonymous summary needs, in one query: the phase's
    pregnancy dates (`with_phase_dates`, as on the family lists), the first client's date of
    birth, the newest final assessment's level and the newest route decision's route."""
    client = Person.objects.filter(family=OuterRef("pk"), role=PersonRole.CLIENT).order_by("pk")
    level = Assessment.objects.filter(
        family=OuterRef("pk"), status=AssessmentStatus.FINAL
    ).order_by("-assessed_on", "-id")
    route = RouteDecision.objects.filter(family=OuterRef("pk")).order_by("-decided_at", "-id")
    families = (
        with_phase_dates(Family.objects.filter(pk__in=family_ids))
        .annotate(
            client_date_of_birth=Subquery(client.values("date_of_birth")[:1]),
            latest_level=Subquery(level.values("level")[:1]),
            current_route=Subquery(route.values("route")[:1]),
        )
        .only("pk", "reference")
    )
    return {family.pk: family for family in with_phase(families, today=timezone.localdate())}


def agenda_rows(
    meeting: MdoMeeting, viewer: Professional, *, statuses: tuple[str, ...] | None = None
) -> list[AgendaRow]:
    """The items of `meeting` (with `statuses`, default all) in agenda order, each with what
    `viewer` may see of its family.

    Three queries, whatever the number of items: the items with whether their family's
    consent for named discussion is in force (an `Exists` per row, in the same query), the
    families' anonymous summaries (`_family_summaries`: subqueries, no query per family),
    and which of the families `viewer` may see (the access policy, once for all).
    """
    items = meeting.items.annotate(named=_named_consent()).order_by("position", "id")
    if statuses is not None:
        items = items.filter(status__in=statuses)
    items = list(items)
    family_ids = {item.family_id for item in items}
    if not family_ids:
        return []
    summaries = _family_summaries(family_ids)
    visible = set(
        families_visible_to(viewer).filter(pk__in=family_ids).values_list("pk", flat=True)
    )
    on = timezone.localtime(meeting.starts_at).date()
    rows = []
    for item in items:
        family = summaries[item.family_id]
        may_see = item.family_id in visible
        rows.append(
            AgendaRow(
                item=item,
                named=item.named,
                visible=may_see,
                age_band=age_band(family.client_date_of_birth, on=on),
                phase=family.phase,
                level=Level(family.latest_level) if family.latest_level else None,
                route=Route(family.current_route) if family.current_route else None,
                reference=family.reference if item.named and may_see else "",
            )
        )
    return rows


# --- Series and meetings --------------------------------------------------------------------


def coalition_series(coalition: Coalition) -> QuerySet[MdoSeries]:
    """The series a coalition organises, with their number of standing participants."""
    return MdoSeries.objects.filter(coalition=coalition).annotate(
        participant_count=Count("participants", distinct=True)
    )


def series_of_professional(professional: Professional, coalition: Coalition) -> QuerySet[MdoSeries]:
    """The series `professional` is a standing participant of, organised by or serving
    `coalition`, with the professional's role (`my_role`)."""
    return (
        MdoSeries.objects.filter(participants__professional=professional)
        .filter(Q(coalition=coalition) | Q(served_coalitions=coalition))
        .annotate(
            my_role=Subquery(
                SeriesParticipant.objects.filter(
                    series=OuterRef("pk"), professional=professional
                ).values("role")[:1]
            )
        )
        .distinct()
        .order_by("name", "pk")
    )


def _with_item_count(meetings: QuerySet[MdoMeeting]) -> QuerySet[MdoMeeting]:
    return meetings.annotate(
        item_count=Count("items", filter=Q(items__status=ItemStatus.ON_AGENDA), distinct=True)
    )


def upcoming_meetings_of(professional: Professional, coalition: Coalition) -> QuerySet[MdoMeeting]:
    """Upcoming meetings `professional` takes part in, of series of `coalition` (organised
    or served), soonest first, with the number of items on the agenda."""
    meetings = (
        MdoMeeting.objects.upcoming()
        .filter(participants__professional=professional)
        .filter(Q(series__coalition=coalition) | Q(series__served_coalitions=coalition))
        .distinct()
    )
    return (
        _with_item_count(MdoMeeting.objects.filter(pk__in=meetings.values("pk")))
        .select_related("series")
        .order_by("starts_at", "pk")
    )


def upcoming_meetings_of_coalition(coalition: Coalition) -> QuerySet[MdoMeeting]:
    """Upcoming meetings of the series `coalition` organises (for its coordinators)."""
    return (
        _with_item_count(MdoMeeting.objects.upcoming().filter(series__coalition=coalition))
        .select_related("series")
        .order_by("starts_at", "pk")
    )


def series_meetings(series: MdoSeries) -> QuerySet[MdoMeeting]:
    """A series' meetings, newest first, with the number of items on the agenda."""
    return _with_item_count(series.meetings.all()).order_by("-starts_at", "-pk")


def series_participants(series: MdoSeries):
    """Standing participants with their organisation and discipline (joined: one query)."""
    return series.participants.select_related("professional", "membership__organisation").order_by(
        "role", "professional__last_name", "professional__first_name", "pk"
    )


def meeting_participants(meeting: MdoMeeting):
    return meeting.participants.select_related("professional", "membership__organisation").order_by(
        "role", "professional__last_name", "professional__first_name", "pk"
    )


def candidate_memberships(series: MdoSeries) -> QuerySet[Membership]:
    """Current memberships as professional in the coalitions the series serves: whom a
    coordinator can add as participant."""
    from .services import served_coalition_ids

    return (
        Membership.objects.current()
        .filter(coalition_id__in=served_coalition_ids(series), is_professional=True)
        .select_related("professional", "organisation", "coalition")
        .order_by("professional__last_name", "professional__first_name", "organisation__name", "pk")
    )


def new_participant_memberships(series: MdoSeries, participants: QuerySet) -> QuerySet[Membership]:
    """`candidate_memberships` without the professionals already among `participants` (the
    series' or a meeting's): whom the add-participant pages suggest. The participants are a
    subquery: still one query when read."""
    return candidate_memberships(series).exclude(
        professional__in=participants.values("professional_id")
    )


def is_series_manager(professional: Professional, series: MdoSeries) -> bool:
    """A standing chair or secretary of the series (coordinators are checked apart)."""
    return series.participants.filter(professional=professional, role__in=MANAGING_ROLES).exists()


# --- The family file --------------------------------------------------------------------------


def family_open_items_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of the family's items on upcoming or current
    agendas (candidates too), with their meeting and series (joined: one query, compiled
    once: `CompiledQuery`)."""
    return _FAMILY_OPEN_ITEMS.reads(family=family.pk)


_FAMILY_OPEN_ITEMS = CompiledQuery(
    lambda: (
        AgendaItem.objects.filter(
            family_id=Slot("family"),
            status__in=(ItemStatus.CANDIDATE, ItemStatus.ON_AGENDA),
            meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.PUBLISHED, MeetingStatus.HELD),
        )
        .select_related("meeting__series")
        .order_by("meeting__starts_at", "pk")
    )
)


def meetings_open_for_submission(family: Family) -> QuerySet[MdoMeeting]:
    """Upcoming meetings (draft or published) of active series that discuss families of the
    family's coalition, soonest first."""
    return (
        MdoMeeting.objects.upcoming()
        .filter(series__is_active=True)
        .filter(
            Q(series__coalition_id=family.coalition_id)
            | Q(series__served_coalitions=family.coalition_id)
        )
        .select_related("series")
        .distinct()
        .order_by("starts_at", "pk")
    )


def coalition_has_series(coalition_id: int) -> bool:
    return read_now(coalition_has_series_reads(coalition_id))


def coalition_has_series_reads(coalition_id: int) -> Reader:
    """A reader (`kansrijk.core.together`) of `coalition_has_series`."""
    return bool((yield from _HAS_SERIES.reads(coalition=coalition_id)))


# Compiled once (`CompiledQuery`): the family file asks on every visit.
_HAS_SERIES = CompiledQuery(
    lambda: (
        MdoSeries.objects.filter(is_active=True)
        .filter(Q(coalition_id=Slot("coalition")) | Q(served_coalitions=Slot("coalition")))
        .order_by()
        .values("pk")[:1]
    )
)
