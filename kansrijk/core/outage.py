"""A clear 503 while the database is unreachable, instead of a 500 (issue 13, faults).

When PostgreSQL restarts or the connection breaks, Django raises `OperationalError` or
`InterfaceError` wherever the request first touches the database: in a view, or already in
a middleware that loads the session. Django turns an exception in any layer into a 500
before an outer middleware sees it, so the error is recognised where Django reports it
(the `got_request_exception` signal, sent while the exception is being handled) and a
middleware in front of the session swaps that 500 for a 503 with `Retry-After`: a Dutch
page that needs no database, or under the API a problem detail.

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
from django.urls import set_urlconf
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
        # The project's `handler500` renders with the request, whose context processors ask
        # the database again and would fail once more. For this request only, Django takes
        # the 500 handler from this module instead (see `handler500` below); the next
        # request starts with ROOT_URLCONF again (BaseHandler.get_response sets it).
        set_urlconf(__name__)


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


class DatabaseOutageMiddleware:
    """In front of the session: a 500 caused by an unreachable database becomes a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500 and getattr(request, _FLAG, False):
            return database_unavailable(request)
        return response


# Used as the URL configuration only while Django handles a database error (see
# `_note_database_outage`): no URLs, just the 500 handler, which answers the 503.
urlpatterns = []


def server_error(request):
    return database_unavailable(request)


handler500 = f"{__name__}.server_error"
