"""A family member changes their family's consent in the portal.

The decision replaces the one in force at once (the families app's `consent_replace`, the
same rule as when a professional records it), lands on the family's timeline, the audit
trail and the access log (the family member's own change), and the case director is told.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Consent, ConsentMethod, ConsentPurpose, Family
from kansrijk.families.services import consent_replace

from .notifications import case_director_ids, notify, source_language


def consent_in_force(family) -> dict[str, Consent]:
    """The decision in force per purpose, with who recorded it (one query)."""
    rows = (
        Consent.objects.in_force()
        .filter(family=family)
        .select_related("recorded_by", "recorded_by_person")
    )
    return {consent.purpose: consent for consent in rows}


@transaction.atomic
def consent_record_by_family(*, person, purpose: str, given: bool, request=None) -> Consent:
    """Record `person`'s decision for `purpose` for their family; it applies at once."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Deze keuze bestaat niet."))
    # The family's row lock serialises this with a professional recording at the same time.
    family = Family.objects.select_for_update().get(pk=person.family_id)
    consent = consent_replace(
        family=family,
        purpose=purpose,
        given=given,
        # Typed and confirmed by the family member themselves: a written decision.
        method=ConsentMethod.WRITTEN,
        person=person,
    )
    with source_language():
        label = str(ConsentPurpose(purpose).label)
        answer = _("ja") if given else _("nee")
        detail = _("Toestemming gewijzigd: %(purpose)s: %(answer)s") % {
            "purpose": label,
            "answer": answer,
        }
        text = _(
            "Gezin %(reference)s heeft via Mijn gezin de toestemming gewijzigd (%(purpose)s)."
        ) % {"reference": family.reference, "purpose": label}
    audit_record(
        actor=None,
        action=AuditEvent.Action.CREATE,
        obj=consent,
        coalition=family.coalition,
        summary=detail,
        changes={"purpose": purpose, "given": given, "person": person.pk},
        request=request,
    )
    access_event_record_self(
        person=person, action=AccessEvent.Action.UPDATE, detail=detail, request=request
    )
    notify(
        case_director_ids(family),
        family=family,
        text=text,
        link=reverse("families:consent", args=[family.pk]),
    )
    return consent
