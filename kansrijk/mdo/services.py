"""Writes of MDO series, meetings and agendas: one function per use case.

Who may do what, in plain words:
- a series is set up and changed by a coordinator of its coalition (audit trail);
- a meeting is planned, changed and moved through its statuses (`MEETING_TRANSITIONS`, one
  guard: `meeting_transition`) by the series' *managers*: the coordinators of the series'
  coalition and the meeting's chair and secretary;
- route-3 families arrive as candidates by themselves (`agenda_candidates_sync`, asked of
  `signaling`); a care-team member of a family submits it with a question
  (`agenda_item_submit`: on the agenda of a draft meeting, a candidate once the agenda is
  published); a manager puts candidates on the agenda (urgent after publication, until
  the meeting is held), orders the agenda and withdraws items.
No service here shows family data: the agenda's anonymous summaries are read in
`selectors`, and opening a file goes through the access policy (the "MDO participant"
ground, `grounds.py`).

Each service runs in one transaction, locks the meeting row where two managers can act at
once, and checks the meeting's `version` where a form was shown (a stale form gets a clear
Dutch error, nothing is overwritten).
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, F, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.audit import audit_record
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.families.models import CareTeamMember
from kansrijk.organisations.models import Coalition, Membership, Professional
from kansrijk.signaling.models import RouteDecision
from kansrijk.signaling.selectors import families_awaiting_mdo

from .models import (
    ACCESS_DAYS_LIMIT,
    AgendaItem,
    ItemSource,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
    SeriesParticipant,
)

Action = AccessEvent.Action
QUESTION_MAX = 2000
SERIES_FIELDS = (
    "name",
    "description",
    "recurrence",
    "default_place",
    "default_video_link",
    "access_days",
    "is_active",
)
MEETING_FIELDS = ("starts_at", "place", "video_link")


# --- Who may ----------------------------------------------------------------------------


def is_coordinator_of(actor: Professional, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition_id=coalition_id, is_coordinator=True)
        .exists()
    )


def is_manager(actor: Professional, meeting: MdoMeeting) -> bool:
    """A coordinator of the series' coalition, or the meeting's chair or secretary."""
    if not getattr(actor, "pk", None):
        return False
    # One query whichever role the actor has, so that a page costs the same for everyone;
    # compiled once (building it cost the agenda page a tenth of its CPU; issue 5).
    return bool(_MANAGES.run(meeting=meeting.pk, actor=actor.pk, today=timezone.localdate()))


def _managed(actor, *, today) -> QuerySet[MdoMeeting]:
    chairs = MeetingParticipant.objects.filter(
        meeting=OuterRef("pk"),
        professional=actor,
        role__in=(ParticipantRole.CHAIR, ParticipantRole.SECRETARY),
    )
    coordinates = Membership.objects.current(today).filter(
        professional=actor, coalition=OuterRef("series__coalition"), is_coordinator=True
    )
    return MdoMeeting.objects.filter(Exists(chairs) | Exists(coordinates))


_MANAGES = CompiledQuery(
    lambda: (
        _managed(Slot("actor"), today=Slot("today", DateField()))
        .filter(pk=Slot("meeting"))
        .values("pk")[:1]
    )
)


def _require_coordinator(actor: Professional, coalition_id: int) -> None:
    if not is_coordinator_of(actor, coalition_id):
        raise PermissionDenied(_("Alleen een coördinator van de coalitie kan dit MDO beheren."))


def _require_manager(actor: Professional, meeting: MdoMeeting) -> None:
    if not is_manager(actor, meeting):
        raise PermissionDenied(
            _("Alleen de voorzitter, de notulist of een coördinator kan dit overleg beheren.")
        )


def _lock_meeting(meeting_pk: int) -> MdoMeeting:
    try:
        return (
            MdoMeeting.objects.select_for_update(of=("self",))
            .select_related("series")
            .get(pk=meeting_pk)
        )
    except MdoMeeting.DoesNotExist:
        raise ValidationError(_("Dit overleg bestaat niet (meer).")) from None


def _check_version(meeting: MdoMeeting, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != meeting.version:
        raise ValidationError(
            _(
                "Iemand anders heeft dit overleg intussen gewijzigd. Bekijk de nieuwe versie "
                "en doe je wijziging opnieuw."
            ),
            code="stale",
        )


def served_coalition_ids(series: MdoSeries) -> set[int]:
    """The coalitions whose families the series discusses: its own and those it serves."""
    return {series.coalition_id, *series.served_coalitions.values_list("pk", flat=True)}


# --- Series -------------------------------------------------------------------------------


def _series_errors(values: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    if not (values.get("name") or "").strip():
        errors["name"] = _("Geef het MDO een naam.")
    days = values.get("access_days")
    if days is not None and not 0 <= int(days) <= ACCESS_DAYS_LIMIT:
        errors["access_days"] = _("Kies een aantal dagen tussen 0 en %(limit)s.") % {
            "limit": ACCESS_DAYS_LIMIT
        }
    return errors


@transaction.atomic
def series_save(
    *,
    actor: Professional,
    coalition: Coalition,
    data: Mapping[str, Any],
    series_pk: int | None = None,
    served_coalitions: list[Coalition] | None = None,
    request=None,
) -> MdoSeries:
    """Create (no `series_pk`) or change a series of `coalition`; coordinators only."""
    _require_coordinator(actor, coalition.pk)
    values = {field: data[field] for field in SERIES_FIELDS if field in data}
    errors = _series_errors(values)
    if served_coalitions and any(c.pk == coalition.pk for c in served_coalitions):
        errors["served_coalitions"] = _("De eigen coalitie hoeft hier niet bij.")
    if errors:
        raise ValidationError(errors)
    values["name"] = values["name"].strip()
    if series_pk is None:
        series = MdoSeries.objects.create(coalition=coalition, created_by=actor, **values)
        action = "create"
    else:
        series = MdoSeries.objects.select_for_update().get(pk=series_pk, coalition=coalition)
        for field, value in values.items():
            setattr(series, field, value)
        series.save()
        action = "update"
    if served_coalitions is not None:
        series.served_coalitions.set(served_coalitions)
    audit_record(
        actor=actor,
        action=action,
        obj=series,
        summary=_("MDO-reeks %(name)s opgeslagen") % {"name": series.name},
        coalition=coalition,
        changes={field: str(value) for field, value in values.items()},
        request=request,
    )
    return series


def _membership_for(professional: Professional, coalition_ids: set[int]) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(professional=professional, coalition_id__in=coalition_ids)
        .select_related("organisation")
        .order_by("-is_professional", "pk")
        .first()
    )


@transaction.atomic
def series_participant_add(
    *,
    actor: Professional,
    series: MdoSeries,
    professional: Professional,
    role: str = ParticipantRole.MEMBER,
    request=None,
) -> SeriesParticipant:
    """Add a standing participant (chair, secretary or member); coordinators only."""
    _require_coordinator(actor, series.coalition_id)
    membership = _membership_for(professional, served_coalition_ids(series))
    if membership is None:
        raise ValidationError(
            {"professional": _("Deze persoon werkt niet in een coalitie van dit MDO.")}
        )
    if role not in ParticipantRole.values:
        raise ValidationError({"role": _("Kies een rol.")})
    if series.participants.filter(professional=professional).exists():
        raise ValidationError({"professional": _("Deze persoon is al deelnemer.")})
    managing = role in (ParticipantRole.CHAIR, ParticipantRole.SECRETARY)
    if managing and series.participants.filter(role=role).exists():
        raise ValidationError(
            {
                "role": _("Dit MDO heeft al een %(role)s.")
                % {"role": ParticipantRole(role).label.lower()}
            }
        )
    participant = SeriesParticipant.objects.create(
        series=series, professional=professional, membership=membership, role=role
    )
    audit_record(
        actor=actor,
        action="create",
        obj=participant,
        summary=_("%(name)s is %(role)s van MDO %(series)s")
        % {
            "name": professional.get_full_name() or professional.username,
            "role": ParticipantRole(role).label.lower(),
            "series": series.name,
        },
        coalition=series.coalition,
        request=request,
    )
    return participant


@transaction.atomic
def series_participant_remove(
    *, actor: Professional, series: MdoSeries, participant_pk: int, request=None
) -> None:
    _require_coordinator(actor, series.coalition_id)
    participant = series.participants.select_related("professional").filter(pk=participant_pk)
    participant = participant.first()
    if participant is None:
        raise ValidationError(_("Deze deelnemer bestaat niet (meer)."))
    audit_record(
        actor=actor,
        action="delete",
        obj=participant,
        summary=_("%(name)s is geen vaste deelnemer meer van MDO %(series)s")
        % {
            "name": participant.professional.get_full_name() or participant.professional.username,
            "series": series.name,
        },
        coalition=series.coalition,
        request=request,
    )
    participant.delete()


# --- Meetings -----------------------------------------------------------------------------


def _access_until(meeting: MdoMeeting) -> datetime:
    """The end of the participants' access: the end of the meeting's day plus the series'
    days, in the local time zone."""
    day = timezone.localtime(meeting.starts_at).date() + timedelta(
        days=meeting.series.access_days + 1
    )
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _meeting_errors(values: Mapping[str, Any], *, new: bool) -> dict[str, str]:
    errors = {}
    starts_at = values.get("starts_at")
    if starts_at is None:
        errors["starts_at"] = _("Geef de datum en tijd van het overleg.")
    elif new and starts_at < timezone.now() - timedelta(hours=12):
        errors["starts_at"] = _("Een nieuw overleg kan niet in het verleden liggen.")
    return errors


@transaction.atomic
def meeting_plan(
    *, actor: Professional, series: MdoSeries, data: Mapping[str, Any], request=None
) -> MdoMeeting:
    """Plan a meeting of `series`, with the standing participants copied onto it and the
    route-3 candidates of the moment; coordinators of the series' coalition, and its
    standing chair and secretary."""
    standing_managers = series.participants.filter(
        professional=actor, role__in=(ParticipantRole.CHAIR, ParticipantRole.SECRETARY)
    ).exists()
    if not standing_managers:
        _require_coordinator(actor, series.coalition_id)
    if not series.is_active:
        raise ValidationError(_("Dit MDO is niet meer actief."))
    values = {field: data.get(field) for field in MEETING_FIELDS}
    errors = _meeting_errors(values, new=True)
    if errors:
        raise ValidationError(errors)
    meeting = MdoMeeting.objects.create(
        series=series,
        starts_at=values["starts_at"],
        place=(values.get("place") or series.default_place or "").strip(),
        video_link=values.get("video_link") or series.default_video_link,
        created_by=actor,
    )
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            meeting=meeting,
            professional_id=standing.professional_id,
            membership_id=standing.membership_id,
            role=standing.role,
        )
        for standing in series.participants.all()
    )
    audit_record(
        actor=actor,
        action="create",
        obj=meeting,
        summary=_("MDO-overleg %(meeting)s gepland") % {"meeting": meeting},
        coalition=series.coalition,
        request=request,
    )
    agenda_candidates_sync(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Professional,
    meeting_pk: int,
    data: Mapping[str, Any],
    expected_version: int | None = None,
    request=None,
) -> MdoMeeting:
    """Change date, place or video link until the meeting is held."""
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    _check_version(meeting, expected_version)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        raise ValidationError(_("Een gehouden of geannuleerd overleg verandert niet meer."))
    values = {field: data[field] for field in MEETING_FIELDS if field in data}
    errors = _meeting_errors({**{"starts_at": meeting.starts_at}, **values}, new=False)
    if errors:
        raise ValidationError(errors)
    changes = {}
    for field, value in values.items():
        value = value if value is not None else ""
        if getattr(meeting, field) != value:
            changes[field] = [str(getattr(meeting, field)), str(value)]
            setattr(meeting, field, value)
    if meeting.status == MeetingStatus.PUBLISHED:
        meeting.access_until = _access_until(meeting)
    meeting.version = F("version") + 1
    meeting.save()
    meeting.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        summary=_("MDO-overleg %(meeting)s gewijzigd") % {"meeting": meeting},
        coalition=meeting.series.coalition,
        changes=changes,
        request=request,
    )
    return meeting


@transaction.atomic
def meeting_transition(
    *,
    actor: Professional,
    meeting_pk: int,
    to_status: str,
    expected_version: int | None = None,
    request=None,
) -> MdoMeeting:
    """Move the meeting along `MEETING_TRANSITIONS` (the one guard).

    Publishing opens the participants' access to named items (until `access_until`);
    holding it records when (items are marked discussed by their discussion or decisions,
    `services_decisions`); making the minutes final needs the minutes written.
    """
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    _check_version(meeting, expected_version)
    if not meeting.may_move_to(to_status):
        raise ValidationError(
            _("Een overleg met status “%(current)s” kan niet naar “%(next)s”.")
            % {
                "current": MeetingStatus(meeting.status).label,
                "next": MeetingStatus(to_status).label
                if to_status in MeetingStatus.values
                else to_status,
            },
            code="transition",
        )
    now = timezone.now()
    if to_status == MeetingStatus.PUBLISHED:
        if not meeting.items.filter(status=ItemStatus.ON_AGENDA).exists():
            raise ValidationError(_("Zet eerst minstens één gezin op de agenda."))
        meeting.published_at = now
        meeting.access_until = _access_until(meeting)
    elif to_status == MeetingStatus.HELD:
        meeting.held_at = now
    elif to_status == MeetingStatus.FINAL:
        if not meeting.minutes.strip():
            raise ValidationError({"minutes": _("Schrijf of genereer eerst het verslag.")})
        meeting.finalised_at = now
        meeting.finalised_by = actor
    elif to_status == MeetingStatus.CANCELLED:
        # Nothing was discussed: the participants' access ends now.
        meeting.access_until = now
        meeting.items.filter(status=ItemStatus.ON_AGENDA).update(status=ItemStatus.CANDIDATE)
    before = meeting.status
    meeting.status = to_status
    meeting.version = F("version") + 1
    meeting.save()
    meeting.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        summary=_("MDO-overleg %(meeting)s: %(status)s")
        % {"meeting": meeting, "status": MeetingStatus(to_status).label},
        coalition=meeting.series.coalition,
        changes={"status": [before, to_status]},
        request=request,
    )
    return meeting


@transaction.atomic
def meeting_participant_add(
    *,
    actor: Professional,
    meeting_pk: int,
    professional: Professional,
    role: str = ParticipantRole.GUEST,
    request=None,
) -> MeetingParticipant:
    """Invite someone to this meeting only (a guest, or a member for once)."""
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        raise ValidationError(_("Voor een gehouden overleg nodig je niemand meer uit."))
    membership = _membership_for(professional, served_coalition_ids(meeting.series))
    if membership is None:
        raise ValidationError(
            {"professional": _("Deze persoon werkt niet in een coalitie van dit MDO.")}
        )
    if meeting.participants.filter(professional=professional).exists():
        raise ValidationError({"professional": _("Deze persoon is al deelnemer.")})
    participant = MeetingParticipant.objects.create(
        meeting=meeting, professional=professional, membership=membership, role=role
    )
    audit_record(
        actor=actor,
        action="create",
        obj=participant,
        summary=_("%(name)s uitgenodigd voor MDO-overleg %(meeting)s")
        % {"name": professional.get_full_name() or professional.username, "meeting": meeting},
        coalition=meeting.series.coalition,
        request=request,
    )
    return participant


@transaction.atomic
def meeting_attendance_record(
    *, actor: Professional, meeting_pk: int, present: set[int], request=None
) -> MdoMeeting:
    """Record who attended: `present` holds the participants' professional ids."""
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    if meeting.status not in (MeetingStatus.PUBLISHED, MeetingStatus.HELD):
        raise ValidationError(_("Aanwezigheid leg je vast tijdens of na het overleg."))
    meeting.participants.update(attended=False)
    meeting.participants.filter(professional_id__in=present).update(attended=True)
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        summary=_("Aanwezigheid vastgelegd voor MDO-overleg %(meeting)s") % {"meeting": meeting},
        coalition=meeting.series.coalition,
        changes={"present": sorted(present)},
        request=request,
    )
    return meeting


