"""Writes of casusregie, warm handovers and chain moments: one function per use case.

Every write on a family goes through the access policy (`get_family_for_user` with a row
lock on the family, which logs the NEN 7513 event) inside `transaction.atomic`, locks the
handover row (`select_for_update`: the sender and one or more receivers can act at once),
asks the one guard of the transition table (`handover_transition`), writes a timeline event
and the notifications, all in the same transaction. Locks are always taken in the same order,
family first, then handover, then case director, so two actions never wait on each other.

Who may do what, in plain words:
- set the first case director (or a new one when there is none): a care-team member; the
  director must be on the care team;
- propose a handover: a care-team member (the sender), or the manager of an MDO meeting
  recording the MDO's decision (`on_behalf_of_mdo`);
- accept or decline: a receiver (`selectors_handovers.may_receive`), who usually is not on
  the care team yet: the services run inside the receiver's scope (`kansrijk.care.grounds`);
- record the warm contact (complete): the sender or the professional who accepted;
- cancel: the sender, while nobody has answered yet.
Chain moments are coalition settings: coordinators change them, with the audit trail.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.audit import audit_record
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.families.services import care_team_member_add, timeline_record
from kansrijk.organisations.models import (
    Coalition,
    Membership,
    Organisation,
    OrganisationKind,
    Professional,
)

from .grounds import handover_receiver_scope
from .models import (
    DEFAULT_CHAIN_MOMENTS,
    CaseDirector,
    ChainMoment,
    Handover,
    HandoverAction,
    HandoverKind,
    HandoverStatus,
    TimingAnchor,
    WarmContactKind,
    handover_transition,
)
from .models.handovers import OFFSET_LIMIT
from .selectors_handovers import (
    care_team_member_of,
    chain_moment,
    family_pregnancy_dates,
    may_receive,
    suggested_due_date,
)
from .timeline import (
    CASE_DIRECTOR_CHANGED,
    CASE_DIRECTOR_SET,
    HANDOVER_ACCEPTED,
    HANDOVER_CANCELLED,
    HANDOVER_COMPLETED,
    HANDOVER_DECLINED,
    HANDOVER_PROPOSED,
)

Action = AccessEvent.Action
SUMMARY_MAX = 4000


class HandoverChanged(ValidationError):
    """Someone acted on the handover after the form was loaded (its version moved on)."""


# --- Helpers -------------------------------------------------------------------------------


def _family_for_change(actor, family_pk, *, request, detail: str) -> Family:
    return get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=detail
    )


def _require_open(family: Family) -> None:
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))


def _require_care_team(family: Family, actor, message: str) -> CareTeamMember:
    member = care_team_member_of(family, actor)
    if member is None:
        raise ValidationError(message)
    return member


def _professional_membership(professional, coalition_id: int) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(professional=professional, coalition_id=coalition_id, is_professional=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )


def _lock_handover(family: Family, handover_pk: int) -> Handover:
    handover = (
        Handover.objects.select_for_update(of=("self",))
        .select_related("to_organisation", "to_professional", "from_professional")
        .filter(pk=handover_pk, family=family)
        .first()
    )
    if handover is None:
        raise ValidationError(_("Deze overdracht bestaat niet (meer)."))
    return handover


def _check_version(handover: Handover, expected_version: int | None) -> None:
    if expected_version is not None and handover.version != expected_version:
        raise HandoverChanged(
            _(
                "Deze overdracht is intussen gewijzigd (door een collega of in een ander "
                "tabblad). Bekijk hoe hij er nu voor staat."
            ),
            code="changed",
        )


def _family_of_answer(handover_pk, action: str) -> int | None:
    """The family of the handover a receiver answers, after a first, unlocked look at the
    guard: the receiver's ground holds only while the handover is proposed, so an answer to
    one that is no longer open gets the guard's Dutch message instead of "not found". The
    guard is asked again on the locked row."""
    try:
        handover_pk = int(handover_pk)
    except (TypeError, ValueError):
        return None
    row = Handover.objects.filter(pk=handover_pk).values("family_id", "status").first()
    if row is None:
        return None
    handover_transition(row["status"], action)
    return row["family_id"]


def _name(professional) -> str:
    return professional.get_full_name() or professional.username


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _notify(recipients: Iterable[int], *, family: Family, text: str, link: str) -> None:
    """Notifications hold the family's reference and no other family data (see `Notification`)."""
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, coalition_id=family.coalition_id, text=text, link=link)
        for pk in sorted(set(recipients))
    )


