"""What every page shows about the logged-in professional's access and notifications.

Both values are lazy: a page (or an htmx partial) that does not show them costs no query,
and one that does costs exactly one query each, however many accesses or notifications.
"""

from django.db.models import Count, DateTimeField
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from kansrijk.core.compiled import CompiledQuery, totals
from kansrijk.core.expressions import Slot
from kansrijk.core.models import Notification
from kansrijk.core.reversing import reverse

from .models import BreakTheGlass


def _logged_in(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


_RUNNING = CompiledQuery(
    lambda: (
        BreakTheGlass.objects.active(Slot("now", DateTimeField()))
        .filter(user_id=Slot("user"))
        .select_related("family")
        .only("expires_at", "family__reference")
        .order_by("expires_at", "pk")
    )
)


def break_the_glass_banner(request):
    """The running emergency accesses of the user, for the banner above every page."""
    user = _logged_in(request)
    if user is None:
        return {}

    def running():
        # One query, compiled once; the family is joined for its reference.
        glasses = _RUNNING.run(user=user.pk, now=timezone.now())
        return [
            {
                "reference": glass.family.reference,
                "url": reverse("families:detail", args=[glass.family_id]),
                "expires_at": glass.expires_at,
            }
            for glass in glasses
        ]

    return {"active_break_the_glass": SimpleLazyObject(running)}


def unread_notifications(request):
    """The number of unread notifications, for the link in the header."""
    user = _logged_in(request)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: _UNREAD.first(user=user.pk)["count"])}


# One query on every page, compiled once.
_UNREAD = CompiledQuery(
    lambda: totals(
        Notification.objects.filter(recipient_id=Slot("user")).unread(), count=Count("*")
    )
)
