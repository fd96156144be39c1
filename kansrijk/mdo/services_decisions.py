"""What the MDO decides about an agenda item, what that sets in motion, and the minutes.

Who may do what, in plain words:
- the discussion and the decisions of an item are recorded by the meeting's *managers*
  (`services.is_manager`: its chair and secretary, the coordinators of the series'
  coalition), while the agenda is published or the meeting held; once the minutes are
  final, nothing changes any more;
- about an *anonymous* item (no consent for named discussion in force) the MDO gives advice
  or sets a review date only: the care team carries out the advice. Decisions that act on
  the family file need the item to be named;
- an acting decision is carried out on the family file at once, by the services of the
  apps below, inside the scope of the "MDO decision" ground (`decision_ground.py`): the
  manager, usually off the care team, may write these changes and nothing else, and every
  write is logged with that ground (NEN 7513):
  - route confirmed: the family's route no longer waits for an MDO
    (`signaling.services.route_discussed_in_mdo`);
  - route changed: a new route decision "decided in the MDO" with its reason
    (`signaling.services.route_decided_in_mdo`);
  - case director: a casusregie handover to that professional; who accepts becomes the case
    director (`care.services_handovers.handover_propose` with `on_behalf_of_mdo`);
  - involve: a handover to the organisation or professional who joins the care team; a
    discipline without a name becomes a task for the case director to find one;
  - task: a care task with an owner and a due date;
  - review: a date by which the family returns to the agenda (`review_items_due`);
  - advice: text only.
- every decision lands on the family's timeline (also for an anonymous item: the care team
  that asked the MDO reads the answer there), and in the audit trail.
- the minutes are generated from the attendance, the discussions and the decisions (named
  items by reference only, anonymous items as "Casus 3 (anoniem)"), edited with the
  meeting's version check, and made final with `services.meeting_transition`.

One decision, one transaction. Locks are taken in the order of the other services: the
family (through the policy), then the meeting, then the item.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.models import CaseDirector, HandoverKind
from kansrijk.care.selectors_handovers import coalition_chain_moments
from kansrijk.care.services import task_create
from kansrijk.care.services_handovers import handover_propose
from kansrijk.core.audit import audit_record
from kansrijk.families.models import Consent, ConsentPurpose, Family
from kansrijk.families.selectors import visible_family
from kansrijk.families.services import timeline_record
from kansrijk.organisations.models import Discipline, Membership, Organisation, Professional
from kansrijk.signaling.levels import Route
from kansrijk.signaling.services import route_decided_in_mdo, route_discussed_in_mdo

from . import decision_ground, services
from . import timeline as mdo_timeline
from .models import (
    OPEN_ITEM_STATUSES,
    AgendaItem,
    Decision,
    DecisionKind,
    ItemSource,
    ItemStatus,
    MdoMeeting,
    MeetingStatus,
)

Action = AccessEvent.Action
TEXT_MAX = 4000
DISCUSSION_MAX = 10000
MINUTES_MAX = 100_000
TASK_SOURCE = "mdo"
# Decisions that change the family file: only about items discussed by name.
ACTING_KINDS = frozenset(
    {
        DecisionKind.ROUTE_CONFIRMED,
        DecisionKind.ROUTE_CHANGED,
        DecisionKind.CASE_DIRECTOR,
        DecisionKind.INVOLVE,
        DecisionKind.TASK,
    }
)
ANONYMOUS_KINDS = frozenset({DecisionKind.ADVICE, DecisionKind.REVIEW})
DECIDING_STATUSES = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)
# Where a service below names a field differently than the decision form does.
FIELD_NAMES = {
    "summary": "text",
    "reason": "text",
    "to_professional": "professional",
    "to_organisation": "organisation",
    "moment": "kind",
}

mdo_timeline.register()


# --- Helpers -------------------------------------------------------------------------------


def is_named(item: AgendaItem) -> bool:
    """Whether the item is discussed by name now: the family's MDO consent is in force."""
    return family_is_named(item.family_id)


def family_is_named(family_id: int) -> bool:
    return (
        Consent.objects.given()
        .filter(family_id=family_id, purpose=ConsentPurpose.MDO_NAMED)
        .exists()
    )


