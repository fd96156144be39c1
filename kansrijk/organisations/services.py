"""Writes of the management area ("Beheer"): organisations, memberships and accounts.

Each function is one use case in one transaction and records one audit event in the
coalition the acting professional works in. Callers (views) check the role first; these
functions check what must hold whoever calls them (the organisation belongs to the coalition,
no second open membership, nobody deactivates themselves) and raise `ValidationError` with a
message the form can show next to the field.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.audit import audit_record, changed_fields
from kansrijk.core.models import AuditEvent

from . import selectors
from .models import Coalition, Membership, Organisation, Professional, Role

# No 0/O, 1/l/I: the coordinator reads the password aloud or types it into a message.
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet)
TEMPORARY_PASSWORD_GROUPS = 4
TEMPORARY_PASSWORD_GROUP_LENGTH = 4


def temporary_password() -> str:
    """A random password of 16 characters (about 92 bits) in groups of four."""
    groups = (
        "".join(
            secrets.choice(TEMPORARY_PASSWORD_ALPHABET)
            for _ in range(TEMPORARY_PASSWORD_GROUP_LENGTH)
        )
        for _ in range(TEMPORARY_PASSWORD_GROUPS)
    )
    return "-".join(groups)


# --- Organisations ------------------------------------------------------------------------


ORGANISATION_FIELDS = ("name", "kind", "phone", "email")


@transaction.atomic
def organisation_create(
    *,
    actor: Professional,
    coalition: Coalition,
    name: str,
    kind: str,
    phone: str = "",
    email: str = "",
    request=None,
) -> Organisation:
    organisation = Organisation.objects.create(name=name, kind=kind, phone=phone, email=email)
    organisation.coalitions.add(coalition)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=organisation,
        coalition=coalition,
        summary=f"Organisatie '{organisation.name}' aangemaakt in {coalition.name}",
        request=request,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Professional,
    coalition: Coalition,
    organisation: Organisation,
    data: dict,
    request=None,
) -> Organisation:
    """Change the fields in `data` (name, kind, phone, email); records old and new values."""
    data = {key: value for key, value in data.items() if key in ORGANISATION_FIELDS}
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return _update_audited(
        organisation,
        data,
        describe=lambda o: f"Organisatie '{o.name}' gewijzigd",
        actor=actor,
        coalition=coalition,
        request=request,
    )


def _update_audited(instance, data: dict, *, describe, actor, coalition, request):
    """Save the fields of `data` that differ, with their old and new values in the audit trail.

    The caller holds the row lock; `describe` names the changed object after the change.
    """
    changes = changed_fields(instance, data)
    if not changes:
        return instance
    for field, value in data.items():
        setattr(instance, field, value)
    instance.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=instance,
        coalition=coalition,
        changes=changes,
        summary=describe(instance),
        request=request,
    )
    return instance


@transaction.atomic
def organisation_set_active(
    *,
    actor: Professional,
    coalition: Coalition,
    organisation: Organisation,
    is_active: bool,
    request=None,
) -> Organisation:
    """(De)activate an organisation; nothing is deleted, memberships stop counting as current."""
    return _set_active(
        organisation,
        is_active,
        action=AuditEvent.Action.UPDATE,
        summary=f"Organisatie '{organisation.name}'",
        actor=actor,
        coalition=coalition,
        request=request,
    )


# --- Accounts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewProfessional:
    """What is needed to make an account for someone who has none yet."""

    first_name: str
    last_name: str
    email: str
    username: str


def _check_new_professional(new: NewProfessional) -> None:
    errors = {}
    if Professional.objects.filter(username__iexact=new.username).exists():
        errors["username"] = _("Deze gebruikersnaam is al in gebruik. Kies een andere.")
    if new.email and Professional.objects.filter(email__iexact=new.email).exists():
        errors["email"] = _(
            "Er bestaat al een account met dit e-mailadres. Voeg die professional toe als "
            "bestaande professional."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def professional_create(
    *,
    actor: Professional,
    coalition: Coalition,
    new: NewProfessional,
    request=None,
) -> tuple[Professional, str]:
    """Make an account with a temporary password; returns it with that password.

    The password is not stored in plain text anywhere and is shown to the actor once. The new
    professional must choose their own password, and set up a second factor, at first login.
    """
    _check_new_professional(new)
    password = temporary_password()
    professional = Professional(
        username=new.username,
        first_name=new.first_name,
        last_name=new.last_name,
        email=new.email,
        must_change_password=True,
    )
    professional.set_password(password)
    professional.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=professional,
        coalition=coalition,
        summary=f"Account '{professional.username}' aangemaakt met een tijdelijk wachtwoord",
        request=request,
    )
    return professional, password


@transaction.atomic
def professional_set_active(
    *,
    actor: Professional,
    coalition: Coalition,
    professional: Professional,
    is_active: bool,
    request=None,
) -> Professional:
    """(De)activate an account. Nobody deactivates themselves: they would lock themselves out."""
    if professional.pk == actor.pk and not is_active:
        raise ValidationError(_("Je kunt je eigen account niet deactiveren."))
    return _set_active(
        professional,
        is_active,
        action=AuditEvent.Action.SECURITY,
        summary=f"Account '{professional.username}'",
        actor=actor,
        coalition=coalition,
        request=request,
    )


def _set_active(instance, is_active: bool, *, action: str, summary: str, actor, coalition, request):
    """Switch `is_active` under a row lock; a repeated submit changes and audits nothing."""
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    if instance.is_active == is_active:
        return instance
    instance.is_active = is_active
    instance.save(update_fields=["is_active"])
    verb = "geheractiveerd" if is_active else "gedeactiveerd"
    audit_record(
        actor=actor,
        action=action,
        obj=instance,
        coalition=coalition,
        changes={"is_active": [not is_active, is_active]},
        summary=f"{summary} {verb}",
        request=request,
    )
    return instance


@transaction.atomic
def professional_reset_password(
    *,
    actor: Professional,
    coalition: Coalition,
    professional: Professional,
    request=None,
) -> str:
    """Give the account a new temporary password and return it (shown once).

    Changing the password also ends the professional's open sessions (Django checks the
    password hash on every request).
    """
    professional = Professional.objects.select_for_update().get(pk=professional.pk)
    password = temporary_password()
    professional.set_password(password)
    professional.must_change_password = True
    professional.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.SECURITY,
        obj=professional,
        coalition=coalition,
        summary=f"Tijdelijk wachtwoord ingesteld voor '{professional.username}'",
        request=request,
    )
    return password


@transaction.atomic
def professional_reset_second_factor(
    *,
    actor: Professional,
    coalition: Coalition,
    professional: Professional,
    request=None,
) -> int:
    """Remove the account's authenticator devices; returns how many were removed.

    At the next login the professional is led to set up a new authenticator app. Sessions
    verified with a removed device are no longer verified, so they end at the next request.
    """
    deleted, _details = TOTPDevice.objects.filter(user=professional).delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.SECURITY,
        obj=professional,
        coalition=coalition,
        summary=f"Tweede factor van '{professional.username}' opnieuw ingesteld",
        request=request,
    )
    return deleted


# --- Memberships --------------------------------------------------------------------------


def _role_flags(roles: list[str] | set[str]) -> dict[str, bool]:
    return {field: role in roles for role, field in Membership.ROLE_FIELDS.items()}


def _check_roles(*, roles, may_grant_administrator: bool, had_administrator: bool) -> None:
    if not roles:
        raise ValidationError({"roles": _("Kies minstens één rol.")})
    if (Role.ADMINISTRATOR in roles) != had_administrator and not may_grant_administrator:
        raise PermissionDenied(_("Alleen een beheerder kan de rol beheerder toekennen."))


def _check_no_open_membership(
    *, professional: Professional, organisation: Organisation, coalition: Coalition
) -> None:
    if selectors.has_open_membership(
        professional=professional, organisation=organisation, coalition=coalition
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "%(name)s werkt al bij %(organisation)s in deze coalitie. Bewerk dat "
                    "lidmaatschap in plaats van een tweede toe te voegen."
                )
                % {"name": professional, "organisation": organisation.name}
            }
        )


@dataclass(frozen=True)
class MembershipAdded:
    membership: Membership
    # Set only when a new account was made: shown once to the coordinator.
    temporary_password: str | None = None


@transaction.atomic
def membership_add(
    *,
    actor: Professional,
    coalition: Coalition,
    professional: Professional | NewProfessional,
    organisation: Organisation,
    discipline: str,
    roles: list[str],
    may_grant_administrator: bool,
    phone: str = "",
    start_date: datetime.date,
    request=None,
) -> MembershipAdded:
    """Add a professional (existing, or a new account) to an organisation of the coalition.

    All or nothing: if the membership cannot be made, no new account is left behind.
    """
    if not organisation.coalitions.filter(pk=coalition.pk).exists():
        raise ValidationError(
            {"organisation": _("Deze organisatie hoort niet bij de coalitie waarin je werkt.")}
        )
    _check_roles(
        roles=roles, may_grant_administrator=may_grant_administrator, had_administrator=False
    )
    password = None
    if isinstance(professional, NewProfessional):
        professional, password = professional_create(
            actor=actor, coalition=coalition, new=professional, request=request
        )
    else:
        # Lock the account so that two coordinators adding the same person at once get the
        # friendly error below instead of the database constraint.
        professional = Professional.objects.select_for_update().get(pk=professional.pk)
        _check_no_open_membership(
            professional=professional, organisation=organisation, coalition=coalition
        )
    membership = Membership.objects.create(
        professional=professional,
        organisation=organisation,
        coalition=coalition,
        discipline=discipline,
        phone=phone,
        start_date=start_date,
        **_role_flags(roles),
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=membership,
        coalition=coalition,
        summary=(
            f"{professional.username} toegevoegd aan {organisation.name} als "
            f"{membership.get_discipline_display()} ({', '.join(membership.roles)})"
        ),
        request=request,
    )
    return MembershipAdded(membership=membership, temporary_password=password)


@transaction.atomic
def membership_update(
    *,
    actor: Professional,
    coalition: Coalition,
    membership: Membership,
    discipline: str,
    roles: list[str],
    may_grant_administrator: bool,
    phone: str,
    start_date: datetime.date,
    request=None,
) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("professional", "organisation")
        .get(pk=membership.pk, coalition=coalition)
    )
    _check_roles(
        roles=roles,
        may_grant_administrator=may_grant_administrator,
        had_administrator=membership.is_administrator,
    )
    if membership.end_date is not None and start_date > membership.end_date:
        raise ValidationError({"start_date": _("De startdatum kan niet na de einddatum liggen.")})
    data = {
        "discipline": discipline,
        "phone": phone,
        "start_date": start_date,
        **_role_flags(roles),
    }
    return _update_audited(
        membership,
        data,
        describe=lambda m: (
            f"Lidmaatschap van {m.professional.username} bij {m.organisation.name} gewijzigd"
        ),
        actor=actor,
        coalition=coalition,
        request=request,
    )


@transaction.atomic
def membership_end(
    *,
    actor: Professional,
    coalition: Coalition,
    membership: Membership,
    end_date: datetime.date,
    request=None,
) -> Membership:
    """End a membership on `end_date`; it is kept, so history shows who worked where."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("professional", "organisation")
        .get(pk=membership.pk, coalition=coalition)
    )
    if membership.end_date is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    if end_date < membership.start_date:
        raise ValidationError(
            {
                "end_date": _("De einddatum kan niet voor de startdatum (%(start)s) liggen.")
                % {"start": membership.start_date.strftime("%d-%m-%Y")}
            }
        )
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=membership,
        coalition=coalition,
        changes={"end_date": [None, end_date.isoformat()]},
        summary=(
            f"Lidmaatschap van {membership.professional.username} bij "
            f"{membership.organisation.name} beëindigd per {end_date:%d-%m-%Y}"
        ),
        request=request,
    )
    return membership


# --- Coalition settings -------------------------------------------------------------------


@transaction.atomic
def coalition_set_retention(
    *, actor: Professional, coalition: Coalition, retention_years: int, request=None
) -> Coalition:
    """Set how many years after closing a family file is anonymised; audits old and new."""
    if not 1 <= retention_years <= 100:
        raise ValidationError(
            {"retention_years": _("De bewaartermijn is een heel getal van 1 tot en met 100 jaar.")}
        )
    coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
    return _update_audited(
        coalition,
        {"retention_years": retention_years},
        describe=lambda c: f"Bewaartermijn van coalitie '{c.name}' gewijzigd",
        actor=actor,
        coalition=coalition,
        request=request,
    )
