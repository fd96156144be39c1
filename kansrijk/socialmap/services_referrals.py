"""Writes of closed-loop referrals: one function per use case.

Every write takes the family through the access policy (`get_family_for_user` with a row
lock on the family, which logs the NEN 7513 event) inside `transaction.atomic`, then locks
the referral (`select_for_update`: several professionals of the receiving organisation, and
the care team, can act at once), checks the version the actor saw, asks the one guard of the
transition table (`referral_transition`), and writes a `ReferralEvent`, the audit trail, a
timeline event and the notifications, all in the same transaction. Locks are taken in the
same order everywhere: family first, then referral.

Who may do what, in plain words:
- send: whoever may change the family (`kansrijk.families.pages.family_for_write`: in
  practice its care team), to an active service of the coalition whose provider is linked to
  a chain partner in kansrijk, with the family's consent to share the stated data;
- receive, accept, decline (with a reason), start, complete (with feedback), no-show: a
  professional of the receiving organisation in the referral's coalition. Until they accept
  they are usually off the care team: these services run inside the receiver's scope
  (`selectors_referrals.referral_receiver_scope`). Accepting puts the accepting professional
  on the care team (as an accepted handover does): they need the file to help the family;
- withdraw: a member of the family's care team (the referring side), while it is open.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.audit import audit_record
from kansrijk.core.dates import add_working_days
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, Family, Person
from kansrijk.families.services import care_team_member_add, timeline_record
from kansrijk.organisations.models import Membership, Professional

from . import timeline
from .models import (
    RECEIVER_ACTIONS,
    RESPONSE_WORKING_DAYS,
    SENDER_ACTIONS,
    TRANSITIONS,
    Referral,
    ReferralAction,
    ReferralEvent,
    ReferralStatus,
    Service,
    ServiceStatus,
    Urgency,
)
from .selectors_referrals import referral_receiver_scope

Action = AccessEvent.Action
REASON_MAX = 4000
SHARED_MAX = 4000
NOTE_MAX = 4000


class ReferralChanged(ValidationError):
    """Someone acted on the referral after the form was loaded (its version moved on)."""


# --- The guard ---------------------------------------------------------------------------------


def referral_transition(referral: Referral | str, action: str) -> str:
    """The status after `action` on `referral` (a referral or its status), per `TRANSITIONS`;
    anything the table does not list is refused with a Dutch message."""
    status = referral if isinstance(referral, str) else referral.status
    try:
        return TRANSITIONS[(ReferralStatus(status), ReferralAction(action))]
    except (KeyError, ValueError):
        pass
    try:
        status_label = ReferralStatus(status).label
    except ValueError:
        status_label = status
    try:
        action_label = ReferralAction(action).label
    except ValueError:
        raise ValidationError(
            _("Deze actie bestaat niet voor een verwijzing."), code="unknown_action"
        ) from None
    raise ValidationError(
        _("Deze verwijzing is %(status)s; je kunt hem niet %(action)s.")
        % {"status": str(status_label).lower(), "action": action_label},
        code="not_allowed",
    )


def allowed_actions(referral: Referral, *, receiver: bool, sender: bool) -> list[str]:
    """The actions the table allows now that this actor may take (for the buttons)."""
    mine = [*(RECEIVER_ACTIONS if receiver else ()), *(SENDER_ACTIONS if sender else ())]
    return [
        str(action) for action in mine if (ReferralStatus(referral.status), action) in TRANSITIONS
    ]


# --- Working days ------------------------------------------------------------------------------


def respond_by_for(urgency: str, *, today: date | None = None) -> date:
    """When the receiving organisation should answer: the urgency's working days."""
    days = RESPONSE_WORKING_DAYS.get(Urgency(urgency), RESPONSE_WORKING_DAYS[Urgency.NORMAL])
    return add_working_days(today or timezone.localdate(), days)


# --- Helpers -----------------------------------------------------------------------------------


def _name(professional) -> str:
    if professional is None:
        return ""
    return professional.get_full_name() or professional.username


def _require_open(family: Family) -> None:
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))


def _check_version(referral: Referral, expected_version: int | None) -> None:
    if expected_version is not None and referral.version != expected_version:
        raise ReferralChanged(
            _(
                "Deze verwijzing is intussen gewijzigd (door een collega of in een ander "
                "tabblad). Bekijk hoe hij er nu voor staat."
            ),
            code="changed",
        )


