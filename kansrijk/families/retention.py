"""Privacy over the life of a file: closing after the 1000 days, anonymising after retention.

- A file closes by itself once the family's phase is "closed" (the child's second birthday,
  `phases.family_phase`).
- `Coalition.retention_years` after the file closed, its personal data is anonymised:
  names, BSN, contact data and every free text are emptied, dates of birth of persons are
  reduced to the first of their month. What monitoring counts stays as it was: the
  structured fields the indicators read (statuses, dates of pregnancies and births, levels,
  routes, languages, PC4, consents) are left alone, so figures computed before and after
  are the same. The access log is append-only and names no free text of the family, so it
  stays complete.
- Erasure on request (the case director asks, a coordinator confirms) uses the same
  `family_anonymise`.

`families` must not import the apps above it (DESIGN.md section 2): their tables are named
here by lazy `"app.Model"` labels, which is enough to update them.
"""

from datetime import date

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record

from .models import Family, FamilyStatus, FamilyVersion, Person, TimelineEvent
from .models.timeline import TimelineKind
from .phases import PhaseCode, add_years, family_phase

ANONYMOUS_NAME = "Geanonimiseerd"
# How the audit trail names these system changes (`AuditEvent.object_type`).
ANONYMISED_EVENT = "families.Family.anonymised"
AUTO_CLOSED_EVENT = "families.Family.closed_after_1000_days"
SYSTEM_DISPLAY = "Systeem (bewaartermijn en anonimisering)"

# Per table: how it reaches the family, and the values its personal fields get.
# JSON fields with earlier versions or answers are emptied ({}), texts emptied ("").
PERSONAL_FIELDS: dict[str, tuple[str, dict]] = {
    "families.Person": (
        "family",
        {"first_name": ANONYMOUS_NAME, "last_name": "", "bsn": "", "phone": "", "email": ""},
    ),
    "families.FamilyVersion": ("family", {"snapshot": {}, "changes": {}}),
    "families.TimelineEvent": ("family", {"summary": "", "changes": {}}),
    "care.Task": ("family", {"title": ANONYMOUS_NAME, "description": ""}),
    "care.CarePlan": ("family", {"strengths": "", "own_contribution": "", "support_needed": ""}),
    "care.PlanVersion": ("plan__family", {"snapshot": {}, "changes": {}}),
    "care.PlanDiscussion": ("family", {"with_whom": "", "note": ""}),
    "care.Concern": ("family", {"text": ""}),
    "care.Goal": ("family", {"text": ""}),
    "care.SafetyPlan": ("family", {"risks": "", "agreements": "", "contacts": ""}),
    "care.Handover": (
        "family",
        {"summary": "", "decline_reason": "", "warm_contact_note": "", "cancel_reason": ""},
    ),
    "signaling.Assessment": ("family", {"answers": {}}),
    "signaling.RouteDecision": ("family", {"reason": ""}),
    "socialmap.Referral": (
        "family",
        {"reason": "", "shared_data": "", "decline_reason": "", "outcome": ""},
    ),
    "mdo.AgendaItem": ("family", {"question": "", "discussion": "", "withdrawn_reason": ""}),
    "financing.KraamzorgCalculation": ("family", {"extra_reason": "", "prenatal_reason": ""}),
    "portal.FamilyAccount": ("family", {"email": ""}),
    "portal.AccessQuestion": ("family", {"message": "", "answer": ""}),
}


def _tables():
    """(model, path to the family, values) for each installed table of `PERSONAL_FIELDS`."""
    for label, (path, values) in PERSONAL_FIELDS.items():
        app_label, name = label.split(".")
        if not apps.is_installed(f"kansrijk.{app_label}"):
            continue
        yield apps.get_model(app_label, name), path, values


def _system_access_event(family: Family, *, action: str, detail: str) -> None:
    """An access event without a user: the scheduled task (or an erasure) changed the file."""
    from kansrijk.access.models import AccessEvent

    AccessEvent.objects.create(
        user=None,
        user_display=SYSTEM_DISPLAY,
        coalition_id=family.coalition_id,
        family=family,
        persons=[],
        action=action,
        detail=detail[:300],
        ground="system",
        authorisation=True,
        treatment_relationship=False,
        consent=True,
        emergency=False,
    )


