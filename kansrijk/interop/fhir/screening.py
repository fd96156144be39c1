"""A screening instrument as a FHIR R4 Questionnaire, and the names both sides share.

The instrument files stay the source (kansrijk/signaling/instruments): this module only
renders one loaded version, it never stores a Questionnaire. The mapping:

- every domain is a `group` item (linkId = the domain's key) holding its questions;
- `yes_no` → `boolean` (true = "yes", false = "no");
- `choice` → `choice` with one `answerOption.valueCoding` per option (code = the option's key,
  system = `option_system(...)`, the weight as the `ordinalValue` extension);
- `scale` → `integer` with the `minValue`/`maxValue` extensions;
- `text` → `text`; an item's help text is a `display` child with itemControl "help";
- an instrument with partner questions starts with the boolean `partner-present` ("does the
  partner take part?"); the partner questions are enabled (`enableWhen`) only when it is
  true, since they are only required then (instruments/answers.py).

Texts are in the active language (Dutch unless English is asked for), as on the pages.
Canonical URLs are URNs (`identifiers`, shared with the family-file export) so that they do
not change with the host a coalition runs kansrijk on.
"""

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kansrijk.signaling.instruments.model import Instrument, Item, t

from .identifiers import questionnaire_url, urn

QUESTIONNAIRE_PREFIX = questionnaire_url("")
FAMILY_PREFIX = urn("family", "")
PARTNER_PRESENT = "partner-present"
"""linkId of the partner question; a hyphen, so no instrument item key can take it."""

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"

FHIR_TYPES = {"yes_no": "boolean", "choice": "choice", "scale": "integer", "text": "text"}
"""Instrument item type → Questionnaire item type."""
ANSWER_FIELDS = {
    "yes_no": "valueBoolean",
    "choice": "valueCoding",
    "scale": "valueInteger",
    "text": "valueString",
}
"""Instrument item type → the `answer.value[x]` a QuestionnaireResponse gives it."""


def questionnaire_canonical(instrument: Instrument) -> str:
    """The versioned canonical (`url|version`) a QuestionnaireResponse points at."""
    return f"{questionnaire_url(instrument.key)}|{instrument.version}"


def option_system(instrument: Instrument, item: Item) -> str:
    """The code system of an item's options: the Questionnaire's URL and the item's key."""
    return f"{questionnaire_url(instrument.key)}:{item.key}"


def family_reference(family_pk: int) -> dict[str, str]:
    """How a QuestionnaireResponse names the family it is about (a household: a Group), by
    the URN that is the family's identifier in the family-file export."""
    return {"reference": urn("family", family_pk), "type": "Group"}


def item_path(*link_ids: str) -> str:
    """A FHIRPath expression to an item by its linkIds, for an OperationOutcome."""
    steps = "".join(f".item.where(linkId='{link_id}')" for link_id in link_ids)
    return f"QuestionnaireResponse{steps}"


def item_paths(instrument: Instrument) -> dict[str, str]:
    """Item key → where its answer sits in a response to the instrument's Questionnaire."""
    paths = {
        item.key: item_path(domain.key, item.key)
        for domain in instrument.domains
        for item in domain.items
    }
    paths[PARTNER_PRESENT] = item_path(PARTNER_PRESENT)
    return paths


def build_questionnaire(instrument: Instrument, *, latest: bool) -> dict[str, Any]:
    """The Questionnaire resource (as JSON-ready data) of one instrument version.

    `latest`: whether this is the version new screenings use ("active"); an older version is
    "retired" but still served, because past assessments were made with it.
    """
    items: list[dict[str, Any]] = []
    if instrument.has_partner_items:
        items.append(
            {
                "linkId": PARTNER_PRESENT,
                "type": "boolean",
                "text": _("Doet de partner mee aan deze signalering?"),
                "required": False,
            }
        )
    for domain in instrument.domains:
        items.append(
            {
                "linkId": domain.key,
                "type": "group",
                "text": t(domain.title) or domain.key,
                "item": [_question(instrument, item) for item in domain.items],
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": instrument.key,
        "language": (get_language() or "nl").split("-")[0],
        "url": questionnaire_url(instrument.key),
        "version": str(instrument.version),
        "name": _computable_name(instrument.key),
        "title": t(instrument.title) or instrument.key,
        "status": "active" if latest else "retired",
        "subjectType": ["Group"],
        "publisher": "kansrijk",
        "description": _description(instrument),
        "item": items,
    }
    return resource


def _question(instrument: Instrument, item: Item) -> dict[str, Any]:
    question: dict[str, Any] = {
        "linkId": item.key,
        "type": FHIR_TYPES[item.type],
        "text": t(item.text) or item.key,
        # A partner question is only required when the partner takes part: enableWhen
        # carries that condition, so the item itself is optional.
        "required": item.required and not item.is_partner_item,
    }
    if item.is_partner_item:
        question["enableWhen"] = [
            {"question": PARTNER_PRESENT, "operator": "=", "answerBoolean": True}
        ]
    if item.type == "choice":
        question["answerOption"] = [
            {
                "valueCoding": {
                    "system": option_system(instrument, item),
                    "code": option.key,
                    "display": t(option.label) or option.key,
                    "extension": [{"url": ORDINAL_VALUE, "valueDecimal": option.weight}],
                }
            }
            for option in item.options
        ]
    if item.type == "scale":
        question["extension"] = [
            {"url": MIN_VALUE, "valueInteger": item.min},
            {"url": MAX_VALUE, "valueInteger": item.max},
        ]
    if t(item.help):
        question["item"] = [
            {
                "linkId": f"{item.key}-help",
                "type": "display",
                "text": t(item.help),
                "extension": [
                    {
                        "url": ITEM_CONTROL,
                        "valueCodeableConcept": {
                            "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": "help"}]
                        },
                    }
                ],
            }
        ]
    return question


def _computable_name(key: str) -> str:
    """FHIR's `name` (letters, digits, `_`, starting with a capital) from a slug key."""
    name = "".join(part[:1].upper() + part[1:] for part in key.split("-") if part)
    return name if name[:1].isalpha() else f"I{name}"


def _description(instrument: Instrument) -> str:
    parts = [t(instrument.description), _("Bron: %(source)s") % {"source": instrument.source}]
    parts.append(
        _("Gevalideerd instrument.")
        if instrument.validated
        else _("Niet gevalideerd: de uitkomst is een voorstel voor het gesprek, geen oordeel.")
    )
    return "\n\n".join(part for part in parts if part)