def receiver_ids(handover: Handover) -> list[int]:
    """Who a handover is for: the named professional, else the current professionals of the
    receiving organisation in the family's coalition."""
    if handover.to_professional_id:
        return [handover.to_professional_id]
    return list(
        Membership.objects.current()
        .filter(
            organisation_id=handover.to_organisation_id,
            coalition_id=handover.coalition_id,
            is_professional=True,
        )
        .values_list("professional_id", flat=True)
        .distinct()
    )


def _handover_link(handover: Handover) -> str:
    return reverse("care:handovers", args=[handover.family_id]) + f"#overdracht-{handover.pk}"


def _receiver_link(handover: Handover) -> str:
    return reverse("care:handover_incoming", args=[handover.pk])


def _moment_text(handover: Handover) -> str:
    return handover.moment_name or _("ander moment")


# --- Casusregie ----------------------------------------------------------------------------


@transaction.atomic
def case_director_set(
    *, actor: Professional, family_pk: int, professional: Professional, request=None
) -> CaseDirector:
    """Name the family's case director while it has none (the first, or after a period
    without). A change of director is a casusregie handover, never an overwrite."""
    family = _family_for_change(
        actor, family_pk, request=request, detail=_("Casusregisseur vastgelegd")
    )
    _require_open(family)
    _require_care_team(
        family, actor, _("Alleen een lid van het zorgteam kan de casusregisseur vastleggen.")
    )
    current = (
        CaseDirector.objects.select_for_update(of=("self",))
        .current()
        .filter(family=family)
        .select_related("professional")
        .first()
    )
    if current is not None:
        raise ValidationError(
            _(
                "%(name)s is al casusregisseur van dit gezin. Draag de casusregie over met een "
                "overdracht; die gaat in als de nieuwe casusregisseur accepteert."
            )
            % {"name": _name(current.professional)}
        )
    member = care_team_member_of(family, professional)
    if member is None:
        raise ValidationError(
            {
                "professional": _(
                    "De casusregisseur moet in het zorgteam zitten. Voeg %(name)s eerst toe "
                    "aan het zorgteam."
                )
                % {"name": _name(professional)}
            }
        )
    director = CaseDirector.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=professional,
        membership=member.membership,
        started_at=timezone.now(),
        set_by=actor,
    )
    with translation.override(settings.LANGUAGE_CODE):
        summary = _director_summary(director, member)
        timeline_record(
            family=family, kind=CASE_DIRECTOR_SET, actor=actor, obj=director, summary=summary
        )
        if professional.pk != actor.pk:
            _notify(
                [professional.pk],
                family=family,
                text=_("%(who)s heeft je casusregisseur gemaakt van gezin %(reference)s.")
                % {"who": _name(actor), "reference": family.reference},
                link=reverse("care:case_director", args=[family.pk]),
            )
    return director


def _director_summary(director: CaseDirector, member: CareTeamMember | None) -> str:
    parts = [_name(director.professional)]
    membership = member.membership if member is not None else director.membership
    if membership is not None:
        parts.append(membership.organisation.name)
    return ", ".join(parts)