def meeting_label(meeting: MdoMeeting) -> str:
    return _("%(series)s, overleg van %(date)s") % {
        "series": meeting.series.name,
        "date": date_format(timezone.localtime(meeting.starts_at).date(), "j F Y"),
    }


def _name(professional) -> str:
    return professional.get_full_name() or professional.username


def _item_row(item_pk) -> dict:
    try:
        item_pk = int(item_pk)
    except (TypeError, ValueError):
        raise ValidationError(_("Dit agendapunt bestaat niet (meer).")) from None
    row = AgendaItem.objects.filter(pk=item_pk).values("pk", "meeting_id", "family_id").first()
    if row is None:
        raise ValidationError(_("Dit agendapunt bestaat niet (meer)."))
    return row


def _require_deciding(meeting: MdoMeeting) -> None:
    if meeting.status == MeetingStatus.FINAL:
        raise ValidationError(
            _("Het verslag van dit overleg is definitief; er verandert niets meer.")
        )
    if meeting.status not in DECIDING_STATUSES:
        raise ValidationError(
            _(
                "Besluiten leg je vast als de agenda gepubliceerd is of het overleg gehouden is, "
                "niet bij een overleg met status “%(status)s”."
            )
            % {"status": MeetingStatus(meeting.status).label}
        )


def _lock_item(meeting: MdoMeeting, item_pk: int) -> AgendaItem:
    item = (
        meeting.items.select_for_update(of=("self",))
        .select_related("family")
        .filter(pk=item_pk)
        .first()
    )
    if item is None or item.status not in OPEN_ITEM_STATUSES:
        raise ValidationError(_("Dit gezin staat niet (meer) op de agenda van dit overleg."))
    return item


def _mark_discussed(item: AgendaItem, *, actor, meeting: MdoMeeting) -> None:
    first_time = item.discussed_at is None
    item.status = ItemStatus.DISCUSSED
    if first_time:
        item.discussed_at = timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            timeline_record(
                family=item.family,
                kind=mdo_timeline.MDO_DISCUSSED,
                actor=actor,
                obj=item,
                summary=meeting_label(meeting)[:300],
            )


