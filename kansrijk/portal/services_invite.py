"""The case director invites a family member (the client or the partner) to "Mijn gezin",
and ends that access.

Each is one transaction that takes the family through the access policy with a row lock
(which logs the NEN 7513 event: the case director changes the family's file), checks that
the actor is the family's case director, writes the account and the audit trail, and sends
the invitation after the commit (`kansrijk.portal.mail`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.selectors import is_case_director
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family, Person, PersonRole

from .mail import portal_mail_send_on_commit
from .models import FamilyAccount, LoginCode

# Who can be invited: the adults the plan is made with.
INVITABLE_ROLES = (PersonRole.CLIENT, PersonRole.PARTNER)
INVITATION_SUBJECT = gettext_lazy("Uitnodiging voor Mijn gezin")


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _director_family(actor, family_pk: int, *, request, detail: str) -> Family:
    """The family, locked, with the change logged; only for its case director."""
    family = get_family_for_user(
        actor, family_pk, AccessEvent.Action.UPDATE, request=request, lock=True, detail=detail
    )
    if not is_case_director(actor, family):
        raise PermissionDenied(_("Alleen de casusregisseur kan gezinsleden uitnodigen."))
    return family


def missing_for_invitation(person: Person) -> list[str]:
    """What the person's record still needs before an invitation (empty: nothing)."""
    missing = []
    if not person.email:
        missing.append(_("e-mailadres"))
    if person.date_of_birth is None:
        missing.append(_("geboortedatum"))
    return missing


@transaction.atomic
def family_account_invite(*, actor, family_pk: int, person_pk: int, request=None) -> FamilyAccount:
    """Invite the client or partner `person_pk` to the portal: a new account (or, while the
    last invitation has not been used yet, the same one again) and an e-mail with the link.

    The e-mail names the person's first name only: no family data travels by mail.
    """
    family = _director_family(
        actor, family_pk, request=request, detail=_("Gezinslid uitgenodigd voor Mijn gezin")
    )
    person = Person.objects.filter(pk=person_pk, family=family).first()
    if person is None or person.role not in INVITABLE_ROLES:
        raise ValidationError(
            {"person": _("Alleen de cliënt en de partner van dit gezin kun je uitnodigen.")}
        )
    if not family.is_open:
        raise ValidationError(_("Dit dossier is gesloten. Je kunt niemand meer uitnodigen."))
    if missing := missing_for_invitation(person):
        raise ValidationError(
            {
                "person": _("Vul eerst aan bij %(name)s: %(missing)s.")
                % {"name": person.first_name, "missing": _(" en ").join(missing)}
            }
        )
    email = person.email.strip().lower()
    account = FamilyAccount.objects.select_for_update().active().filter(person=person).first()
    if account is not None and account.activated_at is not None:
        raise ValidationError(
            {"person": _("%(name)s gebruikt Mijn gezin al.") % {"name": person.first_name}}
        )
    if FamilyAccount.objects.active().filter(email__iexact=email).exclude(person=person).exists():
        raise ValidationError(
            {
                "person": _(
                    "Dit e-mailadres wordt al gebruikt voor Mijn gezin. Iedereen heeft een eigen "
                    "e-mailadres nodig."
                )
            }
        )
    if account is None:
        account = FamilyAccount.objects.create(
            person=person,
            family=family,
            coalition_id=family.coalition_id,
            email=email,
            invited_by=actor,
        )
        summary = _("Gezinslid uitgenodigd voor Mijn gezin")
        action = AuditEvent.Action.CREATE
    else:
        # Not used yet: the same account, invited again (perhaps to a corrected address).
        account.email = email
        account.invited_by = actor
        account.invited_at = timezone.now()
        account.save(update_fields=["email", "invited_by", "invited_at"])
        summary = _("Uitnodiging voor Mijn gezin opnieuw gestuurd")
        action = AuditEvent.Action.UPDATE
    audit_record(
        actor=actor,
        action=action,
        obj=account,
        coalition=family.coalition,
        summary=summary,
        changes={"person": person.pk, "family": family.pk},
        request=request,
    )
    portal_mail_send_on_commit(
        to=email,
        subject=INVITATION_SUBJECT,
        template="portal/invite/email_invitation.txt",
        context={
            "first_name": person.first_name,
            "login_url": site_url(reverse("portal:login")),
        },
        what=f"invitation of account {account.pk}",
        coalition=family.coalition,
    )
    return account


@transaction.atomic
def family_account_revoke(*, actor, family_pk: int, account_pk: int, request=None) -> FamilyAccount:
    """End the account at once: no new login, no new code, and an open portal session ends at
    its next request (`kansrijk.portal.session.current_account` reads the account each time).
    """
    family = _director_family(
        actor, family_pk, request=request, detail=_("Toegang tot Mijn gezin ingetrokken")
    )
    account = (
        FamilyAccount.objects.select_for_update()
        .filter(pk=account_pk, family=family)
        .select_related("person")
        .first()
    )
    if account is None:
        raise ValidationError(_("Deze uitnodiging bestaat niet (meer)."))
    if account.revoked_at is not None:
        raise ValidationError(
            _("De toegang van %(name)s is al ingetrokken.") % {"name": account.person.first_name}
        )
    now = timezone.now()
    account.revoked_at = now
    account.revoked_by = actor
    account.save(update_fields=["revoked_at", "revoked_by"])
    LoginCode.objects.filter(account=account, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=account,
        coalition=family.coalition,
        summary=_("Toegang tot Mijn gezin ingetrokken"),
        changes={"person": account.person_id, "family": family.pk},
        request=request,
    )
    return account
