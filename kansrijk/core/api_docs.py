"""The API's interactive documentation and what the schema says about every operation.

- `/api/v1/docs/`: Swagger UI from the drf-spectacular-sidecar package's static files (no
  CDN: the CSP allows only our own origin), its start script served as a file of its own
  (SpectacularSwaggerSplitView), because the CSP forbids inline script.
- A postprocessing hook that makes every error response of the schema a `Problem` (RFC
  9457, see kansrijk/core/api_errors.py) and documents the `Idempotency-Key` header on
  every POST (see kansrijk/core/idempotency.py).
"""

import copy

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions

from . import api_errors, idempotency

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": (
        "Een fout als RFC 9457 problem details (`application/problem+json`). `type` is een "
        "vaste URI per soort probleem (bijv. `https://kansrijk.nl/problemen/validatie`), of "
        "`about:blank` als geen soort van ons past. Teksten zijn Nederlands, Engels met "
        "`Accept-Language: en`."
    ),
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "errors": {
            "type": "object",
            "description": (
                "Alleen bij een validatiefout: per veld de meldingen (`non_field_errors` voor "
                "meldingen die bij geen veld horen)."
            ),
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": True,
}

IDEMPOTENCY_PARAMETER = {
    "in": "header",
    "name": idempotency.HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH},
    "description": (
        "Optioneel: een unieke sleutel per aanmaakverzoek (IETF-draft Idempotency-Key). "
        "Hetzelfde verzoek met dezelfde sleutel nogmaals geeft het bewaarde antwoord terug "
        "(met `Idempotent-Replayed: true`) zonder tweede record; dezelfde sleutel met een "
        "ander verzoek geeft 422, een verzoek dat nog loopt 409. Sleutels gelden per "
        "gebruiker, 24 uur lang."
    ),
}

# Errors every operation can answer, and those of operations with a request body.
COMMON_ERRORS = {
    "401": "Niet ingelogd (geen of een ongeldige token of sessie).",
    "403": "Geen toegang.",
    "default": "Een andere fout, als problem details.",
}
BODY_ERRORS = {
    "400": "Ongeldige invoer; de meldingen per veld staan in `errors`.",
    "415": "Mediatype niet ondersteund.",
}
POST_ERRORS = {
    "409": "Een verzoek met dezelfde Idempotency-Key is nog in behandeling.",
    "422": "De Idempotency-Key is al gebruikt voor een ander verzoek.",
}


def _is_error(code: str) -> bool:
    return code == "default" or code[:1] in ("4", "5")


def _as_problem_schema(schema: dict | None) -> dict:
    if not schema or schema.get("$ref", "").endswith("/Error"):
        return dict(PROBLEM_REF)
    if schema == PROBLEM_REF:
        return schema
    return {"allOf": [dict(PROBLEM_REF), schema]}


def _as_problem_example(example, status: str):
    value = example.get("value") if isinstance(example, dict) else None
    if not isinstance(value, dict) or "type" in value:
        return example
    status_code = int(status) if status.isdigit() else 500
    kind = api_errors.KIND_BY_STATUS.get(status_code)
    problem = api_errors.problem(
        status=status_code,
        detail=value.get("detail", ""),
        kind=kind,
        **{k: v for k, v in value.items() if k != "detail"},
    )
    return {**example, "value": problem}


def _problem_response(response: dict, status: str) -> dict:
    content = response.get("content") or {}
    media = content.get(api_errors.PROBLEM_JSON) or content.get("application/json") or {}
    problem_media = {"schema": _as_problem_schema(media.get("schema"))}
    if "examples" in media:
        problem_media["examples"] = {
            name: _as_problem_example(example, status)
            for name, example in media["examples"].items()
        }
    # Keep other media types (none today), replace JSON by problem+json.
    others = {
        name: value
        for name, value in content.items()
        if name not in ("application/json", api_errors.PROBLEM_JSON)
    }
    return {**response, "content": {api_errors.PROBLEM_JSON: problem_media, **others}}


def postprocess_problems_and_idempotency(result, generator, request, public):
    """drf-spectacular postprocessing hook (see SPECTACULAR_SETTINGS)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = copy.deepcopy(
        PROBLEM_SCHEMA
    )
    for path, operations in result.get("paths", {}).items():
        if path.startswith(api_errors.FHIR_PREFIXES):
            continue  # FHIR: OperationOutcome, described by kansrijk/interop
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(COMMON_ERRORS)
            if "{" in path:
                wanted["404"] = "Niet gevonden of geen toegang."
            if "requestBody" in operation:
                wanted.update(BODY_ERRORS)
            if method == "post":
                wanted.update({k: v for k, v in POST_ERRORS.items() if k not in responses})
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == idempotency.HEADER for p in parameters):
                    parameters.append(copy.deepcopy(IDEMPOTENCY_PARAMETER))
            for status, description in wanted.items():
                responses.setdefault(status, {"description": description})
            for status, response in list(responses.items()):
                if _is_error(str(status)) and "$ref" not in response:
                    responses[status] = _problem_response(response, str(status))
    return result


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI for a logged-in professional; someone not logged in is sent to the login
    page, as on every other page."""

    # Our page around Swagger UI: a `lang` attribute and no inline style (CSP).
    template_name = "core/api_docs.html"
    title = "kansrijk API"

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