def _remap(error: ValidationError) -> ValidationError:
    """A lower service's errors keyed by the decision form's fields."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {FIELD_NAMES.get(field, field): errors for field, errors in error.error_dict.items()}
    )


# --- The discussion of an item -------------------------------------------------------------


@transaction.atomic
def item_discussion_save(
    *,
    actor: Professional,
    meeting_pk: int,
    item_pk: int,
    discussion: str,
    expected_version: int | None = None,
    request=None,
) -> AgendaItem:
    """Write down what was discussed about the item; that marks it discussed."""
    meeting = services._lock_meeting(meeting_pk)
    services._require_manager(actor, meeting)
    _require_deciding(meeting)
    item = _lock_item(meeting, item_pk)
    if expected_version is not None and expected_version != item.version:
        raise ValidationError(
            {
                "discussion": _(
                    "Iemand anders heeft de bespreking intussen aangepast. Hieronder staat de "
                    "nieuwe versie; doe je wijziging opnieuw."
                )
            },
            code="stale",
        )
    discussion = (discussion or "").strip()
    if not discussion:
        raise ValidationError({"discussion": _("Schrijf op wat er besproken is.")})
    if len(discussion) > DISCUSSION_MAX:
        raise ValidationError(
            {
                "discussion": _("Houd de bespreking korter dan %(max)s tekens.")
                % {"max": DISCUSSION_MAX}
            }
        )
    before = item.discussion
    item.discussion = discussion
    _mark_discussed(item, actor=actor, meeting=meeting)
    item.version = F("version") + 1
    item.save(update_fields=["discussion", "status", "discussed_at", "version"])
    item.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=item,
        summary=_("Bespreking van agendapunt %(position)s van %(meeting)s vastgelegd")
        % {"position": item.position, "meeting": meeting},
        coalition=meeting.series.coalition,
        changes={"discussion": [len(before), len(discussion)]},
        request=request,
    )
    return item


# --- Decisions -----------------------------------------------------------------------------


def _professional_in(professional: Professional | None, coalition_id: int) -> bool:
    return bool(
        professional is not None
        and Membership.objects.current()
        .filter(professional=professional, coalition_id=coalition_id, is_professional=True)
        .exists()
    )


def _organisation_in(organisation: Organisation | None, coalition_id: int) -> bool:
    return bool(
        organisation is not None
        and organisation.is_active
        and organisation.coalitions.filter(pk=coalition_id).exists()
    )


def _field_errors(
    *,
    kind: str,
    item: AgendaItem,
    meeting: MdoMeeting,
    text: str,
    route,
    professional,
    organisation,
    discipline: str,
    due_date: date | None,
    review_date: date | None,
) -> dict[str, str]:
    """Per kind, what must be filled in, in Dutch, keyed by the form's field names."""
    errors: dict[str, str] = {}
    coalition_id = item.coalition_id
    today = timezone.localdate()
    if len(text) > TEXT_MAX:
        errors["text"] = _("Houd de toelichting korter dan %(max)s tekens.") % {"max": TEXT_MAX}
    if kind == DecisionKind.ROUTE_CHANGED:
        if route not in Route.values:
            errors["route"] = _("Kies route 1, 2 of 3.")
        if not text:
            errors["text"] = _("Schrijf op waarom het MDO de route wijzigt.")
    elif kind == DecisionKind.CASE_DIRECTOR:
        if professional is None:
            errors["professional"] = _("Kies de professional die casusregisseur wordt.")
        elif not _professional_in(professional, coalition_id):
            errors["professional"] = _(
                "%(name)s werkt niet als professional in de coalitie van dit gezin."
            ) % {"name": _name(professional)}
        if organisation is not None and not _organisation_in(organisation, coalition_id):
            errors["organisation"] = _("Deze organisatie werkt niet in de coalitie van dit gezin.")
    elif kind == DecisionKind.INVOLVE:
        if professional is None and organisation is None and not discipline:
            errors["organisation"] = _(
                "Kies de organisatie of de professional die het MDO bij het zorgteam betrekt, "
                "of ten minste de discipline."
            )
        if professional is not None and not _professional_in(professional, coalition_id):
            errors["professional"] = _(
                "%(name)s werkt niet als professional in de coalitie van dit gezin."
            ) % {"name": _name(professional)}
        if organisation is not None and not _organisation_in(organisation, coalition_id):
            errors["organisation"] = _("Deze organisatie werkt niet in de coalitie van dit gezin.")
        if discipline and discipline not in Discipline.values:
            errors["discipline"] = _("Kies een discipline uit de lijst.")
        if not text:
            errors["text"] = _(
                "Schrijf op waarvoor het MDO deze discipline betrekt; de ontvanger leest dit."
            )
    elif kind == DecisionKind.TASK:
        if not text:
            errors["text"] = _("Schrijf op wat er moet gebeuren.")
        if professional is None and organisation is None:
            errors["professional"] = _(
                "Kies wie de taak uitvoert: een professional of een organisatie."
            )
        elif professional is not None and not _professional_in(professional, coalition_id):
            errors["professional"] = _(
                "%(name)s werkt niet als professional in de coalitie van dit gezin."
            ) % {"name": _name(professional)}
        elif professional is None and not _organisation_in(organisation, coalition_id):
            errors["organisation"] = _("Deze organisatie werkt niet in de coalitie van dit gezin.")
        if due_date is None:
            errors["due_date"] = _("Kies de datum waarop de taak klaar moet zijn.")
        elif due_date < today:
            errors["due_date"] = _("Kies een datum vanaf vandaag.")
    elif kind == DecisionKind.REVIEW:
        meeting_day = timezone.localtime(meeting.starts_at).date()
        if review_date is None:
            errors["review_date"] = _("Kies de datum waarop het gezin terug op de agenda komt.")
        elif review_date <= max(meeting_day, today):
            errors["review_date"] = _("Kies een datum na dit overleg.")
    elif kind == DecisionKind.ADVICE and not text:
        errors["text"] = _("Schrijf het advies op.")
    if kind == DecisionKind.CASE_DIRECTOR and due_date is not None and due_date < today:
        errors["due_date"] = _("Kies een datum vanaf vandaag.")
    if kind == DecisionKind.INVOLVE and due_date is not None and due_date < today:
        errors["due_date"] = _("Kies een datum vanaf vandaag.")
    return errors


