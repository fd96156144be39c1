"""Inzage and erasure: who may do it, and the logged steps.

DESIGN.md section 5 (need to know): only the family's current case director makes the
inzage export and asks for erasure; they are the one who hands the export to the family and
talks it through. Coordinators see no family data, so they do not export; they confirm an
erasure (four eyes) from a page that shows only the file number and the reason.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.selectors_handovers import is_case_director as holds_recorded_casusregie
from kansrijk.care.selectors_handovers import is_case_director_reads as recorded_casusregie_reads
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.core.together import Reader
from kansrijk.families import retention
from kansrijk.families.models import Family, FamilyStatus

# The audit trail holds the erasure steps (`AuditEvent.object_type`, object_id the family).
ERASURE_REQUESTED = "families.Family.erasure_requested"
ERASURE_REJECTED = "families.Family.erasure_rejected"
# The coalition a step is taken in: by default the one the page works in (`request.active`);
# the API names it (`?coalition=`), or passes None for any coalition where the family is seen.
ACTIVE = object()


def _in(request, coalition):
    return request.active.coalition if coalition is ACTIVE else coalition


def is_case_director(user, family, *, request=None) -> bool:
    """Inzage and erasure are for whoever holds the recorded casusregie (no fallback on the
    care team's roles)."""
    return holds_recorded_casusregie(user, family, request=request)


def is_case_director_reads(user, family, request) -> Reader:
    """A reader (`kansrijk.core.together`) of `is_case_director` on a page."""
    return recorded_casusregie_reads(user, family, request=request)


def family_for_inzage(request, pk: int, *, detail: str, coalition=ACTIVE) -> Family:
    """The family, logged as an EXPORT event; 404 without access, 403 if not case director."""
    family = get_family_for_user(
        request.user,
        pk,
        AccessEvent.Action.EXPORT,
        request=request,
        coalition=_in(request, coalition),
        detail=detail,
    )
    if not is_case_director(request.user, family):
        raise PermissionDenied
    return family


def pending_erasure(family_pk: int) -> AuditEvent | None:
    """The open erasure request of a family: the latest request, if not answered since."""
    steps = AuditEvent.objects.filter(
        object_type__in=(ERASURE_REQUESTED, ERASURE_REJECTED, retention.ANONYMISED_EVENT),
        object_id=str(family_pk),
    ).order_by("-at", "-pk")
    latest = steps.select_related("actor").first()
    if latest is None or latest.object_type != ERASURE_REQUESTED:
        return None
    return latest


def pending_erasures(coalition) -> list[AuditEvent]:
    """The open erasure requests of a coalition (few; one query for the candidates)."""
    requests = AuditEvent.objects.filter(coalition=coalition, object_type=ERASURE_REQUESTED)
    family_ids = {event.object_id for event in requests}
    answered = set(
        AuditEvent.objects.filter(
            coalition=coalition,
            object_type__in=(ERASURE_REJECTED, retention.ANONYMISED_EVENT),
            object_id__in=family_ids,
        ).values_list("object_id", "at")
    )
    open_requests = []
    for event in requests.select_related("actor").order_by("at", "pk"):
        if not any(pk == event.object_id and at > event.at for pk, at in answered):
            open_requests.append(event)
    return open_requests


def pending_erasure_rows(coalition) -> list[dict]:
    """The open erasure requests of a coalition as the API lists them: the family's id and
    reference, the reason, when and by whom it was asked; oldest first. One query more than
    `pending_erasures`, for the references, whatever the number of requests."""
    requests = pending_erasures(coalition)
    references = dict(
        Family.objects.filter(
            coalition=coalition, pk__in=[int(event.object_id) for event in requests]
        ).values_list("pk", "reference")
    )
    return [
        {
            "family": int(event.object_id),
            "reference": references.get(int(event.object_id), ""),
            "reason": event.changes.get("reason", ""),
            "requested_at": event.at,
            "requested_by": event.actor.get_full_name() or event.actor.username
            if event.actor_id
            else "",
        }
        for event in requests
        if int(event.object_id) in references
    ]


@transaction.atomic
def erasure_request(*, request, family_pk: int, reason: str, coalition=ACTIVE) -> Family:
    """The case director asks to erase the family's personal data; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vul in waarom de gegevens gewist moeten worden.")})
    family = get_family_for_user(
        request.user,
        family_pk,
        AccessEvent.Action.UPDATE,
        request=request,
        coalition=_in(request, coalition),
        lock=True,
        detail=_("Verzoek tot wissen"),
    )
    if not is_case_director(request.user, family):
        raise PermissionDenied
    if family.anonymised_at is not None:
        raise ValidationError(_("De gegevens van dit gezin zijn al geanonimiseerd."))
    if pending_erasure(family.pk) is not None:
        raise ValidationError(_("Er loopt al een verzoek tot wissen voor dit gezin."))
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.UPDATE,
        obj=family,
        object_type=ERASURE_REQUESTED,
        coalition=family.coalition,
        summary=_("Verzoek tot wissen van dossier %(reference)s: %(reason)s")
        % {"reference": family.reference, "reason": reason},
        changes={"reason": reason},
        request=request,
    )
    return family


def _coalition_family(request, family_pk: int, coalition=ACTIVE) -> Family:
    from django.http import Http404

    family = Family.objects.filter(pk=family_pk, coalition=_in(request, coalition)).first()
    if family is None:
        raise Http404
    return family


@transaction.atomic
def erasure_confirm(*, request, family_pk: int, coalition=ACTIVE) -> Family:
    """A coordinator (not the one who asked) confirms: the personal data is anonymised now
    and the file is closed."""
    family = _coalition_family(request, family_pk, coalition)
    asked = pending_erasure(family.pk)
    if asked is None:
        raise ValidationError(_("Er is geen open verzoek tot wissen voor dit gezin."))
    if asked.actor_id == request.user.pk:
        raise ValidationError(_("Een ander dan de aanvrager moet het wissen bevestigen."))
    reason = asked.changes.get("reason", "")
    family = retention.family_anonymise(
        family_pk=family.pk,
        actor=request.user,
        reason=_("Gewist op verzoek (%(reason)s)") % {"reason": reason},
    )
    if family.status == FamilyStatus.OPEN:
        from django.utils import timezone

        Family.objects.filter(pk=family.pk).update(
            status=FamilyStatus.CLOSED, closed_at=timezone.now(), version=family.version + 1
        )
    return family


@transaction.atomic
def erasure_reject(*, request, family_pk: int, reason: str, coalition=ACTIVE) -> Family:
    """A coordinator turns the request down (for instance: the law requires keeping it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vul in waarom de gegevens niet gewist worden.")})
    family = _coalition_family(request, family_pk, coalition)
    if pending_erasure(family.pk) is None:
        raise ValidationError(_("Er is geen open verzoek tot wissen voor dit gezin."))
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.UPDATE,
        obj=family,
        object_type=ERASURE_REJECTED,
        coalition=family.coalition,
        summary=_("Verzoek tot wissen van dossier %(reference)s afgewezen: %(reason)s")
        % {"reference": family.reference, "reason": reason},
        changes={"reason": reason},
        request=request,
    )
    return family
