"""What every page shows about the logged-in professional's access and notifications.

Both values are lazy and read together: a page (or an htmx partial) that shows neither costs
no query, and one that shows them costs exactly one, however many accesses or
notifications. A page that reads its own data together (`kansrijk.core.together`) may ask
that one query with its own (`header_reads`).
"""

from django.db.models import DateTimeField, F, FilteredRelation, OuterRef, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot, subquery_count
from kansrijk.core.models import Notification
from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader, read_now
from kansrijk.organisations.models import Professional


def _logged_in(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _header(request, user) -> dict:
    """The user's unread notifications and running emergency accesses, read together once
    per request (both context processors ask; whichever asks first reads them)."""
    found = getattr(request, "_kansrijk_header", None)
    if found is None:
        found = read_now(header_reads(request, user))
    return found


def header_reads(request, user=None) -> Reader:
    """A reader (`kansrijk.core.together`) of what the header shows, kept on the request
    for the context processors: a page that reads its own data together can ask the
    header's query in the same round trip. Asks nothing when it was read already or nobody
    is logged in."""
    user = user or _logged_in(request)
    found = getattr(request, "_kansrijk_header", None)
    if user is None or found is not None:
        return found
    asked = _HEADER.ask(user=user.pk, now=timezone.now())
    yield
    rows = asked.rows()
    request._kansrijk_header = {
        "unread": rows[0]["unread"] if rows else 0,
        "running": [
            {
                "reference": row["reference"],
                "url": reverse("families:detail", args=[row["family_id"]]),
                "expires_at": row["expires_at"],
            }
            for row in rows
            if row["family_id"] is not None
        ],
    }
    return request._kansrijk_header


def break_the_glass_banner(request):
    """The running emergency accesses of the user, for the banner above every page."""
    user = _logged_in(request)
    if user is None:
        return {}
    return {"active_break_the_glass": SimpleLazyObject(lambda: _header(request, user)["running"])}


def unread_notifications(request):
    """The number of unread notifications, for the link in the header."""
    user = _logged_in(request)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: _header(request, user)["unread"])}


# One query on every page, compiled once: the professional's row with the number of unread
# notifications, joined to each running emergency access (started, not yet expired) and its
# family's reference; one row with empty access columns when none runs.
_HEADER = CompiledQuery(
    lambda: (
        Professional.objects.filter(pk=Slot("user"))
        .annotate(
            running=FilteredRelation(
                "broken_glasses",
                condition=Q(
                    broken_glasses__started_at__lte=Slot("now", DateTimeField()),
                    broken_glasses__expires_at__gt=Slot("now", DateTimeField()),
                ),
            ),
            unread=subquery_count(
                Notification.objects.filter(recipient_id=OuterRef("pk")).unread(),
                "recipient_id",
            ),
        )
        .values(
            "unread",
            family_id=F("running__family_id"),
            reference=F("running__family__reference"),
            expires_at=F("running__expires_at"),
        )
        .order_by("running__expires_at", "running__pk")
    )
)