# The fields each kind keeps; the others of the one decision form are ignored.
KIND_FIELDS = {
    DecisionKind.ROUTE_CONFIRMED: set(),
    DecisionKind.ROUTE_CHANGED: {"route"},
    DecisionKind.CASE_DIRECTOR: {"professional", "organisation", "due_date"},
    DecisionKind.INVOLVE: {"professional", "organisation", "discipline", "due_date"},
    DecisionKind.TASK: {"professional", "organisation", "due_date"},
    DecisionKind.REVIEW: {"review_date"},
    DecisionKind.ADVICE: set(),
}


@transaction.atomic
def decision_record(
    *,
    actor: Professional,
    item_pk: int,
    kind: str,
    text: str = "",
    route: int | None = None,
    professional: Professional | None = None,
    organisation: Organisation | None = None,
    discipline: str = "",
    due_date: date | None = None,
    review_date: date | None = None,
    request=None,
) -> Decision:
    """Record one decision of the MDO about an item and carry it out (module docstring).

    Managers only, while the agenda is published or the meeting held. Raises
    `ValidationError` keyed by the fields `kind`, `text`, `route`, `professional`,
    `organisation`, `discipline`, `due_date`, `review_date`; `PermissionDenied` for anyone
    but a manager.
    """
    row = _item_row(item_pk)
    meeting = MdoMeeting.objects.select_related("series").get(pk=row["meeting_id"])
    if not services.is_manager(actor, meeting):
        raise PermissionDenied(
            _("Alleen de voorzitter, de notulist of een coördinator legt besluiten vast.")
        )
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Kies een soort besluit uit de lijst.")})
    kind = DecisionKind(kind)
    text = (text or "").strip()
    discipline = (discipline or "").strip()
    values = {
        "route": route,
        "professional": professional,
        "organisation": organisation,
        "discipline": discipline,
        "due_date": due_date,
        "review_date": review_date,
    }
    values = {
        name: (value if name in KIND_FIELDS[kind] else (None if name != "discipline" else ""))
        for name, value in values.items()
    }
    acting = kind in ACTING_KINDS
    family = None
    scope = decision_ground.mdo_decision_scope(actor, row["pk"])
    with scope:
        if acting:
            if not decision_ground.is_registered():
                raise ImproperlyConfigured(
                    "The MDO decision ground is not registered: call "
                    "kansrijk.mdo.decision_ground.register() from MdoConfig.ready()."
                )
            # The family first (the lock order of every service), through the policy: the
            # ground holds only for a manager of a published or held meeting and a named item.
            if not family_is_named(row["family_id"]):
                raise ValidationError({"kind": _anonymous_message()})
            if visible_family(actor, row["family_id"], for_change=True) is None:
                # Rule 2 of the policy: a manager who does not work as a professional in
                # the family's coalition (a coordinator, a chair from elsewhere in the
                # region) records advice; the care team carries it out.
                raise ValidationError({"kind": _not_in_coalition_message()})
            family = get_family_for_user(
                actor,
                row["family_id"],
                Action.UPDATE,
                request=request,
                lock=True,
                detail=_("Besluit van het MDO: %(kind)s") % {"kind": kind.label},
            )
        meeting = services._lock_meeting(row["meeting_id"])
        _require_deciding(meeting)
        item = _lock_item(meeting, row["pk"])
        if not acting and kind not in ANONYMOUS_KINDS:  # pragma: no cover (every kind is one)
            raise ValidationError({"kind": _("Kies een soort besluit uit de lijst.")})
        errors = _field_errors(kind=kind, item=item, meeting=meeting, text=text, **values)
        if errors:
            raise ValidationError(errors)
        decision = Decision.objects.create(
            item=item, kind=kind, text=text, decided_by=actor, **values
        )
        label = meeting_label(meeting)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                _carry_out(decision, actor=actor, family=family, label=label, request=request)
        except ValidationError as error:
            raise _remap(error) from None
        decision.save(update_fields=["task", "handover"])
    _mark_discussed(item, actor=actor, meeting=meeting)
    item.version = F("version") + 1
    item.save(update_fields=["status", "discussed_at", "version"])
    item.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=item.family,
            kind=mdo_timeline.MDO_DECISION,
            actor=actor,
            obj=decision,
            summary=decision_summary(decision, label=label)[:300],
        )
    audit_record(
        actor=actor,
        action="create",
        obj=decision,
        summary=_("Besluit “%(kind)s” over agendapunt %(position)s van %(meeting)s")
        % {"kind": kind.label, "position": item.position, "meeting": meeting},
        coalition=meeting.series.coalition,
        changes={
            "kind": kind.value,
            "handover": decision.handover_id,
            "task": decision.task_id,
        },
        request=request,
    )
    return decision


