"""What every FHIR endpoint of the API shares: FHIR JSON in and out, errors as OperationOutcome.

FHIR clients expect an OperationOutcome for every error, so the FHIR endpoints (everything
under `/api/v1/fhir/` and the family file's export `/api/v1/families/{id}/fhir/`) answer
every error as one: DRF's own refusals (401, 403, 404, 405, 406, 415, a JSON parse error),
the views' own 400/422 answers, a bug (500, logged as the other API errors are) and the
refusals of the Idempotency-Key middleware (`error_http_response`). The media type is
`application/fhir+json`; plain `application/json` only for a client that asks for it
(`?format=json`), as for the resources. Every other API endpoint answers RFC 9457
problem details (kansrijk/core/api_errors.py).

In the OpenAPI schema every error of a FHIR operation is an `OperationOutcome` response
(`FhirAutoSchema`).
"""

import json
import logging
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpResponse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import generics
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kansrijk.core import outage
from kansrijk.core.api_errors import FHIR_PREFIXES, UNEXPECTED_ERROR
from kansrijk.families.api import PermissionsByMethodMixin

from .screening_response import Issue, operation_outcome

logger = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"

# An HTTP error status → the OperationOutcome issue type that says the same.
ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    409: "conflict",
    413: "too-long",
    415: "not-supported",
    422: "business-rule",
    429: "throttled",
}


class FhirJsonParser(JSONParser):
    media_type = FHIR_JSON


class FhirJsonRenderer(JSONRenderer):
    media_type = FHIR_JSON
    format = "fhir"


def outcome_response(issues: list[Issue], status_code: int, headers=None) -> Response:
    """An error of a FHIR view: an OperationOutcome (FHIR JSON unless plain JSON is asked)."""
    return Response(operation_outcome(issues), status=status_code, headers=headers)


def error_http_response(request, *, status: int, detail, **_extensions) -> HttpResponse:
    """An error answered before the view runs (the Idempotency-Key middleware): FHIR JSON."""
    body = operation_outcome([Issue(ISSUE_CODES.get(status, "exception"), str(detail))])
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=FHIR_JSON)


def fhir_exception_handler(exc, context):
    """Every error of a FHIR view as an OperationOutcome. An unreachable database is a 503
    ("transient") with Retry-After; another exception DRF does not know (a bug) becomes a
    500, logged with its traceback and signalled as Django does (as the other API errors,
    kansrijk/core/api_errors.py)."""
    response = exception_handler(exc, context)
    if response is None and isinstance(exc, outage.OUTAGE_ERRORS):
        # The database is unreachable (kansrijk/core/outage.py): try again in a moment.
        headers = {"Retry-After": str(outage.RETRY_AFTER), "Cache-Control": "no-store"}
        return outcome_response([Issue("transient", str(outage.DETAIL))], 503, headers)
    if response is None:
        request = context.get("request")
        logger.error("Internal Server Error: %s", getattr(request, "path", ""), exc_info=exc)
        if request is not None:
            got_request_exception.send(sender=None, request=request._request)
        return outcome_response([Issue("exception", str(UNEXPECTED_ERROR))], 500)
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    code = ISSUE_CODES.get(response.status_code, "exception")
    response.data = operation_outcome([Issue(code, str(detail))])
    return response


# --- OpenAPI --------------------------------------------------------------------------------

OUTCOME_SCHEMA = {
    "type": "object",
    "description": (
        "Een fout als FHIR R4 OperationOutcome (`application/fhir+json`): per probleem een "
        "`issue` met een FHIR-code, een Nederlandse uitleg (`diagnostics`) en waar nodig de "
        "plek in de resource (`expression`, FHIRPath)."
    ),
    "properties": {
        "resourceType": {"type": "string", "enum": ["OperationOutcome"]},
        "issue": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "severity": {"type": "string"},
                    "code": {"type": "string"},
                    "diagnostics": {"type": "string"},
                    "expression": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["severity", "code"],
            },
        },
    },
    "required": ["resourceType", "issue"],
}

