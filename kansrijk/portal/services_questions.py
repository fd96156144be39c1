"""Questions of family members about an entry of their access report, and the answers.

Asking notifies the coalition's coordinators and the family's case director; both are
logged (audit trail and access log). Answering is done by a coordinator or the case
director (`selectors_access.questions_visible_to`), and is shown in the portal.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record, access_event_record_self
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent

from .models import AccessQuestion
from .notifications import case_director_ids, coordinator_ids, notify, source_language
from .selectors_access import QUESTION_GROUND_DETAIL


@transaction.atomic
def access_question_ask(
    *, account, access_event_id: int, access_summary: str, message: str, request=None
) -> AccessQuestion:
    """Store the family member's question about one event of their family's access log
    (`access_summary`: what they saw of it) and tell who answers."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Schrijf je vraag op.")})
    family = account.family
    question = AccessQuestion(
        account=account,
        family=family,
        coalition_id=family.coalition_id,
        access_event_id=access_event_id,
        access_summary=access_summary[:300],
        message=message,
    )
    question.full_clean(exclude=["account", "family", "coalition"])
    question.save()
    with source_language():
        summary = _("Vraag gesteld over een toegang tot het dossier")
        text = _(
            "Gezin %(reference)s heeft via Mijn gezin een vraag gesteld over wie in het "
            "dossier keek. Beantwoord de vraag."
        ) % {"reference": family.reference}
    audit_record(
        actor=None,
        action=AuditEvent.Action.CREATE,
        obj=question,
        coalition=family.coalition,
        summary=summary,
        changes={"access_event": access_event_id, "person": account.person_id},
        request=request,
    )
    access_event_record_self(
        person=account.person, action=AccessEvent.Action.CREATE, detail=summary, request=request
    )
    notify(
        [*coordinator_ids(family.coalition_id), *case_director_ids(family)],
        family=family,
        text=text,
        link=reverse("portal:question_answer", args=[question.pk]),
    )
    return question


@transaction.atomic
def access_question_answer(
    *, actor, questions, question_pk: int, answer: str, request=None
) -> AccessQuestion:
    """Answer a question once; `questions` are those `actor` may answer (the caller's
    `questions_visible_to`), so another coalition's question is "not found"."""
    question = questions.select_for_update().select_related("family").get(pk=question_pk)
    if question.answered_at is not None:
        raise ValidationError(_("Deze vraag is al beantwoord."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Schrijf een antwoord.")})
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = actor
    question.full_clean(exclude=["account", "family", "coalition", "answered_by"])
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    with source_language():
        summary = _("Vraag van het gezin over een toegang beantwoord")
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=question,
        coalition=question.family.coalition,
        summary=summary,
        request=request,
    )
    access_event_record(
        user=actor,
        action=AccessEvent.Action.UPDATE,
        family=question.family,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        ground_detail=QUESTION_GROUND_DETAIL,
        detail=summary,
        request=request,
    )
    return question