def _anonymous_message() -> str:
    return _(
        "Dit gezin wordt anoniem besproken (er is geen toestemming voor bespreking met naam). "
        "Het MDO kan dan alleen een advies geven of het gezin terug op de agenda zetten; het "
        "zorgteam voert het advies uit."
    )


def _not_in_coalition_message() -> str:
    return _(
        "Je werkt niet als professional in de coalitie van dit gezin, dus je kunt geen besluit "
        "vastleggen dat het dossier verandert. Leg het vast als advies, of laat een voorzitter "
        "of notulist uit die coalitie het vastleggen."
    )


def _casusregie_moment_code(coalition_id: int) -> str:
    moment = next(
        (
            m
            for m in coalition_chain_moments(coalition_id)
            if m.transfers_casusregie and m.is_active
        ),
        None,
    )
    return moment.code if moment else ""


def _carry_out(decision: Decision, *, actor, family: Family | None, label: str, request) -> None:
    kind = decision.kind
    if kind == DecisionKind.ROUTE_CONFIRMED:
        route_discussed_in_mdo(
            actor=actor, family_pk=family.pk, meeting_label=label, request=request
        )
    elif kind == DecisionKind.ROUTE_CHANGED:
        route_decided_in_mdo(
            actor=actor,
            family_pk=family.pk,
            route=decision.route,
            reason=decision.text,
            meeting_label=label,
            request=request,
        )
    elif kind == DecisionKind.CASE_DIRECTOR:
        decision.handover = handover_propose(
            actor=actor,
            family_pk=family.pk,
            summary=decision.text
            or _("Het %(meeting)s heeft jou aangewezen als casusregisseur van dit gezin.")
            % {"meeting": label},
            to_professional=decision.professional,
            to_organisation=decision.organisation,
            due_date=decision.due_date,
            moment_code=_casusregie_moment_code(family.coalition_id),
            kind=HandoverKind.CASUSREGIE,
            on_behalf_of_mdo=True,
            request=request,
        )
    elif kind == DecisionKind.INVOLVE:
        if decision.professional is not None or decision.organisation is not None:
            decision.handover = handover_propose(
                actor=actor,
                family_pk=family.pk,
                summary=decision.text,
                to_professional=decision.professional,
                to_organisation=decision.organisation,
                due_date=decision.due_date,
                kind=HandoverKind.REGULAR,
                on_behalf_of_mdo=True,
                request=request,
            )
        else:
            director = (
                CaseDirector.objects.current()
                .filter(family=family)
                .select_related("professional")
                .first()
            )
            if director is None:
                raise ValidationError(
                    {
                        "organisation": _(
                            "Dit gezin heeft nog geen casusregisseur die de discipline kan "
                            "vinden. Kies een organisatie of een professional."
                        )
                    }
                )
            decision.task = task_create(
                actor=actor,
                family=family,
                title=(
                    _("Betrek een professional (%(discipline)s) bij het zorgteam (besluit MDO)")
                    % {"discipline": Discipline(decision.discipline).label}
                )[:200],
                description=decision.text,
                owner=director.professional,
                due_date=decision.due_date,
                source=TASK_SOURCE,
                source_id=str(decision.pk),
            )
    elif kind == DecisionKind.TASK:
        decision.task = task_create(
            actor=actor,
            family=family,
            title=decision.text.splitlines()[0][:200],
            description=decision.text,
            owner=decision.professional,
            owner_organisation=decision.organisation if decision.professional is None else None,
            due_date=decision.due_date,
            source=TASK_SOURCE,
            source_id=str(decision.pk),
        )