def _transfer_casusregie(
    *, family: Family, handover: Handover, actor: Professional, member: CareTeamMember, at
) -> CaseDirector | None:
    """End the current director's period and start the receiver's, at acceptance. The family
    row is locked, so two transfers accepted at once are applied one after the other; the
    partial unique constraint is the backstop."""
    current = (
        CaseDirector.objects.select_for_update(of=("self",))
        .current()
        .filter(family=family)
        .select_related("professional")
        .first()
    )
    if current is not None and current.professional_id == actor.pk:
        return current  # already the director: nothing to hand over
    if current is not None:
        current.ended_at = max(at, current.started_at)
        current.save(update_fields=["ended_at"])
    director = CaseDirector.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=actor,
        membership=member.membership,
        started_at=at,
        via_handover=handover,
        set_by=actor,
    )
    previous = _name(current.professional) if current is not None else _("niemand")
    timeline_record(
        family=family,
        kind=CASE_DIRECTOR_CHANGED,
        actor=actor,
        obj=director,
        summary=_("Van %(old)s naar %(new)s")
        % {"old": previous, "new": _director_summary(director, member)},
        changes={
            "case_director": [current.professional_id if current else None, actor.pk],
        },
    )
    if current is not None and current.professional_id not in (
        actor.pk,
        handover.from_professional_id,
    ):
        _notify(
            [current.professional_id],
            family=family,
            text=_("%(who)s heeft de casusregie van gezin %(reference)s van je overgenomen.")
            % {"who": _name(actor), "reference": family.reference},
            link=reverse("care:case_director", args=[family.pk]),
        )
    return director


# --- Handovers -----------------------------------------------------------------------------


@transaction.atomic
def handover_propose(
    *,
    actor: Professional,
    family_pk: int,
    summary: str,
    to_organisation: Organisation | None = None,
    to_professional: Professional | None = None,
    due_date: date | None = None,
    moment_code: str = "",
    kind: str = HandoverKind.REGULAR,
    on_behalf_of_mdo: bool = False,
    request=None,
) -> Handover:
    """Propose a handover of the family to an organisation and/or a professional.

    `moment_code` names one of the coalition's chain moments ("" for another moment); a
    moment that transfers the casusregie makes it a casusregie handover. Without a
    `due_date` the moment's timing rule gives one. Raises `ValidationError` keyed by field.

    `on_behalf_of_mdo`: only for `kansrijk.mdo.services_decisions`, which has checked that
    `actor` manages an MDO meeting where the family is on the agenda by name, and runs this
    inside the MDO decision ground's scope (so the policy lets the actor write). The actor,
    usually the MDO's chair and off the care team, is then the sender without being on the
    care team (their professional membership in the family's coalition is recorded).
    """
    family = _family_for_change(
        actor, family_pk, request=request, detail=_("Overdracht voorgesteld")
    )
    _require_open(family)
    if on_behalf_of_mdo:
        sender_membership = _professional_membership(actor, family.coalition_id)
    else:
        sender_membership = _require_care_team(
            family, actor, _("Alleen een lid van het zorgteam kan een overdracht voorstellen.")
        ).membership
    errors: dict[str, str] = {}
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = _("Schrijf een korte samenvatting voor de ontvanger.")
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = _("Houd de samenvatting korter dan %(max)d tekens.") % {
            "max": SUMMARY_MAX
        }
    moment = None
    if moment_code:
        moment = chain_moment(family.coalition_id, moment_code)
        if moment is None:
            errors["moment"] = _("Dit ketenmoment bestaat niet (meer). Kies een ander.")
        elif moment.transfers_casusregie:
            kind = HandoverKind.CASUSREGIE
    if kind not in HandoverKind.values:
        errors["kind"] = _("Kies een soort overdracht.")
    errors.update(
        _receiver_errors(
            family, actor=actor, to_organisation=to_organisation, to_professional=to_professional
        )
    )
    if kind == HandoverKind.CASUSREGIE and not errors:
        errors.update(_casusregie_errors(family, to_professional=to_professional))
    today = timezone.localdate()
    if due_date is None and "moment" not in errors:
        due_date = suggested_due_date(moment, dates=family_pregnancy_dates(family), today=today)
    if due_date is not None and due_date < today:
        errors["due_date"] = _("Kies een datum vanaf vandaag.")
    if errors:
        raise ValidationError(errors)
    with translation.override(settings.LANGUAGE_CODE):
        # Kept as text: a later change of the coalition's moments does not rewrite history.
        moment_name = str(moment.name) if moment else ""
    handover = Handover.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        kind=kind,
        moment_code=moment.code if moment else "",
        moment_name=moment_name,
        from_professional=actor,
        from_membership=sender_membership,
        to_organisation=to_organisation,
        to_professional=to_professional,
        summary=summary,
        due_date=due_date,
        status=HandoverStatus.PROPOSED,
        proposed_at=timezone.now(),
    )
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=family,
            kind=HANDOVER_PROPOSED,
            actor=actor,
            obj=handover,
            summary=_("%(kind)s aan %(receiver)s (%(moment)s), accepteren vóór %(date)s")
            % {
                "kind": handover.get_kind_display(),
                "receiver": handover.receiver_label,
                "moment": _moment_text(handover),
                "date": _day(due_date),
            },
        )
        _notify(
            [pk for pk in receiver_ids(handover) if pk != actor.pk],
            family=family,
            text=_(
                "%(who)s stelt een overdracht voor van gezin %(reference)s (%(kind)s). "
                "Accepteer of wijs af vóór %(date)s."
            )
            % {
                "who": _name(actor),
                "reference": family.reference,
                "kind": handover.get_kind_display().lower(),
                "date": _day(due_date),
            },
            link=_receiver_link(handover),
        )
    return handover