ERROR_DESCRIPTIONS = {
    "400": ("Ongeldig verzoek (of een ongeldige Idempotency-Key).", "Stuur één FHIR-resource."),
    "401": ("Niet ingelogd (geen of een ongeldige token of sessie).", "Je bent niet ingelogd."),
    "403": ("Geen toegang.", "Je hebt geen toegang."),
    "404": ("Niet gevonden of geen toegang.", "Niet gevonden of geen toegang."),
    "405": ("Methode niet toegestaan.", "Methode niet toegestaan."),
    "406": ("Gevraagd formaat niet beschikbaar.", "Vraag application/fhir+json."),
    "409": (
        "Een verzoek met dezelfde Idempotency-Key is nog in behandeling.",
        "Een verzoek met deze Idempotency-Key is nog in behandeling.",
    ),
    "413": ("Het verzoek is te groot.", "Het verzoek is te groot."),
    "415": ("Mediatype niet ondersteund.", "Stuur application/fhir+json."),
    "422": (
        "De inhoud klopt niet (er is niets opgeslagen), of de Idempotency-Key is al gebruikt "
        "voor een ander verzoek.",
        "Kies een antwoord.",
    ),
    "default": ("Een andere fout, als OperationOutcome.", "Er ging iets mis aan onze kant."),
}


def _is_error(code: str) -> bool:
    return code == "default" or code[:1] in ("4", "5")


class FhirAutoSchema(AutoSchema):
    """Documents a FHIR view's errors (`fhir_errors`, plus 401, 403 and `default`) as
    OperationOutcome responses; any error the view's `extend_schema` states itself is
    replaced by one too.

    The schema hook of kansrijk/core/api_docs.py turns every error outside `/api/v1/fhir/`
    into a problem, except a reference to a response component: the export's errors (under
    `/api/v1/families/`) are therefore such references (`FhirError404`, ...).
    """

    def _component(self, name: str, kind: str, schema: dict) -> dict:
        component = ResolvedComponent(name=name, type=kind, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return component.ref

    def _error(self, code: str) -> dict:
        description, diagnostics = ERROR_DESCRIPTIONS[code]
        outcome = self._component("OperationOutcome", ResolvedComponent.SCHEMA, OUTCOME_SCHEMA)
        example = operation_outcome(
            [Issue(ISSUE_CODES.get(int(code) if code.isdigit() else 500, "exception"), diagnostics)]
        )
        response = {
            "description": description,
            "content": {
                media_type: {
                    "schema": outcome,
                    "examples": {"OperationOutcome": {"value": example}},
                }
                for media_type in (FHIR_JSON, "application/json")
            },
        }
        if self.path.startswith(FHIR_PREFIXES):
            return response
        name = f"FhirError{code.capitalize()}"
        return self._component(name, ResolvedComponent.RESPONSE, response)

    def _get_response_bodies(self, direction="response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = {str(code) for code in getattr(self.view, "fhir_errors", ())}
        codes |= {code for code in responses if _is_error(code)} | {"401", "403", "default"}
        for code in sorted(codes):
            responses[code] = self._error(code)
        return responses


class FhirView(PermissionsByMethodMixin, generics.GenericAPIView):
    """FHIR JSON in and out (plain JSON accepted too), errors as OperationOutcome.

    `fhir_errors`: the error statuses the view answers besides 401/403 (for the schema).
    """

    parser_classes = [FhirJsonParser, JSONParser]
    renderer_classes = [FhirJsonRenderer, JSONRenderer]
    pagination_class = None
    schema = FhirAutoSchema()
    fhir_errors: tuple[int, ...] = (406,)
    # The Idempotency-Key middleware answers its refusals in this view's format.
    error_http_response = staticmethod(error_http_response)

    def get_exception_handler(self):
        return fhir_exception_handler