# --- Agenda -------------------------------------------------------------------------------


def _next_position(meeting: MdoMeeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


def _open_item_exists(meeting: MdoMeeting, family_id: int) -> bool:
    return meeting.items.filter(family_id=family_id).exclude(status=ItemStatus.WITHDRAWN).exists()


def discussed_since_route(family_ids) -> set[int]:
    """Of `family_ids`, those discussed in an MDO (not cancelled) after their newest route
    decision."""
    newest_route = (
        RouteDecision.objects.filter(family=OuterRef("family"))
        .order_by("-decided_at", "-id")
        .values("decided_at")[:1]
    )
    return set(
        AgendaItem.objects.filter(family_id__in=family_ids, status=ItemStatus.DISCUSSED)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .annotate(route_at=Subquery(newest_route))
        .filter(discussed_at__gte=F("route_at"))
        .values_list("family_id", flat=True)
    )


def agenda_candidates_sync(*, meeting: MdoMeeting) -> int:
    """Add the route-3 families waiting for an MDO (`signaling.families_awaiting_mdo`) of the
    series' coalitions, and those an earlier decision sent back for review by this meeting
    (`services_decisions.review_items_due`), as candidates of `meeting`, unless already on
    an upcoming meeting of the series. Returns how many arrived. Runs when a meeting is
    planned and when its agenda page is opened while it is a draft; nothing is logged as
    access (no one reads a file)."""
    if meeting.status != MeetingStatus.DRAFT:
        return 0
    coalitions = served_coalition_ids(meeting.series)
    waiting = set()
    for coalition_id in coalitions:
        waiting |= set(families_awaiting_mdo(coalition_id).values_list("pk", "coalition_id"))
    planned = set(
        AgendaItem.objects.filter(
            meeting__series=meeting.series,
            meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.PUBLISHED),
        )
        .exclude(status=ItemStatus.WITHDRAWN)
        .values_list("family_id", flat=True)
    )
    # A family discussed since its route was chosen has had its MDO, also when it was
    # discussed anonymously and nobody could confirm the route by name (a review decision
    # brings it back, below).
    had_mdo = discussed_since_route([family_id for family_id, _c in waiting])
    waiting = {(family_id, c) for family_id, c in waiting if family_id not in had_mdo}
    position = _next_position(meeting)
    new = []
    for family_id, coalition_id in sorted(waiting):
        if family_id in planned:
            continue
        new.append(
            AgendaItem(
                meeting=meeting,
                family_id=family_id,
                coalition_id=coalition_id,
                source=ItemSource.ROUTE_3,
                status=ItemStatus.CANDIDATE,
                position=position,
            )
        )
        position += 1
    from .services_decisions import review_items_due

    for item in review_items_due(meeting):
        if item.family_id not in planned and item.family_id not in {i.family_id for i in new}:
            item.position = position
            new.append(item)
            position += 1
    try:
        with transaction.atomic():
            AgendaItem.objects.bulk_create(new)
    except IntegrityError:
        # Someone synchronised at the same moment: their candidates stand.
        return 0
    return len(new)