def _receiver_errors(family, *, actor, to_organisation, to_professional) -> dict[str, str]:
    if to_organisation is None and to_professional is None:
        return {
            "to_organisation": _("Kies de organisatie of de professional die de overdracht krijgt.")
        }
    if to_organisation is not None and (
        not to_organisation.is_active
        or not to_organisation.coalitions.filter(pk=family.coalition_id).exists()
    ):
        return {"to_organisation": _("Deze organisatie werkt niet in de coalitie van dit gezin.")}
    if to_professional is None:
        return {}
    if to_professional.pk == actor.pk:
        return {"to_professional": _("Je kunt geen overdracht aan jezelf voorstellen.")}
    memberships = Membership.objects.current().filter(
        professional=to_professional, coalition_id=family.coalition_id, is_professional=True
    )
    if not memberships.exists():
        return {
            "to_professional": _(
                "%(name)s werkt niet als professional in de coalitie van dit gezin."
            )
            % {"name": _name(to_professional)}
        }
    if (
        to_organisation is not None
        and not memberships.filter(organisation=to_organisation).exists()
    ):
        return {
            "to_professional": _("%(name)s werkt niet voor %(organisation)s in deze coalitie.")
            % {"name": _name(to_professional), "organisation": to_organisation.name}
        }
    return {}


def _casusregie_errors(family, *, to_professional) -> dict[str, str]:
    running = (
        Handover.objects.proposed()
        .filter(family=family, kind=HandoverKind.CASUSREGIE)
        .select_related("to_organisation", "to_professional")
        .first()
    )
    if running is not None:
        return {
            "kind": _(
                "Er staat al een overdracht van de casusregie open (aan %(receiver)s). "
                "Wacht op het antwoord of trek die eerst in."
            )
            % {"receiver": running.receiver_label}
        }
    if to_professional is not None and (
        CaseDirector.objects.current().filter(family=family, professional=to_professional).exists()
    ):
        return {
            "to_professional": _("%(name)s is al casusregisseur van dit gezin.")
            % {"name": _name(to_professional)}
        }
    return {}


