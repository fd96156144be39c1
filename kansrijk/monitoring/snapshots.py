"""The kept figures (`IndicatorSnapshot`): read, stored, marked stale and recomputed.

- A snapshot holds the raw cells of one indicator for one coalition (or one of its
  municipalities) and period, with the indicator's version it was computed with.
- A write to the data the indicators read marks every snapshot of that coalition stale with
  one UPDATE (`mark_coalition_stale`, from signals.py); when that marked any, the background
  task (`tasks.recompute_stale`) is enqueued once the transaction commits. Writes never
  recompute anything themselves.
- A reader gets a stale snapshot as it is (it says so) while the task recomputes it.
- A period that is not over yet (it runs up to today or later) changes by itself as days
  pass (phases, due dates), so its snapshots count as stale after `LIVE_MAX_AGE` too.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from . import indicators as registry
from .indicators import Cell, Indicator, Scope
from .models import IndicatorSnapshot
from .periods import Period, PeriodError

LIVE_MAX_AGE = timedelta(minutes=15)


# --- Cells as JSON -----------------------------------------------------------------------------


def cell_to_json(cell: Cell) -> dict:
    return {
        "key": cell.key,
        "label": str(cell.label),
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "value": None if cell.value is None else str(cell.value),
    }


def cell_from_json(data: dict) -> Cell:
    value = data.get("value")
    return Cell(
        key=data["key"],
        label=data.get("label", ""),
        numerator=data.get("numerator"),
        denominator=data.get("denominator"),
        value=None if value is None else Decimal(value),
    )


def cells_of(snapshot: IndicatorSnapshot) -> list[Cell]:
    return [cell_from_json(cell) for cell in snapshot.cells]


# --- Reading and storing -----------------------------------------------------------------------


def of_scope(scope: Scope, period: Period) -> QuerySet[IndicatorSnapshot]:
    rows = IndicatorSnapshot.objects.filter(coalition_id=scope.coalition_id, period=period.code)
    if scope.municipality_id is None:
        return rows.filter(municipality__isnull=True)
    return rows.filter(municipality_id=scope.municipality_id)


def read_many(nodes, codes: list[str]) -> dict[tuple, dict[str, IndicatorSnapshot]]:
    """`read` for several (scope, period) pairs of one coalition, in one query."""
    if not nodes:
        return {}
    coalitions = {scope.coalition_id for scope, _period in nodes}
    municipalities = {scope.municipality_id for scope, _period in nodes}
    rows = IndicatorSnapshot.objects.filter(
        coalition_id__in=coalitions,
        period__in={period.code for _scope, period in nodes},
        indicator__in=codes,
    )
    places = Q(municipality_id__in=municipalities - {None})
    if None in municipalities:
        places |= Q(municipality__isnull=True)
    found: dict[tuple, dict[str, IndicatorSnapshot]] = {}
    wanted = {(scope.coalition_id, scope.municipality_id, period.code) for scope, period in nodes}
    periods = {period.code: period for _scope, period in nodes}
    for row in rows.filter(places):
        if (row.coalition_id, row.municipality_id, row.period) in wanted:
            scope = Scope(row.coalition_id, row.municipality_id)
            found.setdefault((scope, periods[row.period]), {})[row.indicator] = row
    return found


def is_live(period: Period, today: date | None = None) -> bool:
    """The period is not over yet: its figures change as days pass."""
    return period.last >= (today or timezone.localdate())


def is_outdated(snapshot: IndicatorSnapshot, period: Period, now: datetime) -> bool:
    """Not marked stale, but computed too long ago for a period that is still running."""
    return (
        not snapshot.stale
        and is_live(period, timezone.localdate(now))
        and now - snapshot.computed_at > LIVE_MAX_AGE
    )


def store(
    scope: Scope,
    period: Period,
    computed: list[tuple[Indicator, list[Cell]]],
    existing: dict[str, IndicatorSnapshot],
    *,
    computed_at: datetime,
) -> None:
    """Upsert freshly computed cells: update the rows that exist (another version), create
    the others in one INSERT; when a concurrent reader created one first, update that row."""
    new = []
    for indicator, cells in computed:
        fields = {
            "indicator_version": indicator.version,
            "cells": [cell_to_json(cell) for cell in cells],
            "computed_at": computed_at,
            "stale": False,
        }
        if indicator.code in existing:
            IndicatorSnapshot.objects.filter(pk=existing[indicator.code].pk).update(**fields)
        else:
            new.append(
                IndicatorSnapshot(
                    coalition_id=scope.coalition_id,
                    municipality_id=scope.municipality_id,
                    period=period.code,
                    indicator=indicator.code,
                    **fields,
                )
            )
    if not new:
        return
    try:
        with transaction.atomic():
            IndicatorSnapshot.objects.bulk_create(new)
    except IntegrityError:
        for row in new:
            fields = {
                "indicator_version": row.indicator_version,
                "cells": row.cells,
                "computed_at": row.computed_at,
                "stale": False,
            }
            kept = of_scope(scope, period).filter(indicator=row.indicator)
            if not kept.update(**fields):
                with transaction.atomic():
                    row.save()


# --- Staleness and recomputation -----------------------------------------------------------


def _enqueue(coalition_id: int) -> None:
    from .tasks import recompute_stale

    # robust: a failing queue must not undo or break the write that triggered it.
    transaction.on_commit(lambda: recompute_stale.enqueue(coalition_id), robust=True)


def mark_coalition_stale(coalition_id: int) -> int:
    """Mark the coalition's snapshots stale (one UPDATE, only rows not stale yet) and, when
    that marked any, enqueue their recomputation after the commit."""
    marked = IndicatorSnapshot.objects.filter(coalition_id=coalition_id, stale=False).update(
        stale=True
    )
    if marked:
        _enqueue(coalition_id)
    return marked


def mark_stale_where(coalitions: QuerySet) -> int:
    """As `mark_coalition_stale` for the coalition a subquery names (a row whose coalition
    is one join away), still one UPDATE; the coalition is looked up only when rows were
    marked, to enqueue the task."""
    marked = IndicatorSnapshot.objects.filter(coalition_id__in=coalitions, stale=False).update(
        stale=True
    )
    if marked:
        for coalition_id in set(coalitions):
            _enqueue(coalition_id)
    return marked


def mark_rows_stale(coalition_id: int, pks: list[int]) -> int:
    """Mark these (outdated) snapshots stale and enqueue their recomputation."""
    marked = IndicatorSnapshot.objects.filter(pk__in=pks, stale=False).update(stale=True)
    if marked:
        _enqueue(coalition_id)
    return marked


def recompute_stale_snapshots(coalition_id: int) -> int:
    """Recompute the coalition's stale snapshots; the number recomputed.

    The rows are claimed first (stale back to False), then computed: a write that lands
    while they are computed marks them stale again and enqueues another run, so no change
    is lost. A snapshot of an indicator that no longer exists (or of a period that no longer
    parses) is removed.
    """
    rows = list(
        IndicatorSnapshot.objects.filter(coalition_id=coalition_id, stale=True).values_list(
            "pk", "municipality_id", "period", "indicator"
        )
    )
    if not rows:
        return 0
    IndicatorSnapshot.objects.filter(pk__in=[row[0] for row in rows], stale=True).update(
        stale=False
    )
    gone, done = [], 0
    for pk, municipality_id, code, indicator_code in rows:
        try:
            indicator = registry.get(indicator_code)
            period = Period.parse(code)
        except (KeyError, PeriodError):
            gone.append(pk)
            continue
        started = timezone.now()
        cells = indicator.cells(Scope(coalition_id, municipality_id), period)
        IndicatorSnapshot.objects.filter(pk=pk).update(
            indicator_version=indicator.version,
            cells=[cell_to_json(cell) for cell in cells],
            computed_at=started,
        )
        done += 1
    if gone:
        IndicatorSnapshot.objects.filter(pk__in=gone).delete()
    return done