def decision_summary(decision: Decision, *, label: str = "") -> str:
    """One line about a decision, for the timeline and the minutes: no family data but what
    the decision itself says."""
    parts = [str(DecisionKind(decision.kind).label)]
    if decision.kind == DecisionKind.ROUTE_CHANGED and decision.route:
        parts.append(str(Route(decision.route).label))
    if decision.professional_id:
        parts.append(_name(decision.professional))
    if decision.organisation_id:
        parts.append(decision.organisation.name)
    if decision.discipline and decision.discipline in Discipline.values:
        parts.append(str(Discipline(decision.discipline).label))
    if decision.due_date:
        parts.append(_("uiterlijk %(date)s") % {"date": date_format(decision.due_date, "j F Y")})
    if decision.review_date:
        parts.append(
            _("terug op de agenda vanaf %(date)s")
            % {"date": date_format(decision.review_date, "j F Y")}
        )
    line = " — ".join(parts)
    if decision.text:
        line += ": " + " ".join(decision.text.split())
    return f"{label}: {line}" if label else line


# --- Back on the agenda for review ---------------------------------------------------------


def review_items_due(meeting: MdoMeeting) -> list[AgendaItem]:
    """Families that an earlier decision sent back to the agenda by `meeting`'s date, as new
    (unsaved) candidate items of `meeting`.

    A family is due when its latest review decision (in this series) has a review date on or
    before the meeting's day, and it has no item (not withdrawn) on a meeting after the one
    that decided the review, other than a cancelled one. Families of the series' coalitions
    only, open files only. One query.
    """
    day = timezone.localtime(meeting.starts_at).date()
    latest_review = Decision.objects.filter(
        kind=DecisionKind.REVIEW,
        item__family=OuterRef("item__family"),
        item__meeting__series=meeting.series,
    ).order_by("-decided_at", "-id")
    later_item = (
        AgendaItem.objects.filter(
            family=OuterRef("item__family"),
            meeting__starts_at__gt=OuterRef("item__meeting__starts_at"),
        )
        .exclude(status=ItemStatus.WITHDRAWN)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
    )
    due = (
        Decision.objects.filter(
            kind=DecisionKind.REVIEW,
            review_date__lte=day,
            item__meeting__series=meeting.series,
            item__coalition_id__in=services.served_coalition_ids(meeting.series),
            item__family__in=Family.objects.open(),
            pk=Subquery(latest_review.values("pk")[:1]),
        )
        .exclude(item__meeting=meeting)
        .exclude(Exists(later_item))
        .values("item__family_id", "item__coalition_id", "review_date")
        .order_by("review_date", "item__family_id")
    )
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for row in due:
            items.append(
                AgendaItem(
                    meeting=meeting,
                    family_id=row["item__family_id"],
                    coalition_id=row["item__coalition_id"],
                    source=ItemSource.REVIEW,
                    status=ItemStatus.CANDIDATE,
                    question=_("Terug voor evaluatie (afgesproken voor %(date)s).")
                    % {"date": date_format(row["review_date"], "j F Y")},
                )
            )
    return items


# --- Minutes -------------------------------------------------------------------------------


def _items_for_minutes(meeting: MdoMeeting) -> list[AgendaItem]:
    """The items discussed or on the agenda, numbered, with their decisions and whether they
    are named now (two queries)."""
    named = Consent.objects.given().filter(
        family=OuterRef("family"), purpose=ConsentPurpose.MDO_NAMED
    )
    return list(
        meeting.items.filter(status__in=OPEN_ITEM_STATUSES)
        .select_related("family")
        .annotate(is_named=Exists(named))
        .prefetch_related("decisions__professional", "decisions__organisation")
        .order_by("position", "id")
    )


def item_title(item: AgendaItem, number: int) -> str:
    """How the minutes name an item: named items by reference only, the others anonymous."""
    if getattr(item, "is_named", False):
        return _("Casus %(number)s: gezin %(reference)s") % {
            "number": number,
            "reference": item.family.reference,
        }
    return _("Casus %(number)s (anoniem)") % {"number": number}


