"""Errors of the REST API as RFC 9457 problem details (`application/problem+json`).

Every error under `/api/v1/` has the members `type` (a stable URI per kind of problem, or
`about:blank` where no kind of ours fits, and then `title` is the HTTP status phrase),
`title`, `status`, `detail` and `instance` (the request's path). A validation error keeps
the field → [messages] mapping in the extension member `errors`; a version conflict keeps
both versions as extension members. Texts are Dutch, English when the request asks for it
(`Accept-Language: en`).

The FHIR endpoints of `kansrijk.interop` answer a FHIR OperationOutcome through their own
exception handler and are left alone here.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .outage import OUTAGE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
API_PREFIX = "/api/v1/"
# The FHIR endpoints answer OperationOutcome (see kansrijk/interop/api_screening.py).
FHIR_PREFIXES = ("/api/v1/fhir/",)
PROBLEM_BASE = "https://kansrijk.nl/problemen/"

# Kinds of problem: the last part of the `type` URI and the title. One kind per cause a
# client may want to act on; the URIs are stable (clients compare them), the titles are not.
VALIDATION = "validatie"
MALFORMED = "onleesbaar-verzoek"
NOT_AUTHENTICATED = "niet-ingelogd"
FORBIDDEN = "geen-toegang"
NOT_FOUND = "niet-gevonden"
METHOD_NOT_ALLOWED = "methode-niet-toegestaan"
NOT_ACCEPTABLE = "niet-aanvaardbaar"
UNSUPPORTED_MEDIA_TYPE = "mediatype-niet-ondersteund"
VERSION_CONFLICT = "versieconflict"
IDEMPOTENCY_KEY_REUSED = "idempotentiesleutel-hergebruikt"
IDEMPOTENCY_IN_PROGRESS = "idempotentiesleutel-in-behandeling"
IDEMPOTENCY_KEY_INVALID = "idempotentiesleutel-ongeldig"
THROTTLED = "te-veel-verzoeken"
SERVER_ERROR = "serverfout"

TITLES = {
    VALIDATION: _("De invoer is ongeldig"),
    MALFORMED: _("Het verzoek is niet te lezen"),
    NOT_AUTHENTICATED: _("Niet ingelogd"),
    FORBIDDEN: _("Geen toegang"),
    NOT_FOUND: _("Niet gevonden"),
    METHOD_NOT_ALLOWED: _("Methode niet toegestaan"),
    NOT_ACCEPTABLE: _("Gevraagd formaat niet beschikbaar"),
    UNSUPPORTED_MEDIA_TYPE: _("Mediatype niet ondersteund"),
    VERSION_CONFLICT: _("Versieconflict"),
    IDEMPOTENCY_KEY_REUSED: _("Idempotentiesleutel al gebruikt voor een ander verzoek"),
    IDEMPOTENCY_IN_PROGRESS: _("Verzoek met deze idempotentiesleutel is nog in behandeling"),
    IDEMPOTENCY_KEY_INVALID: _("Ongeldige idempotentiesleutel"),
    THROTTLED: _("Te veel verzoeken"),
    SERVER_ERROR: _("Interne serverfout"),
}

# The kind a status stands for when the error itself does not name one.
KIND_BY_STATUS = {
    400: VALIDATION,
    401: NOT_AUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    406: NOT_ACCEPTABLE,
    415: UNSUPPORTED_MEDIA_TYPE,
    429: THROTTLED,
    500: SERVER_ERROR,
}
KIND_BY_EXCEPTION = (
    (exceptions.ParseError, MALFORMED),
    (exceptions.ValidationError, VALIDATION),
    (exceptions.NotAuthenticated, NOT_AUTHENTICATED),
    (exceptions.AuthenticationFailed, NOT_AUTHENTICATED),
    (exceptions.PermissionDenied, FORBIDDEN),
    (exceptions.NotFound, NOT_FOUND),
    (exceptions.MethodNotAllowed, METHOD_NOT_ALLOWED),
    (exceptions.NotAcceptable, NOT_ACCEPTABLE),
    (exceptions.UnsupportedMediaType, UNSUPPORTED_MEDIA_TYPE),
    (exceptions.Throttled, THROTTLED),
)
INVALID_INPUT = _("De invoer is ongeldig; zie de meldingen per veld in `errors`.")
UNEXPECTED_ERROR = _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
# Headers of the 401, 405 and 429 answers that the problem body must keep.
KEPT_HEADERS = ("WWW-Authenticate", "Allow", "Retry-After")


def problem_type(kind: str | None) -> str:
    return PROBLEM_BASE + kind if kind else "about:blank"


def problem(
    *, status: int, detail, kind: str | None = None, instance: str | None = None, **extensions
) -> dict:
    """The body of a problem: `kind` is one of the kinds above, or None for `about:blank`."""
    title = HTTPStatus(status).phrase if kind is None else str(TITLES[kind])
    body = {"type": problem_type(kind), "title": title, "status": status, "detail": str(detail)}
    if instance is not None:
        body["instance"] = instance
    body.update(extensions)
    return body


class ProblemResponse(Response):
    """A DRF response with a problem body; `instance` is filled in with the request's path
    when the response is rendered, so callers need not pass the request along."""

    def __init__(self, data, status, headers=None):
        super().__init__(data, status=status, headers=headers, content_type=PROBLEM_JSON)

    @property
    def rendered_content(self):
        request = (getattr(self, "renderer_context", None) or {}).get("request")
        if isinstance(self.data, dict) and request is not None:
            self.data.setdefault("instance", escape_uri_path(request.path))
        return super().rendered_content


def problem_response(
    *, status: int, detail, kind: str | None = None, headers=None, **extensions
) -> Response:
    """A problem answer for an API view that builds its error itself (e.g. a 409 version
    conflict carrying both versions as extension members)."""
    if kind is None:
        kind = KIND_BY_STATUS.get(status)
    return ProblemResponse(
        problem(status=status, detail=detail, kind=kind, **extensions), status, headers
    )


def version_conflict_response(conflict, detail: str, serializer_class=None) -> Response:
    """409 for a write sent with a stale `version`: `detail` says what changed, and the body
    carries the version sent and the current one (`conflict` is a service's VersionConflict;
    `serializer_class`, if given, shapes the body as the schema documents it)."""
    body = {
        "detail": detail,
        "submitted_version": conflict.expected_version,
        "current_version": conflict.current_version,
    }
    if serializer_class is not None:
        body = serializer_class(body).data
    return problem_response(status=409, kind=VERSION_CONFLICT, **body)


def problem_http_response(request, *, status: int, detail, kind: str | None = None, **extensions):
    """A problem answer outside DRF (middleware, the handler for unmatched API paths)."""
    if kind is None:
        kind = KIND_BY_STATUS.get(status)
    instance = escape_uri_path(request.path)
    body = problem(status=status, detail=detail, kind=kind, instance=instance, **extensions)
    return JsonResponse(
        body, status=status, content_type=PROBLEM_JSON, json_dumps_params={"ensure_ascii": False}
    )


def _kind_of(exc, status: int) -> str | None:
    for exception_class, kind in KIND_BY_EXCEPTION:
        if isinstance(exc, exception_class):
            return kind
    return KIND_BY_STATUS.get(status)


def _validation_problem(data, status: int) -> dict:
    """Field errors stay a field → [messages] mapping under `errors`; errors that belong to
    no field (a plain list) go under `non_field_errors`, as DRF names them."""
    errors = data if isinstance(data, dict) else {"non_field_errors": data}
    messages = [m for value in errors.values() if isinstance(value, list) for m in value]
    only_one = len(messages) == 1 and isinstance(messages[0], str) and len(errors) == 1
    detail = messages[0] if only_one else INVALID_INPUT
    return problem(status=status, detail=detail, kind=VALIDATION, errors=errors)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every API error as a problem. An unreachable database is a
    503 with Retry-After (kansrijk/core/outage.py); another exception DRF does not know (a
    bug) becomes a 500 problem, logged with its traceback and signalled as Django does, so
    the test client still raises it."""
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is None and request is not None and isinstance(exc, OUTAGE_ERRORS):
        # The database is unreachable (kansrijk/core/outage.py): a 503, not a bug's 500.
        return database_unavailable(request._request)
    if response is None:
        logger.error("Internal Server Error: %s", getattr(request, "path", ""), exc_info=exc)
        if request is not None:
            got_request_exception.send(sender=None, request=request._request)
        body = problem(status=500, detail=UNEXPECTED_ERROR, kind=SERVER_ERROR)
        return ProblemResponse(body, 500)
    status = response.status_code
    data = response.data
    kind = _kind_of(exc, status)
    if kind in (VALIDATION,) or (isinstance(exc, exceptions.ValidationError)):
        body = _validation_problem(data, status)
    elif isinstance(data, dict) and "detail" in data:
        extensions = {k: v for k, v in data.items() if k != "detail"}
        body = problem(status=status, detail=data["detail"], kind=kind, **extensions)
    else:
        body = problem(status=status, detail=data, kind=kind)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return ProblemResponse(body, status, headers)