def _lock_referral(family: Family, referral_pk) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("service", "receiving_organisation", "sent_by")
        .filter(pk=referral_pk, family=family)
        .first()
    )
    if referral is None:
        raise ValidationError(_("Deze verwijzing bestaat niet (meer)."))
    return referral


def _family_of(referral_pk, action: str, expected_version: int | None = None) -> int | None:
    """The family of the referral, after a first, unlocked look at the guard: the receiver's
    ground holds only while the referral is open, so an action on a closed one gets the
    guard's Dutch message instead of "not found". The guard is asked again on the locked
    row."""
    try:
        referral_pk = int(referral_pk)
    except (TypeError, ValueError):
        return None
    row = Referral.objects.filter(pk=referral_pk).values("family_id", "status", "version").first()
    if row is None:
        return None
    if expected_version is not None and row["version"] != expected_version:
        _check_version(Referral(version=row["version"]), expected_version)
    referral_transition(row["status"], action)
    return row["family_id"]


def works_for(professional, organisation_id: int, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(
            professional=professional,
            organisation_id=organisation_id,
            coalition_id=coalition_id,
            is_professional=True,
        )
        .exists()
    )


def receiver_ids(referral: Referral) -> list[int]:
    """The current professionals of the receiving organisation in the referral's coalition."""
    return list(
        Membership.objects.current()
        .filter(
            organisation_id=referral.receiving_organisation_id,
            coalition_id=referral.coalition_id,
            is_professional=True,
        )
        .values_list("professional_id", flat=True)
        .distinct()
    )


def _notify(recipients, *, family: Family, text: str, link: str) -> None:
    """Notifications hold the family's reference and no other family data."""
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, coalition_id=family.coalition_id, text=text, link=link)
        for pk in sorted(set(recipients))
    )


def _link(referral: Referral) -> str:
    return reverse("socialmap:referral_detail", args=[referral.pk])


def _record_step(
    *,
    referral: Referral,
    family: Family,
    actor: Professional,
    from_status: str,
    note: str,
    summary: str,
    request=None,
) -> None:
    """The event of the step, the audit trail and the timeline event, in the caller's
    transaction."""
    ReferralEvent.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=referral.status,
        actor=actor,
        note=note,
    )
    audit_record(
        actor=actor,
        action=f"referral_{referral.status}",
        obj=referral,
        coalition=family.coalition,
        summary=summary,
        changes={"status": [from_status or None, referral.status]},
        request=request,
    )
    timeline.register()
    timeline_record(
        family=family,
        kind=timeline.KIND_OF_STATUS[ReferralStatus(referral.status)],
        actor=actor,
        obj=referral,
        summary=summary,
    )


# --- Sending -----------------------------------------------------------------------------------


