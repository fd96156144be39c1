"""The `Idempotency-Key` request header for API creates (IETF draft "The Idempotency-Key
HTTP Header Field").

A client that sends a POST under `/api/v1/` with an `Idempotency-Key` header may send it
again (after a timeout, a lost connection) without creating a second row:

- same key, same caller, same request (method, path and body) → the stored answer is
  replayed: the same status and body, with `Idempotent-Replayed: true`;
- same key with another request → 422 problem (the key was meant for something else);
- same key while the first request is still running → 409 problem (try again shortly);
- keys are per caller: another caller's key never matches;
- a key is kept for 24 hours (`manage.py purge_idempotency_keys`; an expired key of the
  caller is also dropped when it is used again).

A middleware keeps every app untouched: it asks the view's own DRF authenticators who the
caller is (a token or a verified session), so the key belongs to the same caller the view
sees. Without a key, or without a caller the view would accept, nothing changes. Server
errors (5xx) and 429 are not stored: the client may simply retry with the same key.

The middleware's own refusals are problem details (kansrijk/core/api_errors.py), or, for a
view with an error format of its own (the FHIR endpoints answer OperationOutcome), whatever
its `error_http_response(request, status=..., detail=...)` makes of them. A body larger than
DATA_UPLOAD_MAX_MEMORY_SIZE cannot be fingerprinted (Django refuses to read it into memory):
that is a 413 "Verzoek te groot", not Django's bare 400.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.views import APIView

from . import api_errors
from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255
# The answer's headers worth replaying; the others are set again on the way out.
REPLAYED_HEADERS = ("Content-Type", "Location", "ETag", "Content-Language")
_PENDING = "_idempotent_request"
# A kind of problem of this middleware's own (see api_errors for the others).
REQUEST_TOO_LARGE = "verzoek-te-groot"


def purge_expired(*, now=None) -> int:
    """Delete the keys older than a day; returns how many."""
    cutoff = (now or timezone.now()) - KEY_LIFETIME
    deleted, _rows = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def fingerprint(request) -> str:
    """What tells one request apart from another under the same key."""
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path()):
        digest.update(part.encode())
        digest.update(b"\n")
    digest.update(request.body)
    return digest.hexdigest()


def _caller(request, view_class):
    """The caller as the view's own authenticators see it, or None (the view will refuse
    or answer anonymously; either way there is nothing to remember)."""
    authenticators = [auth() for auth in view_class.authentication_classes]
    try:
        user = Request(request, authenticators=authenticators).user
    except exceptions.APIException:
        return None
    return user if user is not None and user.is_authenticated else None


def _refusal(request, view_class, *, status: int, kind: str | None, detail, **extensions):
    """The middleware's refusal in the view's own error format (see the module docstring)."""
    respond = getattr(view_class, "error_http_response", None)
    if respond is not None:
        return respond(request, status=status, detail=detail)
    return api_errors.problem_http_response(
        request, status=status, kind=kind, detail=detail, **extensions
    )


def _too_large(request, view_class):
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return _refusal(
        request,
        view_class,
        status=413,
        kind=None,
        # A kind of our own: its type and Dutch title (api_errors has no 413 kind).
        type=api_errors.problem_type(REQUEST_TOO_LARGE),
        title=str(_("Verzoek te groot")),
        detail=_(
            "Het verzoek is te groot: een aanmaakverzoek met een Idempotency-Key mag hoogstens "
            "%(limit)s zijn. Stuur minder gegevens in één verzoek."
        )
        % {"limit": limit},
    )


def _replay(record: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(bytes(record.response_body), status=record.status_code)
    for name, value in record.response_headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record = getattr(request, _PENDING, None)
        if record is not None:
            self._finish(record, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        key = request.headers.get(HEADER)
        view_class = getattr(view_func, "cls", None)
        if (
            key is None
            or request.method != "POST"
            or not request.path.startswith(api_errors.API_PREFIX)
            or view_class is None
            or not issubclass(view_class, APIView)
        ):
            return None
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            return _refusal(
                request,
                view_class,
                status=400,
                kind=api_errors.IDEMPOTENCY_KEY_INVALID,
                detail=_("De Idempotency-Key moet 1 tot 255 tekens lang zijn."),
            )
        actor = _caller(request, view_class)
        if actor is None:
            return None
        try:
            fp = fingerprint(request)
        except RequestDataTooBig:
            return _too_large(request, view_class)
        return self._start(request, view_class, actor=actor, key=key, fp=fp)

    def _start(self, request, view_class, *, actor, key, fp):
        cutoff = timezone.now() - KEY_LIFETIME
        IdempotentRequest.objects.filter(actor=actor, key=key, created_at__lt=cutoff).delete()
        try:
            # Committed at once (outside the view's transaction), so that a second request
            # with the same key, arriving while this one runs, sees it and gets a 409.
            with transaction.atomic():
                record = IdempotentRequest.objects.create(
                    actor=actor,
                    key=key,
                    fingerprint=fp,
                    method=request.method,
                    path=request.path[:500],
                )
        except IntegrityError:
            record = IdempotentRequest.objects.filter(actor=actor, key=key).first()
            if record is None:  # removed in the meantime: let this request go ahead
                return None
            if record.fingerprint != fp:
                return _refusal(
                    request,
                    view_class,
                    status=422,
                    kind=api_errors.IDEMPOTENCY_KEY_REUSED,
                    detail=_(
                        "Deze Idempotency-Key is al gebruikt voor een ander verzoek. "
                        "Gebruik een nieuwe sleutel voor een nieuw verzoek."
                    ),
                )
            if record.status_code is None:
                return _refusal(
                    request,
                    view_class,
                    status=409,
                    kind=api_errors.IDEMPOTENCY_IN_PROGRESS,
                    detail=_(
                        "Een verzoek met deze Idempotency-Key is nog in behandeling. "
                        "Probeer het zo opnieuw."
                    ),
                )
            return _replay(record)
        setattr(request, _PENDING, record)
        return None

    def _finish(self, record: IdempotentRequest, response) -> None:
        status = response.status_code
        if status >= 500 or status == 429 or response.streaming:
            # Nothing (reliable) to replay: free the key so the client can retry with it.
            IdempotentRequest.objects.filter(pk=record.pk).delete()
            return
        headers = {name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)}
        IdempotentRequest.objects.filter(pk=record.pk).update(
            status_code=status, response_body=response.content, response_headers=headers
        )


def forget(request) -> None:
    """Keep this request's answer out of the store: for an answer that must be shown once
    and kept nowhere, such as a temporary password. The key is freed, so a repeated request
    with it runs again (the view must make that harmless). Takes a Django or DRF request."""
    django_request = getattr(request, "_request", request)
    record = django_request.__dict__.pop(_PENDING, None)
    if record is not None:
        IdempotentRequest.objects.filter(pk=record.pk).delete()
