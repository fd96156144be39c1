"""Small numbers hidden between tables: across municipalities and across periods.

`suppression.suppress` protects one table. But tables add up: a family counts in the
municipality where it lives now, so a coalition's count is the sum of the same count in its
municipalities; and for an indicator that counts events dated in the period (`additive`: a
pregnancy signalled, a handover proposed, a referral sent), a quarter's count is the sum of
its months' and a year's the sum of its quarters'. Without more, a count hidden in one
municipality (or month) would be the coalition's (or quarter's) count minus the others.

So the tables of one coalition are protected together, per indicator, in a block: every
scope (the coalition and each of its municipalities) times every period (for an additive
indicator all periods of the year that have begun: the year, its quarters and months; for
the others only the period asked for). Each table is first protected on its own; then each
sum (a "line": the whole and its parts, for each count of the table) is checked as
`suppression.protect` checks a distribution, and where a hidden part would have only one
possible value, the smallest shown part is hidden as well ("x"); only when no part is left
to hide is the whole hidden. A whole that is hidden while all its parts are shown would be
their sum: then the smallest part is hidden too. A table in which a count is hidden this way
is protected again (its own total and cells). This repeats until nothing changes; it only
ever hides more, so it ends.

The result depends on the block alone, not on which table was asked for: the dashboard, an
export, the API and a published document show each table the same way. Months that have not
begun are not computed; what the begun parts leave of a whole is taken as known.

What is not covered: the lines are checked one at a time, each with the bounds a reader
knows from that line ("<10": 0..9, "x": 10 or more), not as one system of equations; and an
indicator that is not additive over time has no exact sum between periods to check (a
quarter of a state at the end of the period equals its last month, and is shown the same
way, being computed the same way).
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import get_language

from kansrijk.organisations.models import Municipality

from . import indicators as registry
from .figures import figures_many
from .indicators import Indicator, Scope
from .models import IndicatorSnapshot
from .periods import Period
from .snapshots import LIVE_MAX_AGE
from .suppression import (
    COMPLEMENTARY,
    ShownTable,
    count_parts,
    exposed,
    shown_parts,
    suppress,
    translated,
)

Node = tuple[Scope, Period]


def period_parts(period: Period) -> list[Period]:
    """The periods that add up to `period`: a year's quarters, a quarter's months."""
    if period.kind == "year":
        return [Period.quarter_of(date(period.first.year, month, 1)) for month in (1, 4, 7, 10)]
    if period.kind == "quarter":
        return period.months()
    return []


@dataclass
class Protector:
    """The shown tables of one coalition (see the module's docstring), each computed once."""

    coalition_id: int
    municipality_ids: list[int]
    today: date

    def __post_init__(self) -> None:
        self._raw: dict[Node, dict] = {}
        self._stale: dict[Node, set] = {}
        self._shown: dict[tuple[Node, str], ShownTable] = {}

    # --- Which tables are needed -----------------------------------------------------------

    def _scopes(self) -> list[Scope]:
        coalition = Scope(self.coalition_id)
        return [coalition, *(Scope(self.coalition_id, m) for m in self.municipality_ids)]

    def _periods(self, period: Period, *, additive: bool) -> list[Period]:
        if not additive:
            return [period]
        year = Period.parse(str(period.first.year))
        periods = [year]
        for quarter in period_parts(year):
            periods.append(quarter)
            periods.extend(period_parts(quarter))
        begun = [p for p in periods if p.first <= self.today]
        return begun if period in begun else [*begun, period]

    def _block(self, period: Period, *, additive: bool) -> list[Node]:
        periods = self._periods(period, additive=additive)
        return [(scope, p) for scope in self._scopes() for p in periods]

    def load(self, periods: list[Period]) -> None:
        """Read (or compute) the raw figures of the blocks of these periods: two queries for
        the kept ones (the additive indicators, the others)."""
        for additive in (True, False):
            codes = [i.code for i in registry.indicators() if i.additive == additive]
            if not codes:
                continue
            nodes = list(
                dict.fromkeys(
                    node for period in periods for node in self._block(period, additive=additive)
                )
            )
            missing = [node for node in nodes if codes[0] not in self._raw.get(node, {})]
            if not missing:
                continue
            for node, found in figures_many(missing, codes=codes).items():
                self._raw.setdefault(node, {}).update(found)
                self._stale.setdefault(node, set()).update(found.stale)

    def raw(self, node: Node, indicator: Indicator) -> list:
        if indicator.code not in self._raw.get(node, {}):
            self.load([node[1]])
        return self._raw[node][indicator.code]

    def stale(self, node: Node) -> frozenset[str]:
        """The codes whose figures of `node` come from a snapshot being recomputed."""
        return frozenset(self._stale.get(node, ()))

    # --- The tables ------------------------------------------------------------------------

    def table(self, node: Node, indicator: Indicator) -> ShownTable:
        if (node, indicator.code) not in self._shown:
            self._settle(indicator, node[1])
        return self._shown[(node, indicator.code)]

    def tables(self, node: Node) -> dict[str, ShownTable]:
        self.load([node[1]])
        return {indicator.code: self.table(node, indicator) for indicator in registry.indicators()}

    def _lines(self, indicator: Indicator, nodes: list[Node]) -> list[tuple]:
        """Each whole with the parts that add up to it, within the block, and whether the
        whole rather than a part is hidden when a part would be given away: a year (its
        quarters are what a coalition reports on)."""
        present = set(nodes)
        lines = []
        for scope, period in nodes:
            if scope.municipality_id is None and self.municipality_ids:
                lines.append(
                    (
                        (scope, period),
                        [(Scope(scope.coalition_id, m), period) for m in self.municipality_ids],
                        False,
                    )
                )
            if indicator.additive:
                parts = [(scope, p) for p in period_parts(period) if (scope, p) in present]
                if parts:
                    lines.append(((scope, period), parts, period.kind == "year"))
        return lines

    def _settle(self, indicator: Indicator, period: Period) -> None:
        nodes = self._block(period, additive=indicator.additive)
        unit = str(indicator.unit)
        cells = {node: self.raw(node, indicator) for node in nodes}
        counts = {node: count_parts(cells[node], indicator.kind) for node in nodes}
        forced: dict[Node, set] = {node: set() for node in nodes}
        # Labels are translated once, at the end: the rule needs none.
        tables = {
            node: suppress(cells[node], indicator.kind, unit=unit, translate=False)
            for node in nodes
        }
        shown = {node: shown_parts(table) for node, table in tables.items()}

        def hide(node: Node, part_id) -> None:
            forced[node].add(part_id)
            tables[node] = suppress(
                cells[node],
                indicator.kind,
                unit=unit,
                hidden=frozenset(forced[node]),
                translate=False,
            )
            shown[node] = shown_parts(tables[node])

        lines = self._lines(indicator, nodes)
        changed = True
        while changed:
            changed = False
            for whole, parts, whole_first in lines:
                for part_id, total in counts[whole].items():
                    figure = shown[whole].get(part_id)
                    if figure is None:
                        continue
                    figures = [shown[part].get(part_id) for part in parts]
                    values = [counts[part].get(part_id, 0) for part in parts]
                    newly, whole_too = settle_line(
                        values, figures, total, figure.suppressed, whole_first=whole_first
                    )
                    for index in newly:
                        hide(parts[index], part_id)
                    if whole_too:
                        hide(whole, part_id)
                    changed = changed or bool(newly) or whole_too
        labels: dict[str, str] = {}
        for node in nodes:
            self._shown[(node, indicator.code)] = translated(tables[node], labels)


def settle_line(
    values: list[int], figures: list, total: int, total_hidden: bool, *, whole_first=False
):
    """(indices of parts to hide as well, whether to hide the whole) for one sum: `values`
    and `figures` (their `Shown`, None where a part lacks the count: a known 0) of the parts
    of a whole `total`; `whole_first`: hide the whole rather than a part."""
    reasons = [figure.reason if figure is not None else "" for figure in figures]
    hideable = [figure is not None and not figure.suppressed for figure in figures]
    newly = []
    if total_hidden:
        # The whole is hidden: the parts must not add up to it.
        if any(figure is not None for figure in figures) and not any(reasons):
            candidates = [index for index, can in enumerate(hideable) if can]
            newly.append(min(candidates, key=lambda index: (values[index], index)))
        return newly, False
    rest = total - sum(values)
    extra = [rest] if rest else []
    while exposed(values + extra, reasons + [""] * len(extra), total):
        if whole_first:
            return newly, True
        candidates = [i for i, can in enumerate(hideable) if can and not reasons[i]]
        if not candidates:
            return newly, True
        smallest = min(candidates, key=lambda index: (values[index], index))
        reasons[smallest] = COMPLEMENTARY
        newly.append(smallest)
    return newly, False


def protector(scope: Scope, *, today: date | None = None) -> Protector:
    """The protector of the scope's coalition (its block has all its municipalities, also
    when one municipality is asked for)."""
    municipalities = Municipality.objects.filter(coalition_id=scope.coalition_id)
    return Protector(
        scope.coalition_id,
        list(municipalities.order_by("pk").values_list("pk", flat=True)),
        today or timezone.localdate(),
    )


def shown_tables(scope: Scope, period: Period, *, today: date | None = None):
    """{indicator code: the shown table} of a scope and period, protected between tables."""
    return protector(scope, today=today).tables((scope, period))


# How long what a dashboard shows is kept at most (its key changes sooner when a figure does).
CACHE_SECONDS = int(LIVE_MAX_AGE.total_seconds())


def cached(what: tuple, make):
    """`make()` through the cache: see `cached_with_key`."""
    return cached_with_key(what, make)[0]


def cached_with_key(what: tuple, make) -> tuple:
    """(`make()`, its cache key): kept in the cache until a kept figure of the coalition
    changes (computed, recomputed, marked stale, removed) or the language or an indicator's
    definition does, and at most as long as a running period's figures may be outdated
    (`snapshots.LIVE_MAX_AGE`): a request then reads them again, which marks the outdated
    ones for recomputation. `what` starts with a name and holds the scope first after it;
    one aggregate query over the coalition's snapshots decides. What is made from the value
    alone (a page's rendered figures) may be kept under the same key."""
    scope = what[1]
    kept = IndicatorSnapshot.objects.filter(coalition_id=scope.coalition_id).aggregate(
        rows=Count("pk"), stale=Count("pk", filter=Q(stale=True)), latest=Max("computed_at")
    )
    latest = kept["latest"].timestamp() if kept["latest"] else 0
    definitions = ",".join(f"{i.code}.{i.version}" for i in registry.indicators())
    state = f"{what!r}:{get_language()}:{kept['rows']}:{kept['stale']}:{latest}:{definitions}"
    key = f"monitoring:{what[0]}:{hashlib.sha256(state.encode()).hexdigest()[:40]}"
    found = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, CACHE_SECONDS)
    return found, key


def cached_tables(scope: Scope, period: Period) -> tuple[dict[str, ShownTable], frozenset]:
    """({indicator code: shown table}, the codes being recomputed) of a scope and period,
    through the cache (`cached`): for the API."""

    def make():
        tables = protector(scope)
        tables.load([period])
        return tables.tables((scope, period)), tables.stale((scope, period))

    return cached(("tables", scope, period), make)
