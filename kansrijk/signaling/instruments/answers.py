"""Checking answers before they are scored or stored, with messages in Dutch for the form.

Partner items are only required when a partner takes part: many families have none, and an
assessment must be completable without one (DESIGN.md §4: most questions are also asked of
the partner). A half-filled assessment can be saved as a draft (`complete=False`); only
impossible answers are refused then.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from .model import Instrument, Item

MAX_TEXT_LENGTH = 5000
"""Long enough for a reasoned judgement, short enough to keep a stored assessment small."""


def validate_answers(
    instrument: Instrument,
    answers: Mapping[str, object],
    *,
    complete: bool,
    partner_present: bool,
) -> dict[str, str]:
    """Item key → what is wrong with its answer; empty when the answers are acceptable.

    An answer to a question the instrument does not have is reported under its own key.
    Empty strings and None mean unanswered.
    """
    errors: dict[str, str] = {}
    known = {item.key for item in instrument.items}
    for key in answers:
        if key not in known:
            errors[key] = _("Deze vraag hoort niet bij deze vragenlijst.")
    for item in instrument.items:
        try:
            answer = item.parse_answer(answers.get(item.key))
        except ValueError:
            errors[item.key] = _invalid(item)
            continue
        if answer is None:
            if complete and item.required and (partner_present or not item.is_partner_item):
                errors[item.key] = _missing(item)
        elif item.type == "text" and len(str(answer)) > MAX_TEXT_LENGTH:
            errors[item.key] = _("Gebruik hoogstens %(max)s tekens.") % {"max": MAX_TEXT_LENGTH}
    return errors


def _scale_message(item: Item) -> str:
    return _("Vul een getal van %(min)s tot en met %(max)s in.") % {
        "min": item.min,
        "max": item.max,
    }


def _invalid(item: Item) -> str:
    if item.type == "scale":
        return _scale_message(item)
    if item.type == "text":
        return _("Vul hier tekst in.")
    return _("Dit antwoord bestaat niet.")


def _missing(item: Item) -> str:
    if item.type == "scale":
        return _scale_message(item)
    if item.type == "text":
        return _("Vul dit veld in.")
    return _("Kies een antwoord.")