@transaction.atomic
def handover_accept(
    *,
    actor: Professional,
    handover_pk: int,
    role_in_family: str = "",
    phone: str = "",
    expected_version: int | None = None,
    request=None,
) -> Handover:
    """The receiver accepts: they join the care team (if not on it yet) and, for a
    casusregie handover, become the case director now; the previous director's period ends
    at the same moment. The sender is notified."""
    family_pk = _family_of_answer(handover_pk, HandoverAction.ACCEPT)
    with handover_receiver_scope(actor, handover_pk):
        family = _family_for_change(
            actor, family_pk, request=request, detail=_("Overdracht geaccepteerd")
        )
        handover = _lock_handover(family, handover_pk)
        _check_version(handover, expected_version)
        if not may_receive(actor, handover):
            raise ValidationError(_("Alleen de ontvanger kan deze overdracht accepteren."))
        new_status = handover_transition(handover.status, HandoverAction.ACCEPT)
        _require_open(family)
        member = care_team_member_of(family, actor)
        if member is None:
            member = care_team_member_add(
                actor=actor,
                family_pk=family.pk,
                professional=actor,
                role_in_family=(role_in_family or "").strip(),
                phone=(phone or "").strip(),
                request=request,
            )
    now = timezone.now()
    handover.status = new_status
    handover.accepted_by = actor
    handover.accepted_at = now
    handover.version += 1
    handover.save(update_fields=["status", "accepted_by", "accepted_at", "version"])
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=family,
            kind=HANDOVER_ACCEPTED,
            actor=actor,
            obj=handover,
            summary=_("%(kind)s van %(sender)s geaccepteerd door %(who)s")
            % {
                "kind": handover.get_kind_display(),
                "sender": _name(handover.from_professional),
                "who": _name(actor),
            },
        )
        if handover.is_casusregie:
            _transfer_casusregie(
                family=family, handover=handover, actor=actor, member=member, at=now
            )
        if handover.from_professional_id != actor.pk:
            _notify(
                [handover.from_professional_id],
                family=family,
                text=_(
                    "%(who)s heeft je overdracht van gezin %(reference)s geaccepteerd. "
                    "Leg het warme contact vast als jullie samen bij het gezin zijn geweest "
                    "of het gezin samen hebben gesproken."
                )
                % {"who": _name(actor), "reference": family.reference},
                link=_handover_link(handover),
            )
    return handover