@transaction.atomic
def family_anonymise(*, family_pk: int, actor=None, reason: str = "") -> Family:
    """Anonymise one file's personal data now; keeps what monitoring counts.

    Called by the scheduled task (`actor` None) and by a confirmed erasure (`actor` the
    confirming coordinator). The status is left alone (closing is a separate step, with
    its own date, which monitoring counts). A file already anonymised is left as it is.
    """
    from kansrijk.access.models import AccessEvent

    family = Family.objects.select_for_update().get(pk=family_pk)
    if family.anonymised_at is not None:
        return family
    now = timezone.now()
    for model, path, values in _tables():
        model.objects.filter(**{path: family}).update(**values)
    # A date of birth is reduced to its month: age in months stays known.
    for person in Person.objects.filter(family=family, date_of_birth__isnull=False):
        Person.objects.filter(pk=person.pk).update(
            date_of_birth=person.date_of_birth.replace(day=1)
        )
    # The postcode is reduced to its four digits (PC4, which monitoring groups by).
    family.postcode = family.postcode[:4]
    family.strengths = ""
    family.closed_reason = ""
    family.anonymised_at = now
    family.version += 1
    family.save(
        update_fields=[
            "postcode",
            "strengths",
            "closed_reason",
            "anonymised_at",
            "version",
            "updated_at",
        ]
    )
    detail = reason or _("Bewaartermijn verstreken")
    TimelineEvent.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        kind=TimelineKind.FAMILY_CHANGED,
        summary=_("Persoonsgegevens geanonimiseerd: %(reason)s") % {"reason": detail},
        actor=actor if getattr(actor, "pk", None) else None,
        object_type=Family._meta.label,
        object_id=str(family.pk),
    )
    audit_record(
        actor=actor,
        action="update",
        object_type=ANONYMISED_EVENT,
        obj=family,
        coalition=family.coalition,
        summary=_("Dossier %(reference)s geanonimiseerd: %(reason)s")
        % {"reference": family.reference, "reason": detail},
    )
    _system_access_event(
        family,
        action=AccessEvent.Action.UPDATE,
        detail=_("Persoonsgegevens geanonimiseerd: %(reason)s") % {"reason": detail},
    )
    return family


@transaction.atomic
def family_close_after_1000_days(*, family_pk: int, today: date) -> Family | None:
    """Close an open file whose 1000 days are over (the child turned two); None if not."""
    from kansrijk.access.models import AccessEvent

    family = Family.objects.select_for_update().filter(pk=family_pk).first()
    if family is None or not family.is_open:
        return None
    if family_phase(family.pregnancies.all(), today=today).code != PhaseCode.CLOSED:
        return None
    before = family.snapshot()
    family.status = FamilyStatus.CLOSED
    family.closed_at = timezone.now()
    family.closed_reason = _("Automatisch gesloten: het kind is twee jaar, de 1000 dagen zijn om.")
    family.version += 1
    family.save(update_fields=["status", "closed_at", "closed_reason", "version", "updated_at"])
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if family.created_by_id:
        # Every version has its row; the system has no user, so the row names the creator
        # of the file as the one it was changed for, and the audit trail says "system".
        FamilyVersion.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            version=family.version,
            snapshot=after,
            changes=changes,
            changed_by_id=family.created_by_id,
        )
    TimelineEvent.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        kind=TimelineKind.FAMILY_CLOSED,
        summary=family.closed_reason[:300],
        actor=None,
        object_type=Family._meta.label,
        object_id=str(family.pk),
        changes=changes,
    )
    audit_record(
        actor=None,
        action="update",
        object_type=AUTO_CLOSED_EVENT,
        obj=family,
        coalition=family.coalition,
        summary=_("Dossier %(reference)s automatisch gesloten na de 1000 dagen")
        % {"reference": family.reference},
        changes=changes,
    )
    _system_access_event(family, action=AccessEvent.Action.UPDATE, detail=family.closed_reason)
    return family


def families_to_close(*, today: date) -> list[int]:
    """The open files with a child that turned two by `today` (the phase decides)."""
    candidates = (
        Family.objects.open()
        .filter(pregnancies__birth_date__lte=add_years(today, -2))
        .distinct()
        .prefetch_related("pregnancies")
    )
    return [
        family.pk
        for family in candidates
        if family_phase(family.pregnancies.all(), today=today).code == PhaseCode.CLOSED
    ]


def families_past_retention(*, now=None) -> list[int]:
    """The closed, not yet anonymised files whose coalition's retention period is over."""
    from kansrijk.organisations.models import Coalition

    now = now or timezone.now()
    due: list[int] = []
    for coalition in Coalition.objects.only("pk", "retention_years"):
        cutoff = coalition.retention_cutoff(now)
        due.extend(
            Family.objects.filter(
                coalition=coalition,
                status=FamilyStatus.CLOSED,
                anonymised_at__isnull=True,
                closed_at__lte=cutoff,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return due
