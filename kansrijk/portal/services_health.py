"""A family member records their own Positive Health scores in the portal."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self
from kansrijk.care import timeline as kinds
from kansrijk.care.models import HealthDimension, HealthScore
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family
from kansrijk.families.services import timeline_record

from .models import FamilyAccount


@transaction.atomic
def health_score_record_own(
    *, account: FamilyAccount, scores: Mapping[str, int], request=None
) -> HealthScore:
    """Record today's scores of the logged-in family member on the six dimensions (each a
    whole number from 0 to 10), as their own: `recorded_by_person` is the person and
    `respondent` their first name. Refused when the family's file is closed.

    Leaves the audit trail, a timeline event for the care team and an access event of the
    person themselves (action CREATE: a new moment)."""
    unknown = set(scores) - set(HealthDimension.values)
    if unknown:
        raise TypeError(f"Not a Positive Health dimension: {', '.join(sorted(unknown))}")
    person = account.person
    # The lock orders this write after a professional's change to the same file.
    family = Family.objects.select_for_update().get(pk=account.family_id)
    if not family.is_open:
        raise ValidationError(
            _("Jullie dossier is gesloten. Je kunt hier geen cijfers meer invullen.")
        )
    score = HealthScore(
        family=family,
        coalition_id=family.coalition_id,
        measured_on=timezone.localdate(),
        respondent=person.first_name,
        recorded_by_person=person,
        **{name: scores.get(name) for name in HealthDimension.values},
    )
    score.full_clean(exclude=["family", "coalition", "recorded_by", "recorded_by_person"])
    score.save()
    summary = _("%(name)s vulde zelf de cijfers in (Mijn gezin): %(scores)s") % {
        "name": person.first_name,
        "scores": ", ".join(f"{d.label} {scores[d.value]}" for d in HealthDimension),
    }
    timeline_record(
        family=family, kind=kinds.HEALTH_SCORE_RECORDED, actor=None, obj=score, summary=summary
    )
    audit_record(
        actor=None,
        action=AuditEvent.Action.CREATE,
        obj=score,
        coalition=family.coalition,
        summary=summary,
        request=request,
    )
    access_event_record_self(
        person=person,
        action=AccessEvent.Action.CREATE,
        detail=_("Eigen cijfers Positieve Gezondheid ingevuld"),
        request=request,
    )
    return score
