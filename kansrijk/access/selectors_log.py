"""Reads of the NEN 7513 access log and of the break-the-glass review, for coordinators.

Shared by the pages (kansrijk/access/views_log.py) and the API
(kansrijk/families/api_privacy.py), so that both search the same events in the same way.
A coordinator sees only events about the families of the coalition they coordinate; reading
the log is itself logged, by the caller (`access_log_search_record`).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessEvent, BreakTheGlass
from .policy import family_model, professional_coalition_ids

# The log is kept five years (NEN 7513); queries are always bounded by time, so that a
# monthly partitioned table only reads the partitions it needs.
RETENTION = timedelta(days=5 * 366)
# The "ground" filter's value for refused accesses (no ground held).
REFUSED = "geweigerd"
# The review list's filter: still to review (""), reviewed, or all.
REVIEW_OPEN, REVIEW_DONE, REVIEW_ALL = "", "beoordeeld", "alle"


# A day asked is kept within these years: no event is older or newer, and the far ends of
# the calendar (year 1, year 9999) overflow when turned into a time in UTC.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(9000, 12, 31)


def _day_start(day) -> datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(*, coalition, filters: dict) -> QuerySet[AccessEvent]:
    """The events about families of `coalition` that match the search form's `filters`
    (keys `van`, `tot`, `gebruiker`, `dossiernummer`, `grondslag`, `handeling`; empty values
    are ignored), newest first, with the family joined for its reference.

    The event's own coalition column is matched as well as its family's coalition (they are
    the same: an event about a family is written with the family's coalition): the
    (coalition, -timestamp) index then serves the query, and the time bound limits it to the
    months asked.
    """
    since = _day_start(filters["van"]) if filters.get("van") else timezone.now() - RETENTION
    events = AccessEvent.objects.filter(
        coalition=coalition, family__coalition=coalition, timestamp__gte=since
    ).select_related("family")
    if filters.get("tot"):
        end = min(filters["tot"], LATEST_DAY) + timedelta(days=1)
        events = events.filter(timestamp__lt=_day_start(end))
    if filters.get("gebruiker"):
        events = events.filter(user__username__iexact=filters["gebruiker"].strip())
    if filters.get("dossiernummer"):
        events = events.filter(family__reference__iexact=filters["dossiernummer"].strip())
    if filters.get("grondslag") == REFUSED:
        events = events.filter(authorisation=False)
    elif filters.get("grondslag"):
        events = events.filter(ground=filters["grondslag"])
    if filters.get("handeling"):
        events = events.filter(action=filters["handeling"])
    return events.order_by("-timestamp", "-id")


def access_log_search_summary(filters: dict) -> str:
    """The search as the access event records it: which filters were used."""
    parts = [f"{name}={value}" for name, value in filters.items() if value not in ("", None)]
    return _("Toegangslog doorzocht") + (f" ({', '.join(parts)})" if parts else "")


def break_the_glass_for_review(*, coalition, status: str = REVIEW_OPEN) -> QuerySet:
    """The emergency accesses of `coalition`, newest first: still to review (`""`, the
    default), reviewed (`"beoordeeld"`) or all (`"alle"`). The professional, the family
    (for its reference) and the reviewer are joined, as every row shows them."""
    glasses = BreakTheGlass.objects.filter(coalition=coalition).select_related(
        "user", "family", "reviewed_by"
    )
    if status == REVIEW_OPEN:
        glasses = glasses.filter(reviewed_at__isnull=True)
    elif status == REVIEW_DONE:
        glasses = glasses.filter(reviewed_at__isnull=False)
    return glasses.order_by("-started_at", "-id")


def family_to_break_the_glass(*, user, pk: int):
    """Family `pk` if it is of a coalition where `user` works as professional, else None.

    Only its id and coalition are read: whoever breaks the glass has no ground yet. One query.
    """
    return (
        family_model()
        .objects.filter(pk=pk, coalition_id__in=professional_coalition_ids(user))
        .only("pk", "coalition_id")
        .first()
    )


def family_by_reference(*, coalition, reference: str):
    """The family of `coalition` with this reference (dossiernummer, any case), or None; only
    its id is read."""
    return (
        family_model()
        .objects.filter(coalition=coalition, reference__iexact=reference)
        .only("pk")
        .first()
    )