def _send_errors(
    family: Family,
    *,
    person: Person | None,
    service: Service | None,
    reason: str,
    urgency: str,
    shared_data: str,
    consent_to_share: bool,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if person is None or person.family_id != family.pk:
        errors["person"] = _("Kies voor wie in het gezin de verwijzing is.")
    if service is None or service.coalition_id != family.coalition_id:
        errors["service"] = _("Kies een aanbod van de sociale kaart van deze coalitie.")
    elif service.status != ServiceStatus.ACTIVE:
        errors["service"] = _("Dit aanbod is niet actief; je kunt er nu niet naar verwijzen.")
    else:
        partner = service.organization.organisation
        if partner is None or not partner.is_active:
            errors["service"] = _(
                "De aanbieder van dit aanbod is niet gekoppeld aan een ketenpartner in "
                "kansrijk: je kunt deze verwijzing niet via kansrijk versturen. Neem contact op "
                "met de aanbieder zelf."
            )
        elif not partner.coalitions.filter(pk=family.coalition_id).exists():
            errors["service"] = _(
                "De ketenpartner van dit aanbod werkt niet in de coalitie van dit gezin: je "
                "kunt deze verwijzing niet via kansrijk versturen."
            )
    if not reason:
        errors["reason"] = _("Schrijf de reden van de verwijzing.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Houd de reden korter dan %(max)d tekens.") % {"max": REASON_MAX}
    if urgency not in Urgency.values:
        errors["urgency"] = _("Kies hoe urgent de verwijzing is.")
    if len(shared_data) > SHARED_MAX:
        errors["shared_data"] = _("Houd de gedeelde gegevens korter dan %(max)d tekens.") % {
            "max": SHARED_MAX
        }
    if not consent_to_share:
        errors["consent_to_share"] = _(
            "Zonder toestemming van het gezin om de gegevens te delen kun je niet verwijzen. "
            "Vraag eerst toestemming en vink die dan aan."
        )
    return errors


@transaction.atomic
def referral_send(
    *,
    actor: Professional,
    family_pk: int,
    person_pk,
    service_id,
    reason: str,
    urgency: str = Urgency.NORMAL,
    shared_data: str = "",
    consent_to_share: bool,
    request=None,
) -> Referral:
    """Refer a person of the family to a service. The receiving organisation is the chain
    partner linked to the service's provider now (kept on the referral); the answer is due
    after the urgency's working days. Raises `ValidationError` keyed by field."""
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=_("Verwezen")
    )
    _require_open(family)
    reason = (reason or "").strip()
    shared_data = (shared_data or "").strip()
    person = Person.objects.filter(pk=person_pk, family=family).first() if person_pk else None
    service = None
    if service_id:
        try:
            service = (
                Service.objects.filter(pk=service_id, coalition_id=family.coalition_id)
                .select_related("organization__organisation")
                .first()
            )
        except (ValueError, ValidationError):
            service = None
    errors = _send_errors(
        family,
        person=person,
        service=service,
        reason=reason,
        urgency=urgency,
        shared_data=shared_data,
        consent_to_share=bool(consent_to_share),
    )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    referral = Referral.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        person=person,
        service=service,
        receiving_organisation=service.organization.organisation,
        reason=reason,
        urgency=urgency,
        shared_data=shared_data,
        consent_to_share=True,
        status=ReferralStatus.SENT,
        sent_by=actor,
        sent_at=now,
        respond_by=respond_by_for(urgency, today=timezone.localdate(now)),
        updated_at=now,
    )
    with translation.override(settings.LANGUAGE_CODE):
        summary = _("%(person)s verwezen naar %(service)s (%(organisation)s)") % {
            "person": person.first_name,
            "service": service.name,
            "organisation": referral.receiving_organisation.name,
        }
        _record_step(
            referral=referral,
            family=family,
            actor=actor,
            from_status="",
            note="",
            summary=summary,
            request=request,
        )
        _notify(
            [pk for pk in receiver_ids(referral) if pk != actor.pk],
            family=family,
            text=_("Nieuwe verwijzing naar %(service)s; antwoord vóór %(date)s.")
            % {"service": service.name, "date": referral.respond_by.strftime("%d-%m-%Y")},
            link=_link(referral),
        )
    return referral


# --- The receiving organisation's steps ---------------------------------------------------

_RECEIVER_VERB = {
    ReferralAction.RECEIVE: _("als ontvangen markeren"),
    ReferralAction.ACCEPT: _("accepteren"),
    ReferralAction.DECLINE: _("afwijzen"),
    ReferralAction.START: _("starten"),
    ReferralAction.COMPLETE: _("afronden"),
    ReferralAction.NO_SHOW: _("als niet verschenen markeren"),
}


