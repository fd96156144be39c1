"""Writes of the improvement agreements: create, change (with the version check), delete.

Only coordinators of the agreement's coalition write (checked here again, whatever the view
did); every write runs in one transaction and leaves an `AuditEvent` with what changed.

A due date in the past: an agreement that is still open or in progress must be due today or
later when it is recorded or when its date is moved (an open agreement that was already
overdue may keep its date, so its status can be brought up to date without pretending the
deadline moved). A done or cancelled agreement may carry a past date: the coalition records
what it agreed and finished after the fact.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.care.needs import Need
from kansrijk.core.audit import audit_record
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Municipality, Professional
from kansrijk.socialmap.vocabulary import Phase, TargetGroup

from .models import OPEN_STATUSES, Agreement, AgreementStatus

FIELDS = ("target_group", "phase", "need", "municipality", "what", "who", "due_date", "status")
WHAT_MAX = 1000
WHO_MAX = 200


class AgreementVersionConflict(VersionConflict):
    """Someone else saved the agreement since the editor loaded it (both versions inside)."""

    def __str__(self) -> str:
        return (
            f"De afspraak is intussen gewijzigd: je bewerkte versie {self.expected_version}, "
            f"de huidige versie is {self.current_version}."
        )


def may_coordinate(actor: Professional, coalition: Coalition) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition=coalition, is_coordinator=True)
        .exists()
    )


def snapshot(values: Mapping[str, Any]) -> dict[str, str]:
    """An agreement (or the submitted data) as text per field, for the audit trail and the
    conflict page."""
    result = {}
    for name in FIELDS:
        value = values.get(name)
        if name == "municipality":
            result[name] = value.name if value is not None else ""
        elif name == "due_date":
            result[name] = value.isoformat() if value else ""
        else:
            result[name] = "" if value is None else str(value)
    return result


def agreement_values(agreement: Agreement) -> dict[str, Any]:
    return {name: getattr(agreement, name) for name in FIELDS}


def _validate(coalition: Coalition, data: Mapping[str, Any], previous_due=None) -> None:
    errors: dict[str, str] = {}
    if data.get("target_group") not in TargetGroup.values:
        errors["target_group"] = _("Kies een doelgroep uit de lijst.")
    if data.get("phase") not in Phase.values:
        errors["phase"] = _("Kies een fase uit de lijst.")
    if data.get("need") not in Need.values:
        errors["need"] = _("Kies een behoefte uit de lijst.")
    if data.get("status") not in AgreementStatus.values:
        errors["status"] = _("Kies een status uit de lijst.")
    municipality = data.get("municipality")
    if municipality is not None and municipality.coalition_id != coalition.pk:
        errors["municipality"] = _("Kies een gemeente van deze coalitie.")
    what = (data.get("what") or "").strip()
    if not what:
        errors["what"] = _("Beschrijf wat jullie afspreken.")
    elif len(what) > WHAT_MAX:
        errors["what"] = _("Houd de afspraak korter dan %(limit)s tekens.") % {"limit": WHAT_MAX}
    who = (data.get("who") or "").strip()
    if not who:
        errors["who"] = _("Vul in wie de afspraak uitvoert.")
    elif len(who) > WHO_MAX:
        errors["who"] = _("Houd het veld Wie korter dan %(limit)s tekens.") % {"limit": WHO_MAX}
    due = data.get("due_date")
    if due is None:
        errors["due_date"] = _("Vul in wanneer de afspraak klaar moet zijn.")
    elif data.get("status") in OPEN_STATUSES and due < timezone.localdate() and due != previous_due:
        errors["due_date"] = _(
            "Een open afspraak kan niet in het verleden klaar zijn. Kies vandaag of later, of "
            "zet de status op afgerond of vervallen."
        )
    if errors:
        raise ValidationError(errors)


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name) for name in FIELDS}
    values["what"] = (values["what"] or "").strip()
    values["who"] = (values["who"] or "").strip()
    return values


def agreement_create(
    *, actor: Professional, coalition: Coalition, data: Mapping[str, Any], request=None
) -> Agreement:
    """Record an agreement on a gap of the klantroute (coordinators of the coalition)."""
    if not may_coordinate(actor, coalition):
        raise PermissionDenied
    _validate(coalition, data)
    values = _clean(data)
    with transaction.atomic():
        now = timezone.now()
        agreement = Agreement.objects.create(
            coalition=coalition,
            created_by=actor,
            created_at=now,
            updated_by=actor,
            updated_at=now,
            **values,
        )
        audit_record(
            actor=actor,
            action="create",
            obj=agreement,
            coalition=coalition,
            summary=_("Verbeterafspraak vastgelegd: %(what)s") % {"what": agreement.what[:120]},
            changes={name: ["", value] for name, value in snapshot(values).items() if value},
            request=request,
        )
    return agreement


def agreement_update(
    *,
    actor: Professional,
    coalition: Coalition,
    agreement_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> Agreement:
    """Save the agreement if nobody else did since `expected_version`; raises
    `AgreementVersionConflict` with both versions otherwise. Saving nothing new writes
    nothing."""
    if not may_coordinate(actor, coalition):
        raise PermissionDenied
    with transaction.atomic():
        # Locked: two coordinators saving at once are serialised; the second sees the new
        # version and gets the conflict page.
        agreement = (
            Agreement.objects.select_for_update()
            .filter(pk=agreement_pk, coalition=coalition)
            .first()
        )
        if agreement is None:
            raise Agreement.DoesNotExist
        _validate(coalition, data, previous_due=agreement.due_date)
        values = _clean(data)
        before = snapshot(agreement_values(agreement))
        after = snapshot(values)
        if agreement.version != expected_version:
            raise AgreementVersionConflict(
                expected_version=expected_version,
                current_version=agreement.version,
                current=before,
                submitted=after,
            )
        changes = {
            name: [before[name], after[name]] for name in FIELDS if before[name] != after[name]
        }
        if not changes:
            return agreement
        for name, value in values.items():
            setattr(agreement, name, value)
        agreement.version += 1
        agreement.updated_by = actor
        agreement.updated_at = timezone.now()
        agreement.save()
        audit_record(
            actor=actor,
            action="update",
            obj=agreement,
            coalition=coalition,
            summary=_("Verbeterafspraak gewijzigd: %(what)s") % {"what": agreement.what[:120]},
            changes=changes,
            request=request,
        )
    return agreement


def agreement_delete(
    *, actor: Professional, coalition: Coalition, agreement_pk: int, request=None
) -> None:
    if not may_coordinate(actor, coalition):
        raise PermissionDenied
    with transaction.atomic():
        agreement = (
            # No join here: PostgreSQL cannot lock the nullable side of an outer join.
            Agreement.objects.select_for_update()
            .filter(pk=agreement_pk, coalition=coalition)
            .first()
        )
        if agreement is None:
            raise Agreement.DoesNotExist
        audit_record(
            actor=actor,
            action="delete",
            obj=agreement,
            coalition=coalition,
            summary=_("Verbeterafspraak verwijderd: %(what)s") % {"what": agreement.what[:120]},
            changes={
                name: [value, ""]
                for name, value in snapshot(agreement_values(agreement)).items()
                if value
            },
            request=request,
        )
        agreement.delete()


def municipality_of(coalition: Coalition, value) -> Municipality | None:
    """A municipality of the coalition by id or CBS code (None when not one of them)."""
    value = str(value or "").strip()
    if not value:
        return None
    queryset = Municipality.objects.filter(coalition=coalition)
    if value.isascii() and value.isdigit() and len(value) < 10:
        return queryset.filter(pk=int(value)).first()
    return queryset.filter(cbs_code=value.upper()).first()
