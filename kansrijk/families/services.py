"""Writes of the family file. One function per use case, each in one transaction.

Every write goes through the access policy (`get_family_for_user` with a row lock), which
also appends the NEN 7513 access event in the same transaction: if the write fails, the
event is rolled back with it. Family edits keep every version (`FamilyVersion`) and are
refused when they were based on an older version (`VersionConflict`).
"""

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.organisations.models import Membership, Municipality, Professional

from .grounds import CARE_TEAM
from .models import (
    CareTeamMember,
    Consent,
    ConsentPurpose,
    Family,
    FamilyStatus,
    FamilyVersion,
)
from .models.family import FAMILY_EDITABLE_FIELDS

Action = AccessEvent.Action
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


class VersionConflict(Exception):
    """Someone else changed the family since the editor loaded it.

    Carries both versions, so a conflict page (or HTTP 409) can show them side by side:
    `current` is the stored family as it is now, `submitted` what the second writer sent.
    """

    def __init__(
        self, *, expected_version: int, current_version: int, current: dict, submitted: dict
    ):
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = current
        self.submitted = submitted
        super().__init__(
            f"Het gezin is intussen gewijzigd: u bewerkte versie {expected_version}, "
            f"de huidige versie is {current_version}."
        )


def _professional_membership(professional: Professional, coalition_id: int) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(professional=professional, coalition_id=coalition_id, is_professional=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )


def _new_reference() -> str:
    return "KS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _editable(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(FAMILY_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a family: {', '.join(sorted(unknown))}")
    return dict(data)


def _keep_version(family: Family, *, actor: Professional, changes: dict | None = None) -> None:
    FamilyVersion.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        version=family.version,
        snapshot=family.snapshot(),
        changes=changes or {},
        changed_by=actor,
    )


@transaction.atomic
def family_create(
    *,
    actor: Professional,
    municipality: Municipality,
    data: Mapping[str, Any],
    role_in_family: str = "",
    request=None,
) -> Family:
    """Open a family file in the municipality's coalition; the creator joins its care team.

    Only a professional of that coalition can open a file (`PermissionDenied` otherwise).
    `data` holds the editable family fields (see `FAMILY_EDITABLE_FIELDS`).
    """
    membership = _professional_membership(actor, municipality.coalition_id)
    if membership is None:
        raise PermissionDenied
    family = Family(
        coalition_id=municipality.coalition_id,
        municipality=municipality,
        created_by=actor,
        **{k: v for k, v in _editable(data).items() if k != "municipality"},
    )
    family.full_clean(exclude=["reference"])
    for _attempt in range(5):
        family.reference = _new_reference()
        try:
            with transaction.atomic():
                family.save()
            break
        except IntegrityError:
            family.pk = None
    else:  # pragma: no cover - 32^6 references per coalition
        raise RuntimeError("No free family reference found")
    CareTeamMember.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=actor,
        membership=membership,
        role_in_family=role_in_family,
        phone=membership.phone,
        added_by=actor,
    )
    _keep_version(family, actor=actor)
    access_event_record(
        user=actor,
        action=Action.CREATE,
        family=family,
        ground=CARE_TEAM,
        authorisation=True,
        treatment_relationship=True,
        consent=False,  # no consent can have been recorded before the file exists
        emergency=False,
        detail=_("Gezinsdossier aangemaakt"),
        request=request,
    )
    return family


@transaction.atomic
def family_update(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> Family:
    """Change the family's own fields if nobody else did since `expected_version`.

    Raises `VersionConflict` on a stale version and `ValidationError` (Dutch messages) on
    bad input or a closed file. An edit that changes nothing writes no new version.
    """
    changes_in = _editable(data)
    family = get_family_for_user(actor, family_pk, Action.UPDATE, request=request, lock=True)
    _check_version(family, expected_version, submitted=changes_in)
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))
    before = family.snapshot()
    for name, value in changes_in.items():
        setattr(family, name, value)
    family.full_clean(exclude=["reference"])
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return family
    return _save_new_version(family, actor=actor, changes=changes)


def _check_version(family: Family, expected_version: int, *, submitted: dict) -> None:
    if family.version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=family.version,
            current=family.snapshot(),
            submitted={k: getattr(v, "pk", v) for k, v in submitted.items()},
        )


def _save_new_version(family: Family, *, actor: Professional, changes: dict) -> Family:
    family.version += 1
    family.save()
    _keep_version(family, actor=actor, changes=changes)
    return family