@transaction.atomic
def _receiver_step(
    *,
    actor: Professional,
    referral_pk,
    action: str,
    note: str = "",
    expected_version: int | None = None,
    request=None,
    role_in_family: str = "",
    phone: str = "",
) -> Referral:
    family_pk = _family_of(referral_pk, action, expected_version)
    if family_pk is None:
        raise ValidationError(_("Deze verwijzing bestaat niet (meer)."))
    with referral_receiver_scope(actor, referral_pk):
        family = get_family_for_user(
            actor,
            family_pk,
            Action.UPDATE,
            request=request,
            lock=True,
            detail=_("Verwijzing beantwoord"),
        )
        referral = _lock_referral(family, referral_pk)
        _check_version(referral, expected_version)
        if not works_for(actor, referral.receiving_organisation_id, referral.coalition_id):
            raise ValidationError(
                _("Alleen een professional van %(organisation)s kan deze verwijzing %(verb)s.")
                % {
                    "organisation": referral.receiving_organisation.name,
                    "verb": _RECEIVER_VERB[ReferralAction(action)],
                }
            )
        from_status = referral.status
        new_status = referral_transition(referral, action)
        joined = False
        if action == ReferralAction.ACCEPT:
            _require_open(family)
            on_team = CareTeamMember.objects.current().filter(family=family, professional=actor)
            if not on_team.exists():
                care_team_member_add(
                    actor=actor,
                    family_pk=family.pk,
                    professional=actor,
                    role_in_family=(role_in_family or "").strip()[:100],
                    phone=(phone or "").strip(),
                    request=request,
                )
                joined = True
    now = timezone.now()
    referral.status = new_status
    referral.version += 1
    referral.updated_at = now
    fields = ["status", "version", "updated_at"]
    if action in (ReferralAction.ACCEPT, ReferralAction.DECLINE):
        referral.handled_by = actor
        fields.append("handled_by")
        if referral.responded_at is None:
            referral.responded_at = now
            fields.append("responded_at")
    if action == ReferralAction.DECLINE:
        referral.decline_reason = note
        fields.append("decline_reason")
    if action == ReferralAction.START:
        referral.started_at = now
        fields.append("started_at")
    if action in (ReferralAction.COMPLETE, ReferralAction.NO_SHOW):
        referral.outcome = note
        fields.append("outcome")
    if new_status in (
        ReferralStatus.DECLINED,
        ReferralStatus.COMPLETED,
        ReferralStatus.NO_SHOW,
    ):
        referral.closed_at = now
        fields.append("closed_at")
    referral.save(update_fields=fields)
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "service": referral.service.name,
            "organisation": referral.receiving_organisation.name,
            "who": _name(actor),
            "note": note,
        }
        summaries = {
            ReferralAction.RECEIVE: _("Verwijzing naar %(service)s ontvangen door %(who)s"),
            ReferralAction.ACCEPT: _(
                "Verwijzing naar %(service)s geaccepteerd door %(who)s (%(organisation)s)"
            ),
            ReferralAction.DECLINE: _("Verwijzing naar %(service)s afgewezen: %(note)s"),
            ReferralAction.START: _("Hulp bij %(service)s gestart (%(who)s)"),
            ReferralAction.COMPLETE: _("Hulp bij %(service)s afgerond: %(note)s"),
            ReferralAction.NO_SHOW: _("Niet verschenen bij %(service)s"),
        }
        summary = summaries[ReferralAction(action)] % values
        if action == ReferralAction.COMPLETE and not note:
            summary = _("Hulp bij %(service)s afgerond") % values
        _record_step(
            referral=referral,
            family=family,
            actor=actor,
            from_status=from_status,
            note=note,
            summary=summary,
            request=request,
        )
        if action != ReferralAction.RECEIVE and referral.sent_by_id != actor.pk:
            _notify(
                [referral.sent_by_id],
                family=family,
                text=_("Je verwijzing van gezin %(reference)s naar %(service)s is nu %(status)s.")
                % {
                    "reference": family.reference,
                    "service": referral.service.name,
                    "status": referral.get_status_display().lower(),
                },
                link=_link(referral),
            )
    referral.joined_care_team = joined
    return referral


def referral_receive(*, actor, referral_pk, expected_version=None, request=None) -> Referral:
    """Mark the referral as received (seen; the answer follows)."""
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.RECEIVE,
        expected_version=expected_version,
        request=request,
    )


def referral_accept(
    *,
    actor,
    referral_pk,
    role_in_family: str = "",
    phone: str = "",
    expected_version=None,
    request=None,
) -> Referral:
    """Accept: the service will help. The accepting professional joins the care team (if
    not on it yet), so that they can read the file they need; the sender is notified."""
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.ACCEPT,
        expected_version=expected_version,
        request=request,
        role_in_family=role_in_family,
        phone=phone,
    )