@transaction.atomic
def handover_decline(
    *,
    actor: Professional,
    handover_pk: int,
    reason: str,
    expected_version: int | None = None,
    request=None,
) -> Handover:
    """The receiver declines, with a reason; the sender is notified and can propose again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden waarom je de overdracht afwijst.")})
    family_pk = _family_of_answer(handover_pk, HandoverAction.DECLINE)
    with handover_receiver_scope(actor, handover_pk):
        family = _family_for_change(
            actor, family_pk, request=request, detail=_("Overdracht afgewezen")
        )
        handover = _lock_handover(family, handover_pk)
        _check_version(handover, expected_version)
        if not may_receive(actor, handover):
            raise ValidationError(_("Alleen de ontvanger kan deze overdracht afwijzen."))
        new_status = handover_transition(handover.status, HandoverAction.DECLINE)
    handover.status = new_status
    handover.declined_by = actor
    handover.declined_at = timezone.now()
    handover.decline_reason = reason
    handover.version += 1
    handover.save(
        update_fields=["status", "declined_by", "declined_at", "decline_reason", "version"]
    )
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=family,
            kind=HANDOVER_DECLINED,
            actor=actor,
            obj=handover,
            summary=_("%(kind)s van %(sender)s afgewezen door %(who)s")
            % {
                "kind": handover.get_kind_display(),
                "sender": _name(handover.from_professional),
                "who": _name(actor),
            },
        )
        _notify(
            [handover.from_professional_id],
            family=family,
            text=_(
                "%(who)s heeft je overdracht van gezin %(reference)s afgewezen. Bekijk de "
                "reden en stel zo nodig een nieuwe overdracht voor."
            )
            % {"who": _name(actor), "reference": family.reference},
            link=_handover_link(handover),
        )
    return handover


@transaction.atomic
def handover_complete(
    *,
    actor: Professional,
    family_pk: int,
    handover_pk: int,
    contact_kind: str,
    contact_on: date | None,
    note: str = "",
    expected_version: int | None = None,
    request=None,
) -> Handover:
    """Record the warm contact (a joint visit or call with the family); that completes the
    handover. By the sender or the professional who accepted."""
    family = _family_for_change(
        actor, family_pk, request=request, detail=_("Warm contact vastgelegd")
    )
    _require_open(family)
    handover = _lock_handover(family, handover_pk)
    _check_version(handover, expected_version)
    if actor.pk not in (handover.from_professional_id, handover.accepted_by_id):
        raise ValidationError(
            _(
                "Alleen wie de overdracht voorstelde of accepteerde kan het warme contact "
                "vastleggen."
            )
        )
    new_status = handover_transition(handover.status, HandoverAction.COMPLETE)
    errors = {}
    if contact_kind not in WarmContactKind.values:
        errors["contact_kind"] = _(
            "Kies hoe het warme contact was: een gezamenlijk bezoek of een gezamenlijk gesprek."
        )
    today = timezone.localdate()
    if contact_on is None:
        errors["contact_on"] = _("Vul de datum van het warme contact in.")
    elif contact_on > today:
        errors["contact_on"] = _("Het warme contact kan niet in de toekomst liggen.")
    elif contact_on < timezone.localdate(handover.proposed_at):
        errors["contact_on"] = _(
            "Het warme contact kan niet vóór het voorstel van de overdracht zijn."
        )
    if errors:
        raise ValidationError(errors)
    handover.status = new_status
    handover.warm_contact_kind = contact_kind
    handover.warm_contact_on = contact_on
    handover.warm_contact_note = (note or "").strip()
    handover.completed_by = actor
    handover.completed_at = timezone.now()
    handover.version += 1
    handover.save(
        update_fields=[
            "status",
            "warm_contact_kind",
            "warm_contact_on",
            "warm_contact_note",
            "completed_by",
            "completed_at",
            "version",
        ]
    )
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=family,
            kind=HANDOVER_COMPLETED,
            actor=actor,
            obj=handover,
            summary=_("%(contact)s op %(date)s (%(kind)s aan %(receiver)s)")
            % {
                "contact": handover.get_warm_contact_kind_display(),
                "date": _day(contact_on),
                "kind": handover.get_kind_display().lower(),
                "receiver": _name(handover.accepted_by),
            },
        )
        other = {handover.from_professional_id, handover.accepted_by_id} - {actor.pk}
        _notify(
            other,
            family=family,
            text=_(
                "%(who)s heeft het warme contact voor gezin %(reference)s vastgelegd; de "
                "overdracht is afgerond."
            )
            % {"who": _name(actor), "reference": family.reference},
            link=_handover_link(handover),
        )
    return handover


@transaction.atomic
def handover_cancel(
    *,
    actor: Professional,
    family_pk: int,
    handover_pk: int,
    reason: str = "",
    expected_version: int | None = None,
    request=None,
) -> Handover:
    """The sender withdraws a handover nobody has answered yet; the receivers are told."""
    family = _family_for_change(
        actor, family_pk, request=request, detail=_("Overdracht ingetrokken")
    )
    handover = _lock_handover(family, handover_pk)
    _check_version(handover, expected_version)
    if actor.pk != handover.from_professional_id:
        raise ValidationError(_("Alleen wie de overdracht voorstelde kan hem intrekken."))
    new_status = handover_transition(handover.status, HandoverAction.CANCEL)
    handover.status = new_status
    handover.cancelled_by = actor
    handover.cancelled_at = timezone.now()
    handover.cancel_reason = (reason or "").strip()
    handover.version += 1
    handover.save(
        update_fields=["status", "cancelled_by", "cancelled_at", "cancel_reason", "version"]
    )
    with translation.override(settings.LANGUAGE_CODE):
        timeline_record(
            family=family,
            kind=HANDOVER_CANCELLED,
            actor=actor,
            obj=handover,
            summary=_("%(kind)s aan %(receiver)s ingetrokken")
            % {"kind": handover.get_kind_display(), "receiver": handover.receiver_label},
        )
        _notify(
            [pk for pk in receiver_ids(handover) if pk != actor.pk],
            family=family,
            text=_("%(who)s heeft de overdracht van gezin %(reference)s ingetrokken.")
            % {"who": _name(actor), "reference": family.reference},
            link=reverse("care:handovers_incoming"),
        )
    return handover


# --- Chain moments (coalition settings) ----------------------------------------------------

CHAIN_MOMENT_FIELDS = (
    "name",
    "from_kinds",
    "to_kind",
    "transfers_casusregie",
    "anchor",
    "offset_days",
    "is_active",
    "order",
)


def _require_coordinator(actor, coalition: Coalition) -> None:
    if not (
        Membership.objects.current()
        .filter(professional=actor, coalition=coalition, is_coordinator=True)
        .exists()
    ):
        raise PermissionDenied


def chain_moments_materialise(coalition: Coalition, *, actor=None) -> None:
    """Give the coalition its own copy of the default moments, before its first change."""
    if ChainMoment.objects.filter(coalition=coalition).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        ChainMoment.objects.bulk_create(
            ChainMoment(
                coalition=coalition,
                code=moment.code,
                name=str(moment.name),
                from_kinds=[str(kind) for kind in moment.from_kinds],
                to_kind=moment.to_kind,
                transfers_casusregie=moment.transfers_casusregie,
                anchor=moment.anchor,
                offset_days=moment.offset_days,
                is_active=moment.is_active,
                order=moment.order,
                updated_by=actor,
            )
            for moment in DEFAULT_CHAIN_MOMENTS
        )


@transaction.atomic
def chain_moment_save(
    *,
    actor: Professional,
    coalition: Coalition,
    code: str | None,
    data: dict,
    request=None,
) -> ChainMoment:
    """Create (`code` None) or change one of the coalition's chain moments. The first change
    copies the defaults into the coalition's own list. Coordinators only."""
    unknown = set(data) - set(CHAIN_MOMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a chain moment: {', '.join(sorted(unknown))}")
    _require_coordinator(actor, coalition)
    # Serialises two coordinators copying the defaults at once.
    Coalition.objects.select_for_update().get(pk=coalition.pk)
    chain_moments_materialise(coalition, actor=actor)
    if code is None:
        moment = ChainMoment(coalition=coalition)
        before: dict = {}
    else:
        moment = ChainMoment.objects.filter(coalition=coalition, code=code).first()
        if moment is None:
            raise ValidationError(_("Dit ketenmoment bestaat niet (meer)."))
        before = {name: getattr(moment, name) for name in data}
    for name, value in data.items():
        setattr(moment, name, value)
    moment.from_kinds = sorted({str(kind) for kind in moment.from_kinds or []})
    if moment.to_kind and moment.to_kind not in OrganisationKind.values:
        raise ValidationError({"to_kind": _("Kies een bestaande soort organisatie.")})
    if moment.anchor not in TimingAnchor.values:
        raise ValidationError({"anchor": _("Kies waarvandaan de termijn telt.")})
    if abs(moment.offset_days or 0) > OFFSET_LIMIT:
        raise ValidationError(
            {
                "offset_days": _("Kies een termijn van hooguit %(max)d dagen.")
                % {"max": OFFSET_LIMIT}
            }
        )
    if not moment.code:
        moment.code = _free_code(coalition, slugify(moment.name)[:30] or "moment")
    moment.updated_by = actor
    moment.updated_at = timezone.now()
    moment.full_clean(exclude=["coalition", "updated_by"])
    moment.save()
    changes = {
        name: [_plain(before.get(name)), _plain(getattr(moment, name))]
        for name in data
        if before.get(name) != getattr(moment, name)
    }
    audit_record(
        actor=actor,
        action="chain_moment_saved",
        obj=moment,
        coalition=coalition,
        summary=_("Ketenmoment %(name)s opgeslagen") % {"name": moment.name},
        changes=changes,
        request=request,
    )
    return moment


def _free_code(coalition: Coalition, base: str) -> str:
    taken = set(ChainMoment.objects.filter(coalition=coalition).values_list("code", flat=True))
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)