def minutes_text(meeting: MdoMeeting) -> str:
    """The minutes as plain text, generated from attendance, discussions and decisions."""
    participants = list(
        meeting.participants.select_related("professional", "membership__organisation").order_by(
            "role", "professional__last_name", "pk"
        )
    )
    lines = [
        _("Verslag %(meeting)s") % {"meeting": meeting_label(meeting)},
        "",
    ]
    if meeting.place:
        lines.append(_("Plaats: %(place)s") % {"place": meeting.place})

    def who(participant) -> str:
        text = f"{_name(participant.professional)} ({participant.membership.organisation.name}"
        return text + f", {participant.get_role_display().lower()})"

    present = [who(p) for p in participants if p.attended]
    absent = [who(p) for p in participants if p.attended is False]
    unknown = [who(p) for p in participants if p.attended is None]
    lines.append(_("Aanwezig: %(names)s") % {"names": "; ".join(present) or "—"})
    if absent:
        lines.append(_("Afwezig: %(names)s") % {"names": "; ".join(absent)})
    if unknown:
        lines.append(_("Aanwezigheid niet vastgelegd: %(names)s") % {"names": "; ".join(unknown)})
    for number, item in enumerate(_items_for_minutes(meeting), start=1):
        lines += ["", item_title(item, number)]
        if item.question:
            lines.append(_("Vraag: %(question)s") % {"question": " ".join(item.question.split())})
        lines.append(
            _("Bespreking: %(text)s") % {"text": item.discussion.strip() or _("niet vastgelegd")}
        )
        decisions = list(item.decisions.all())
        if decisions:
            lines.append(_("Besluiten:"))
            lines += [f"- {decision_summary(decision)}" for decision in decisions]
        else:
            lines.append(_("Besluiten: geen"))
    return "\n".join(lines) + "\n"


@transaction.atomic
def minutes_save(
    *,
    actor: Professional,
    meeting_pk: int,
    minutes: str,
    expected_version: int | None,
    request=None,
) -> MdoMeeting:
    """Save the (edited) minutes, with the meeting's version check; managers only, until the
    minutes are final."""
    meeting = services._lock_meeting(meeting_pk)
    services._require_manager(actor, meeting)
    services._check_version(meeting, expected_version)
    _require_deciding(meeting)
    minutes = (minutes or "").replace("\r\n", "\n").strip()
    if not minutes:
        raise ValidationError({"minutes": _("Schrijf het verslag of genereer het eerst.")})
    if len(minutes) > MINUTES_MAX:
        raise ValidationError(
            {"minutes": _("Houd het verslag korter dan %(max)s tekens.") % {"max": MINUTES_MAX}}
        )
    before = meeting.minutes
    meeting.minutes = minutes + "\n"
    meeting.version = F("version") + 1
    meeting.save(update_fields=["minutes", "version"])
    meeting.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        summary=_("Verslag van MDO-overleg %(meeting)s opgeslagen") % {"meeting": meeting},
        coalition=meeting.series.coalition,
        changes={"minutes": [len(before), len(meeting.minutes)]},
        request=request,
    )
    return meeting


def minutes_generate(
    *, actor: Professional, meeting_pk: int, expected_version: int | None, request=None
) -> MdoMeeting:
    """Replace the minutes by the generated text (`minutes_text`), with the version check."""
    meeting = MdoMeeting.objects.select_related("series").filter(pk=meeting_pk).first()
    if meeting is None:
        raise ValidationError(_("Dit overleg bestaat niet (meer)."))
    with translation.override(settings.LANGUAGE_CODE):
        text = minutes_text(meeting)
    return minutes_save(
        actor=actor,
        meeting_pk=meeting_pk,
        minutes=text,
        expected_version=expected_version,
        request=request,
    )


@transaction.atomic
def minutes_finalise(
    *, actor: Professional, meeting_pk: int, expected_version: int | None, request=None
) -> MdoMeeting:
    """Make the minutes final (`services.meeting_transition`, the one guard). A meeting whose
    agenda is still published is marked held first, in the same transaction."""
    meeting = services._lock_meeting(meeting_pk)
    services._require_manager(actor, meeting)
    services._check_version(meeting, expected_version)
    if meeting.status == MeetingStatus.PUBLISHED:
        meeting = services.meeting_transition(
            actor=actor, meeting_pk=meeting.pk, to_status=MeetingStatus.HELD, request=request
        )
    return services.meeting_transition(
        actor=actor, meeting_pk=meeting.pk, to_status=MeetingStatus.FINAL, request=request
    )