def referral_decline(
    *, actor, referral_pk, reason: str, expected_version=None, request=None
) -> Referral:
    """Decline, with a reason the referring side sees."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("Geef een reden waarom je de verwijzing afwijst.")})
    if len(reason) > NOTE_MAX:
        raise ValidationError(
            {"note": _("Houd de reden korter dan %(max)d tekens.") % {"max": NOTE_MAX}}
        )
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.DECLINE,
        note=reason,
        expected_version=expected_version,
        request=request,
    )


def referral_start(*, actor, referral_pk, expected_version=None, request=None) -> Referral:
    """The help has started (the first appointment took place)."""
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.START,
        expected_version=expected_version,
        request=request,
    )


def referral_complete(
    *, actor, referral_pk, outcome: str = "", expected_version=None, request=None
) -> Referral:
    """The help is over; `outcome` is the feedback for the referring side."""
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.COMPLETE,
        note=(outcome or "").strip()[:NOTE_MAX],
        expected_version=expected_version,
        request=request,
    )


def referral_no_show(
    *, actor, referral_pk, note: str = "", expected_version=None, request=None
) -> Referral:
    """The family did not come after accepting."""
    return _receiver_step(
        actor=actor,
        referral_pk=referral_pk,
        action=ReferralAction.NO_SHOW,
        note=(note or "").strip()[:NOTE_MAX],
        expected_version=expected_version,
        request=request,
    )


# --- The referring side -------------------------------------------------------------------


@transaction.atomic
def referral_withdraw(
    *,
    actor: Professional,
    referral_pk,
    reason: str = "",
    expected_version: int | None = None,
    request=None,
) -> Referral:
    """The care team withdraws an open referral; the receiving organisation is told."""
    family_pk = Referral.objects.filter(pk=referral_pk).values_list("family_id", flat=True).first()
    if family_pk is None:
        raise ValidationError(_("Deze verwijzing bestaat niet (meer)."))
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Verwijzing ingetrokken"),
    )
    referral = _lock_referral(family, referral_pk)
    _check_version(referral, expected_version)
    if not CareTeamMember.objects.current().filter(family=family, professional=actor).exists():
        raise ValidationError(_("Alleen een lid van het zorgteam kan deze verwijzing intrekken."))
    from_status = referral.status
    referral.status = referral_transition(referral, ReferralAction.WITHDRAW)
    now = timezone.now()
    referral.closed_at = now
    referral.updated_at = now
    referral.version += 1
    referral.save(update_fields=["status", "closed_at", "updated_at", "version"])
    note = (reason or "").strip()[:NOTE_MAX]
    with translation.override(settings.LANGUAGE_CODE):
        _record_step(
            referral=referral,
            family=family,
            actor=actor,
            from_status=from_status,
            note=note,
            summary=_("Verwijzing naar %(service)s ingetrokken door %(who)s")
            % {"service": referral.service.name, "who": _name(actor)},
            request=request,
        )
        _notify(
            [pk for pk in receiver_ids(referral) if pk != actor.pk],
            family=family,
            text=_("Een verwijzing naar %(service)s is ingetrokken.")
            % {"service": referral.service.name},
            link=_link(referral),
        )
    return referral


RECEIVER_SERVICES = {
    ReferralAction.RECEIVE: referral_receive,
    ReferralAction.ACCEPT: referral_accept,
    ReferralAction.DECLINE: referral_decline,
    ReferralAction.START: referral_start,
    ReferralAction.COMPLETE: referral_complete,
    ReferralAction.NO_SHOW: referral_no_show,
}


def referral_act(
    *,
    actor: Professional,
    referral_pk,
    action: str,
    note: str = "",
    expected_version: int | None = None,
    role_in_family: str = "",
    phone: str = "",
    request=None,
) -> Referral:
    """Dispatch one action (pages and API share it) to its service."""
    common = {
        "actor": actor,
        "referral_pk": referral_pk,
        "expected_version": expected_version,
        "request": request,
    }
    if action == ReferralAction.WITHDRAW:
        return referral_withdraw(reason=note, **common)
    if action == ReferralAction.ACCEPT:
        return referral_accept(role_in_family=role_in_family, phone=phone, **common)
    if action == ReferralAction.DECLINE:
        return referral_decline(reason=note, **common)
    if action == ReferralAction.COMPLETE:
        return referral_complete(outcome=note, **common)
    if action == ReferralAction.NO_SHOW:
        return referral_no_show(note=note, **common)
    if action in (ReferralAction.RECEIVE, ReferralAction.START):
        return RECEIVER_SERVICES[ReferralAction(action)](**common)
    referral_transition(ReferralStatus.SENT, action)  # raises the Dutch "unknown action"
    raise ValidationError(_("Deze actie bestaat niet voor een verwijzing."))
