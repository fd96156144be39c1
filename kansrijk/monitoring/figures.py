"""The figures of a scope and period: every registered indicator's raw cells.

This is the one door the dashboard, the exports, the API and the federation read through;
whether the cells come fresh from the database or from a kept snapshot is decided here
(snapshots.py has the rules):

- the kept snapshots of the scope and period (or of several: `figures_many`) are read in
  one query;
- an indicator without a snapshot, or whose snapshot was computed with another version of
  its definition, is computed now and kept;
- a stale snapshot is served as it is (its code is in `Figures.stale`) while the background
  task recomputes it; in a period that is still running, a snapshot older than
  `snapshots.LIVE_MAX_AGE` is marked stale here and served the same way.
"""

from django.utils import timezone

from . import indicators as registry
from . import snapshots
from .indicators import Cell, Scope
from .periods import Period


class Figures(dict):
    """{indicator code: raw cells}, in the dashboard's order, plus `stale`: the codes whose
    cells come from a snapshot that is being recomputed (the data changed since)."""

    stale: frozenset[str] = frozenset()


def figures(scope: Scope, period: Period, *, codes=None) -> Figures:
    """{indicator code: raw cells} for the scope and period, in the dashboard's order."""
    return figures_many([(scope, period)], codes=codes)[(scope, period)]


def figures_many(nodes, *, codes=None) -> dict[tuple[Scope, Period], Figures]:
    """`figures` of several (scope, period) pairs of one coalition: the kept snapshots of all
    of them are read in one query."""
    nodes = list(dict.fromkeys(nodes))
    wanted = [i for i in registry.indicators() if codes is None or i.code in codes]
    kept_by_node = snapshots.read_many(nodes, [indicator.code for indicator in wanted])
    now = timezone.now()
    found = {}
    for scope, period in nodes:
        kept = kept_by_node.get((scope, period), {})
        result, stale, outdated, computed = Figures(), set(), [], []
        for indicator in wanted:
            snapshot = kept.get(indicator.code)
            if snapshot is None or snapshot.indicator_version != indicator.version:
                cells = indicator.cells(scope, period)
                computed.append((indicator, cells))
            else:
                cells = snapshots.cells_of(snapshot)
                if snapshot.stale:
                    stale.add(indicator.code)
                elif snapshots.is_outdated(snapshot, period, now):
                    stale.add(indicator.code)
                    outdated.append(snapshot.pk)
            result[indicator.code] = cells
        if computed:
            codes_computed = {indicator.code for indicator, _cells in computed}
            stored = {code: row for code, row in kept.items() if code in codes_computed}
            snapshots.store(scope, period, computed, stored, computed_at=now)
        if outdated:
            snapshots.mark_rows_stale(scope.coalition_id, outdated)
        result.stale = frozenset(stale)
        found[(scope, period)] = result
    return found


__all__ = ["Cell", "Figures", "Scope", "figures", "figures_many"]
