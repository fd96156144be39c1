"""A recorded assessment as the QuestionnaireResponse the API answers with.

The answers are grouped by domain as the instrument's Questionnaire has them
(`screening.build_questionnaire`); the computed level and total score ride along as
extensions: a proposal for the conversation, not a verdict (DESIGN.md §4).
"""

from typing import Any

from kansrijk.signaling import instruments as registry
from kansrijk.signaling.instruments.model import Instrument, Item
from kansrijk.signaling.models import Assessment

from .screening import PARTNER_PRESENT, family_reference, option_system, questionnaire_canonical

RESOURCE = "QuestionnaireResponse"
LEVEL_EXTENSION = "urn:kansrijk:fhir:extension:screening-level"
SCORE_EXTENSION = "urn:kansrijk:fhir:extension:screening-total-score"
# The author of a self-report a family member filled in (family portal) until a professional
# finishes it: a reference by display only.
FAMILY_MEMBER_AUTHOR = {"display": "Gezinslid (zelf ingevuld via Mijn gezin)"}


def build_response(assessment: Assessment) -> dict[str, Any]:
    """The stored assessment as a QuestionnaireResponse (`id` = the assessment's id).

    Answers are grouped by domain as the Questionnaire has them; the computed level and
    total score ride along as extensions (a proposal for the conversation, not a verdict).
    Needs `recorded_by` joined.
    """
    instrument = registry.get_instrument(assessment.instrument_key, assessment.instrument_version)
    answers = assessment.answers or {}
    items: list[dict[str, Any]] = []
    if instrument.has_partner_items:
        items.append(
            {"linkId": PARTNER_PRESENT, "answer": [{"valueBoolean": assessment.partner_present}]}
        )
    for domain in instrument.domains:
        answered = [
            {"linkId": item.key, "answer": [_answer_value(instrument, item, answers[item.key])]}
            for item in domain.items
            if item.key in answers
        ]
        if answered:
            items.append({"linkId": domain.key, "item": answered})
    resource: dict[str, Any] = {
        "resourceType": RESOURCE,
        "id": str(assessment.pk),
        "questionnaire": questionnaire_canonical(instrument),
        "status": "in-progress" if assessment.is_draft else "completed",
        "subject": family_reference(assessment.family_id),
        "authored": assessment.assessed_on.isoformat(),
        "author": {"type": "Practitioner", "display": _name(assessment.recorded_by)}
        if assessment.recorded_by_id
        else FAMILY_MEMBER_AUTHOR,
        "item": items,
    }
    extensions = []
    if assessment.level:
        extensions.append({"url": LEVEL_EXTENSION, "valueCode": assessment.level})
    if assessment.total_score is not None:
        extensions.append({"url": SCORE_EXTENSION, "valueInteger": assessment.total_score})
    if extensions:
        resource["extension"] = extensions
    return resource


def _answer_value(instrument: Instrument, item: Item, value: Any) -> dict[str, Any]:
    if item.type == "yes_no":
        return {"valueBoolean": value == "yes"}
    if item.type == "choice":
        option = item.option(str(value))
        return {
            "valueCoding": {
                "system": option_system(instrument, item),
                "code": option.key,
                "display": registry.t(option.label),
            }
        }
    if item.type == "scale":
        return {"valueInteger": int(value)}
    return {"valueString": str(value)}


def _name(professional) -> str:
    return professional.get_full_name() or professional.username
