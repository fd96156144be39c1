"""Reads of the improvement agreements (verbeterafspraken) of a coalition.

Agreements are coalition data without families: coordinators and analysts of the coalition
read them (the views check who may). `open_agreements` is what the klantroute shows beside
each cell; `agreement_list` backs the list page; `report_agreements` the governance report.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OPEN_STATUSES, Agreement, AgreementStatus

# The governance report lists agreements finished (done or cancelled) this long ago at most.
RECENTLY_FINISHED_DAYS = 90
SORTS = {"datum": ("due_date", "pk"), "-datum": ("-due_date", "-pk")}


def _for_municipality(queryset: QuerySet, municipality) -> QuerySet:
    """An agreement without a municipality is about every municipality of the coalition."""
    if municipality is None:
        return queryset
    municipality_id = getattr(municipality, "pk", municipality)
    return queryset.filter(Q(municipality_id=municipality_id) | Q(municipality__isnull=True))


def open_agreements(
    coalition, target_group: str, municipality=None
) -> dict[tuple[str, str], list[Agreement]]:
    """The open and in-progress agreements of the coalition for one target group, grouped by
    (phase, need), earliest due date first; with `municipality`, only those about it or about
    every municipality. One query (the municipality joined for its name)."""
    queryset = Agreement.objects.filter(
        coalition_id=getattr(coalition, "pk", coalition),
        target_group=target_group,
        status__in=OPEN_STATUSES,
    ).select_related("municipality")
    grouped: dict[tuple[str, str], list[Agreement]] = defaultdict(list)
    for agreement in _for_municipality(queryset, municipality).order_by("due_date", "pk"):
        grouped[(agreement.phase, agreement.need)].append(agreement)
    return dict(grouped)


def agreement_list(
    coalition,
    *,
    target_group: str = "",
    status: str = "",
    municipality=None,
    sort: str = "datum",
) -> QuerySet[Agreement]:
    """The coalition's agreements, filtered; the municipality and the author joined (the list
    shows both), so a page costs one query besides its count."""
    queryset = Agreement.objects.filter(coalition=coalition).select_related(
        "municipality", "updated_by"
    )
    if target_group:
        queryset = queryset.filter(target_group=target_group)
    if status:
        queryset = queryset.filter(status=status)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset.order_by(*SORTS.get(sort, SORTS["datum"]))


def is_overdue(agreement: Agreement, today: date | None = None) -> bool:
    return agreement.is_open and agreement.due_date < (today or timezone.localdate())


def report_agreements(coalition, municipality=None, *, today: date | None = None) -> dict:
    """The open agreements and those finished in the last `RECENTLY_FINISHED_DAYS` days, for
    the governance report (one query)."""
    today = today or timezone.localdate()
    since = timezone.now() - timedelta(days=RECENTLY_FINISHED_DAYS)
    queryset = _for_municipality(
        Agreement.objects.filter(coalition=coalition).filter(
            Q(status__in=OPEN_STATUSES)
            | Q(
                status__in=(AgreementStatus.DONE, AgreementStatus.CANCELLED),
                updated_at__gte=since,
            )
        ),
        municipality,
    ).select_related("municipality")
    open_rows, finished = [], []
    for agreement in queryset.order_by("due_date", "pk"):
        agreement.overdue = is_overdue(agreement, today)
        (open_rows if agreement.is_open else finished).append(agreement)
    return {"open": open_rows, "finished": finished, "days": RECENTLY_FINISHED_DAYS}
