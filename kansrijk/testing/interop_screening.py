"""Test data for screening in FHIR: fill a served Questionnaire the way a record system does,
and post the QuestionnaireResponse."""

import json
from typing import Any

from django.test import Client
from django.urls import reverse

FHIR_JSON = "application/fhir+json"


def questionnaire_path(key: str) -> str:
    return reverse("api:fhir_questionnaire", kwargs={"key": key})


def response_path() -> str:
    return reverse("api:fhir_questionnaire_response")


def fill(
    questionnaire: dict[str, Any],
    answers: dict[str, Any],
    *,
    family_pk: int,
    partner_present: bool | None = None,
    authored: str | None = None,
    status: str = "completed",
) -> dict[str, Any]:
    """A QuestionnaireResponse to `questionnaire` (as served) with `answers`, given in the
    instrument's own form (item key → option key, "yes"/"no", a number or text).

    Only what the Questionnaire offers is used: the codes come from its `answerOption`s.
    """

    def answer(item: dict, value: Any) -> dict:
        kind = item["type"]
        if kind == "boolean":
            return {"valueBoolean": value in (True, "yes")}
        if kind == "choice":
            coding = next(
                option["valueCoding"]
                for option in item["answerOption"]
                if option["valueCoding"]["code"] == value
            )
            return {"valueCoding": {"system": coding["system"], "code": coding["code"]}}
        if kind == "integer":
            return {"valueInteger": int(value)}
        return {"valueString": value}

    def walk(items: list[dict]) -> list[dict]:
        filled = []
        for item in items:
            link_id = item["linkId"]
            if item["type"] == "group":
                children = walk(item.get("item", []))
                if children:
                    filled.append({"linkId": link_id, "item": children})
            elif link_id == "partner-present":
                if partner_present is not None:
                    filled.append(
                        {"linkId": link_id, "answer": [{"valueBoolean": partner_present}]}
                    )
            elif item["type"] != "display" and link_id in answers:
                filled.append({"linkId": link_id, "answer": [answer(item, answers[link_id])]})
        return filled

    resource = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}",
        "status": status,
        "subject": {"reference": f"urn:kansrijk:family:{family_pk}"},
        "item": walk(questionnaire["item"]),
    }
    if authored is not None:
        resource["authored"] = authored
    return resource


def post_response(client: Client, resource: Any, *, content_type: str = FHIR_JSON, path=None):
    """POST a QuestionnaireResponse (or anything else, to test refusals) as JSON."""
    body = resource if isinstance(resource, str | bytes) else json.dumps(resource)
    return client.post(path or response_path(), body, content_type=content_type)


def item_answer(resource: dict[str, Any], link_id: str) -> list[dict] | None:
    """The `answer` list of the item `link_id`, wherever it sits in a response."""
    for item in resource.get("item", []):
        if item["linkId"] == link_id:
            return item.get("answer")
        found = item_answer(item, link_id)
        if found is not None:
            return found
    return None