def _is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX) and not path.startswith(FHIR_PREFIXES)


def _language_asked(request) -> str | None:
    """The first of our languages in the request's Accept-Language, if it names one."""
    header = request.headers.get("Accept-Language", "")
    supported = dict(settings.LANGUAGES)
    for language, _quality in translation.trans_real.parse_accept_lang_header(header):
        code = language.split("-")[0].lower()
        if code in supported:
            return code
    return None


class ApiProblemMiddleware:
    """For `/api/v1/`: the language an API client asks for in Accept-Language (pages follow
    only the chosen language, see ChosenLanguageMiddleware; an API client has no such
    choice but its header), and problem details for errors answered outside DRF (an
    unmatched path, a server error), which Django would render as an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_api_path(request.path):
            return self.get_response(request)
        language = _language_asked(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and content_type.startswith("text/html"):
            status = response.status_code
            detail = UNEXPECTED_ERROR if status >= 500 else HTTPStatus(status).description
            if status == 404:
                detail = _("Dit adres bestaat niet in de API.")
            response = problem_http_response(request, status=status, detail=detail)
            patch_vary_headers(response, ("Accept-Language",))
        return response


def drf_validation_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A service's `ValidationError` (Dutch messages) in DRF's error format."""
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return serializers.ValidationError(detail)
