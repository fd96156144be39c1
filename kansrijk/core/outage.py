"""A clear 503 while the database is unreachable, instead of a 500 (issue 13, faults).

When PostgreSQL restarts or the connection breaks, Django raises `OperationalError` or
`InterfaceError` wherever the request first touches the database: in a view, or already in
a middleware that loads the session. Django turns an exception in any layer into a 500 by
calling the project's `handler500` (`kansrijk.core.views.server_error`). The error is
recognised where Django reports it (the `got_request_exception` signal, sent while the
exception is being handled, just before the handler runs) and noted on the request; the
handler then answers a 503 with `Retry-After` instead: a Dutch page rendered without the
request (its context processors would ask the database again), or under the API a problem
detail.

Nothing else is needed to recover: Django closes a broken connection at the end of the
request (its error flag is set), and `DATABASE_CONN_HEALTH_CHECKS` checks a kept connection
before the next request uses it, so the first request after the database is back succeeds.
No write is half done: every service writes in a transaction, which the database rolls
back when the connection breaks.
"""

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# Seconds a client is asked to wait: a PostgreSQL restart takes a few seconds.
RETRY_AFTER = 5
OUTAGE_ERRORS = (OperationalError, InterfaceError)
DETAIL = _("De database is even niet bereikbaar. Probeer het over een paar seconden opnieuw.")
_FLAG = "_kansrijk_database_outage"


@receiver(got_request_exception, dispatch_uid="kansrijk.core.outage")
def _note_database_outage(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OUTAGE_ERRORS):
        setattr(request, _FLAG, True)


def is_database_outage(request) -> bool:
    """Whether this request failed because the database could not be reached."""
    return getattr(request, _FLAG, False)


def database_unavailable(request) -> HttpResponse:
    """The 503 answer: a problem detail under the API, a Dutch page elsewhere."""
    # Imported here: api_errors imports DRF, whose settings import the API authentication.
    from .api_errors import _is_api_path, problem_http_response

    if _is_api_path(request.path):
        response = problem_http_response(request, status=503, detail=DETAIL)
    else:
        # Rendered without a request: the context processors would ask the database.
        html = render_to_string("core/database_unavailable.html", {"retry_after": RETRY_AFTER})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