@transaction.atomic
def agenda_item_submit(
    *,
    actor: Professional,
    family_pk: int,
    meeting_pk: int,
    question: str,
    request=None,
) -> AgendaItem:
    """A care-team member submits the family with a question for the MDO.

    On a draft agenda the family is on the agenda at once; once the agenda is published it
    waits as a candidate for the chair (who may add it as urgent until the meeting)."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Aangemeld voor het MDO"),
    )
    if not CareTeamMember.objects.current().filter(family=family, professional=actor).exists():
        raise PermissionDenied(_("Alleen een lid van het zorgteam kan het gezin aanmelden."))
    meeting = _lock_meeting(meeting_pk)
    question = (question or "").strip()
    errors = {}
    if not question:
        errors["question"] = _("Schrijf op wat je aan het MDO wilt vragen.")
    elif len(question) > QUESTION_MAX:
        errors["question"] = _("Houd de vraag korter dan %(max)s tekens.") % {"max": QUESTION_MAX}
    if family.coalition_id not in served_coalition_ids(meeting.series):
        errors["meeting"] = _("Dit MDO bespreekt geen gezinnen van jouw coalitie.")
    elif meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        errors["meeting"] = _("Dit overleg is al gehouden; kies een volgend overleg.")
    if errors:
        raise ValidationError(errors)
    status = ItemStatus.ON_AGENDA if meeting.status == MeetingStatus.DRAFT else ItemStatus.CANDIDATE
    item = (
        meeting.items.select_for_update()
        .filter(family=family)
        .exclude(status=ItemStatus.WITHDRAWN)
        .first()
    )
    if item is not None:
        # A route-3 candidate already: the question and the care team's request join it.
        item.question = question
        item.submitted_by = actor
        item.submitted_at = timezone.now()
        if item.status == ItemStatus.CANDIDATE:
            item.status = status
        item.version = F("version") + 1
        item.save()
        item.refresh_from_db()
    else:
        item = AgendaItem.objects.create(
            meeting=meeting,
            family=family,
            coalition_id=family.coalition_id,
            source=ItemSource.SUBMITTED,
            status=status,
            question=question,
            position=_next_position(meeting),
            submitted_by=actor,
        )
    audit_record(
        actor=actor,
        action="create",
        obj=item,
        summary=_("Gezin %(reference)s aangemeld voor MDO-overleg %(meeting)s")
        % {"reference": family.reference, "meeting": meeting},
        coalition=family.coalition,
        request=request,
    )
    return item


def _item_of(meeting: MdoMeeting, item_pk: int) -> AgendaItem:
    item = meeting.items.select_for_update().filter(pk=item_pk).first()
    if item is None:
        raise ValidationError(_("Dit agendapunt bestaat niet (meer)."))
    return item


@transaction.atomic
def agenda_item_schedule(
    *, actor: Professional, meeting_pk: int, item_pk: int, question: str = "", request=None
) -> AgendaItem:
    """Put a candidate on the agenda; after publication only as an urgent item, until the
    meeting is held."""
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        raise ValidationError(_("De agenda van dit overleg ligt vast."))
    item = _item_of(meeting, item_pk)
    if item.status != ItemStatus.CANDIDATE:
        raise ValidationError(_("Dit gezin staat al op de agenda of is eraf gehaald."))
    item.status = ItemStatus.ON_AGENDA
    item.urgent = meeting.status == MeetingStatus.PUBLISHED
    if question.strip():
        item.question = question.strip()[:QUESTION_MAX]
    item.position = _next_position(meeting)
    item.version = F("version") + 1
    item.save()
    item.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=item,
        summary=_("Agendapunt %(pk)s op de agenda van %(meeting)s%(urgent)s")
        % {"pk": item.pk, "meeting": meeting, "urgent": _(" (urgent)") if item.urgent else ""},
        coalition=meeting.series.coalition,
        request=request,
    )
    return item


@transaction.atomic
def agenda_item_withdraw(
    *, actor: Professional, meeting_pk: int, item_pk: int, reason: str, request=None
) -> AgendaItem:
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        raise ValidationError(_("De agenda van dit overleg ligt vast."))
    item = _item_of(meeting, item_pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden.")})
    if item.status == ItemStatus.WITHDRAWN:
        raise ValidationError(_("Dit agendapunt is al van de agenda gehaald."))
    item.status = ItemStatus.WITHDRAWN
    item.withdrawn_reason = reason[:300]
    item.version = F("version") + 1
    item.save()
    item.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=item,
        summary=_("Agendapunt %(pk)s van de agenda van %(meeting)s gehaald")
        % {"pk": item.pk, "meeting": meeting},
        coalition=meeting.series.coalition,
        changes={"reason": reason[:300]},
        request=request,
    )
    return item


@transaction.atomic
def agenda_item_move(
    *, actor: Professional, meeting_pk: int, item_pk: int, up: bool, request=None
) -> None:
    """Swap the item with its neighbour on the agenda (the chair orders the agenda)."""
    meeting = _lock_meeting(meeting_pk)
    _require_manager(actor, meeting)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        raise ValidationError(_("De agenda van dit overleg ligt vast."))
    items = list(
        meeting.items.select_for_update()
        .filter(status=ItemStatus.ON_AGENDA)
        .order_by("position", "id")
    )
    index = next((i for i, item in enumerate(items) if item.pk == item_pk), None)
    if index is None:
        raise ValidationError(_("Dit agendapunt staat niet op de agenda."))
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        summary=_("Volgorde van de agenda van %(meeting)s gewijzigd") % {"meeting": meeting},
        coalition=meeting.series.coalition,
        request=request,
    )