@transaction.atomic
def family_close(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    reason: str,
    request=None,
) -> Family:
    """Close the file (it stays readable for the care team); a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"closed_reason": _("Vul in waarom het dossier wordt gesloten.")})
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=_("Dossier gesloten")
    )
    _check_version(family, expected_version, submitted={"status": FamilyStatus.CLOSED})
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is al gesloten."))
    before = family.snapshot()
    family.status = FamilyStatus.CLOSED
    family.closed_at = timezone.now()
    family.closed_reason = reason
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    return _save_new_version(family, actor=actor, changes=changes)


@transaction.atomic
def family_reopen(
    *, actor: Professional, family_pk: int, expected_version: int, request=None
) -> Family:
    """Reopen a closed file; the reason it was closed stays in the history."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Dossier heropend"),
    )
    _check_version(family, expected_version, submitted={"status": FamilyStatus.OPEN})
    if family.is_open:
        raise ValidationError(_("Dit gezinsdossier is al open."))
    before = family.snapshot()
    family.status = FamilyStatus.OPEN
    family.closed_at = None
    family.closed_reason = ""
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    return _save_new_version(family, actor=actor, changes=changes)


@transaction.atomic
def consent_record(
    *,
    actor: Professional,
    family_pk: int,
    purpose: str,
    given: bool,
    method: str,
    request=None,
) -> Consent:
    """Record the family's decision for one purpose; it replaces the decision in force."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Toestemming vastgelegd"),
    )
    consent = Consent(
        family=family,
        coalition_id=family.coalition_id,
        purpose=purpose,
        given=given,
        method=method,
        recorded_by=actor,
    )
    consent.full_clean(exclude=["family", "coalition", "recorded_by"])
    # The family row is locked, so two people recording at once are serialised here.
    Consent.objects.in_force().filter(family=family, purpose=purpose).update(
        withdrawn_at=timezone.now(), withdrawn_by=actor
    )
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Professional, family_pk: int, purpose: str, request=None) -> Consent:
    """Withdraw the consent in force for `purpose`; it takes effect at once."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Toestemming ingetrokken"),
    )
    consent = Consent.objects.given().filter(family=family, purpose=purpose).first()
    if consent is None:
        raise ValidationError(
            _("Er is geen gegeven toestemming voor '%(purpose)s' om in te trekken.")
            % {"purpose": ConsentPurpose(purpose).label if purpose in ConsentPurpose else purpose}
        )
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return consent


@transaction.atomic
def care_team_member_add(
    *,
    actor: Professional,
    family_pk: int,
    professional: Professional,
    role_in_family: str = "",
    phone: str = "",
    start_date: date | None = None,
    request=None,
) -> CareTeamMember:
    """Put a professional of the family's coalition on its care team."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Zorgteamlid toegevoegd"),
    )
    membership = _professional_membership(professional, family.coalition_id)
    if membership is None:
        raise ValidationError(
            {"professional": _("Deze persoon werkt niet als professional in deze coalitie.")}
        )
    if family.care_team_members.filter(professional=professional, end_date__isnull=True).exists():
        raise ValidationError({"professional": _("Deze professional zit al in het zorgteam.")})
    member = CareTeamMember(
        family=family,
        coalition_id=family.coalition_id,
        professional=professional,
        membership=membership,
        role_in_family=role_in_family,
        phone=phone or membership.phone,
        start_date=start_date or timezone.localdate(),
        added_by=actor,
    )
    member.full_clean(exclude=["family", "coalition", "professional", "membership", "added_by"])
    member.save()
    return member


@transaction.atomic
def care_team_member_end(*, actor: Professional, member_pk: int, request=None) -> CareTeamMember:
    """End a care-team membership today; from now on it gives no access.

    The last current member cannot leave: a family without a care team could be seen by
    nobody but through break-the-glass.
    """
    family_pk = (
        CareTeamMember.objects.filter(pk=member_pk).values_list("family_id", flat=True).first()
    )
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Zorgteamlid beëindigd"),
    )
    member = CareTeamMember.objects.select_for_update().get(pk=member_pk, family=family)
    today = timezone.localdate()
    if member.end_date is not None and member.end_date <= today:
        raise ValidationError(_("Dit zorgteamlid is al gestopt."))
    if not family.care_team_members.current(today).exclude(pk=member.pk).exists():
        raise ValidationError(
            _("Het zorgteam kan niet leeg worden; voeg eerst een ander zorgteamlid toe.")
        )
    member.end_date = max(today, member.start_date)
    member.save(update_fields=["end_date"])
    return member
