"""A family member fills in the self-report part of the coalition's screening instrument.

The answers become a draft assessment with `recorded_by_person` set and `recorded_by` empty:
a proposal for the conversation that a professional takes up in the signaling pages (and who
then finishes it, which scores it and chooses the route: never automatically, DESIGN.md §4).
A second submission while that draft is open updates it, with signaling's version check.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self
from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family, PersonRole
from kansrijk.signaling import instruments as registry
from kansrijk.signaling.models import Assessment, AssessmentStatus
from kansrijk.signaling.services import (
    AssessmentConflict,
    _clean_answers,
    _gestational_age,
    instruments_in_use,
)

from .notifications import case_director_ids, notify, source_language

SELF_REPORT = "self_report"


def respondent_of(person) -> str:
    return "partner" if person.role == PersonRole.PARTNER else "client"


def self_report_items(instrument, person) -> list:
    """The items of `instrument` that `person` answers themselves."""
    respondent = respondent_of(person)
    return [
        item
        for item in instrument.items
        if item.answered_by == SELF_REPORT
        and (item.respondent == "partner") == (respondent == "partner")
    ]


def self_report_instrument(coalition, person) -> registry.Instrument | None:
    """The first instrument in use in the coalition with questions for `person` themselves."""
    for instrument in instruments_in_use(coalition):
        if self_report_items(instrument, person):
            return instrument
    return None


def open_self_report(family, instrument=None) -> Assessment | None:
    """The family's self-report draft that no professional has taken up yet."""
    drafts = Assessment.objects.filter(
        family=family,
        status=AssessmentStatus.DRAFT,
        recorded_by__isnull=True,
        recorded_by_person__isnull=False,
    )
    if instrument is not None:
        drafts = drafts.filter(instrument_key=instrument.key)
    return drafts.order_by("-updated_at", "-id").first()


def _running_pregnancy(family):
    return (
        family.pregnancies.filter(birth_date__isnull=True, outcome="")
        .order_by("-due_date", "-pk")
        .first()
    )


@transaction.atomic
def self_report_submit(
    *, account, answers: dict, expected_version: int | None, request=None
) -> Assessment:
    """Store `account`'s person's answers as a self-report draft (new, or the open one)."""
    person = account.person
    # The family's row lock: a second submission (another tab) waits here.
    family = Family.objects.select_for_update().get(pk=account.family_id)
    instrument = self_report_instrument(family.coalition, person)
    if instrument is None:
        raise ValidationError(_("Er is nu geen vragenlijst voor jullie."))
    items = self_report_items(instrument, person)
    asked = {item.key for item in items}
    answers = {key: value for key, value in answers.items() if key in asked}
    missing = {
        item.key: [_("Beantwoord deze vraag.")]
        for item in items
        if answers.get(item.key) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    cleaned = _clean_answers(instrument, answers, complete=False, partner_present=False)
    draft = open_self_report(family, instrument)
    now = timezone.now()
    created = draft is None
    if draft is not None:
        draft = Assessment.objects.select_for_update().get(pk=draft.pk)
        if expected_version is not None and expected_version != draft.version:
            raise AssessmentConflict(draft, answers)
        draft.answers = {**draft.answers, **cleaned}
        draft.recorded_by_person = person
        draft.version += 1
        draft.updated_at = now
        draft.save(update_fields=["answers", "recorded_by_person", "version", "updated_at"])
    else:
        pregnancy = _running_pregnancy(family)
        today = timezone.localdate()
        draft = Assessment.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            pregnancy=pregnancy,
            instrument_key=instrument.key,
            instrument_version=instrument.version,
            answers=cleaned,
            assessed_on=today,
            gestational_age_days=_gestational_age(pregnancy, today),
            recorded_by_person=person,
        )
    with source_language():
        summary = _("Vragenlijst ingevuld via Mijn gezin")
        text = _(
            "Gezin %(reference)s heeft via Mijn gezin een vragenlijst ingevuld. Bespreek de "
            "antwoorden met het gezin en rond de signalering af."
        ) % {"reference": family.reference}
    audit_record(
        actor=None,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=draft,
        coalition=family.coalition,
        summary=summary,
        changes={"person": person.pk, "version": draft.version},
        request=request,
    )
    access_event_record_self(
        person=person, action=AccessEvent.Action.UPDATE, detail=summary, request=request
    )
    notify(
        case_director_ids(family),
        family=family,
        text=text,
        link=reverse("signaling:assessment", args=[family.pk, draft.pk]),
    )
    return draft
