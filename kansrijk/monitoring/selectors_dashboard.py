"""What the coalition's dashboard, its exports and its report show: per indicator the
suppressed table of the period, the comparison with the previous period and a monthly trend.

Everything is read through `figures` (the one door) and protected by `protection` (small
numbers hidden, also between municipalities and periods) before any template or export sees
it: no raw cell leaves this module. The cost does not depend on the number of families: the
kept figures of every table needed (the period, the previous one, the trend's months, and
their municipalities and months) are read in one query; a table not kept yet is computed
with aggregate queries and kept.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone

from kansrijk.organisations.models import Municipality

from . import charts
from . import indicators as registry
from .indicators import Cell, Indicator, Scope
from .periods import Period
from .protection import cached_with_key, protector
from .suppression import (
    NOT_SHOWN,
    ComparedRow,
    Shown,
    ShownTable,
    compare,
    headline_number,
)

TREND_MONTHS = 12


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    shown: Shown


@dataclass
class IndicatorView:
    indicator: Indicator
    table: ShownTable
    previous: ShownTable
    comparison: list[ComparedRow]
    trend: list[TrendPoint]
    counted: bool  # whether any family counts in the period or the trend
    stale: bool = False  # the period's figures come from a snapshot being recomputed

    @cached_property
    def chart(self) -> dict:
        """The trend as an SVG chart's geometry: computed when a page renders it (not when
        the page's indicators come from the fragment cache)."""
        return charts.trend_chart(
            self.trend,
            title=self.indicator.title,
            unit=_unit(self.indicator),
            code=self.indicator.code,
        )

    @property
    def rows(self) -> list[tuple]:
        """Each shown cell with its comparison (`compare` keeps the order of the cells)."""
        return list(zip(self.table.cells, self.comparison, strict=False))

    @property
    def total_row(self) -> ComparedRow | None:
        if self.table.total is None or len(self.comparison) <= len(self.table.cells):
            return None
        return self.comparison[-1]


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    previous: Period
    views: list[IndicatorView] = field(default_factory=list)
    # What the figures shown come from (`protection.cached_with_key`): the page keeps its
    # rendered indicators under it, as long as the figures themselves.
    cache_key: str = ""

    @property
    def groups(self) -> list[tuple[str, list[IndicatorView]]]:
        grouped: dict[str, list[IndicatorView]] = {}
        for view in self.views:
            grouped.setdefault(view.indicator.group, []).append(view)
        return list(grouped.items())

    @property
    def counted(self) -> bool:
        return any(view.counted for view in self.views)


def coalition_municipalities(coalition_id: int) -> list[Municipality]:
    return list(Municipality.objects.filter(coalition_id=coalition_id).order_by("name"))


def default_period(today: date | None = None) -> Period:
    """The last full quarter."""
    return Period.quarter_of(today or timezone.localdate()).previous()


def recent_periods(today: date | None = None) -> dict[str, list[Period]]:
    """The periods the filter offers: the last eight quarters, twelve months and three years."""
    today = today or timezone.localdate()
    quarters, quarter = [], Period.quarter_of(today)
    for _index in range(8):
        quarters.append(quarter)
        quarter = quarter.previous()
    months, month = [], Period.parse(f"{today.year}-{today.month:02d}")
    for _index in range(12):
        months.append(month)
        month = month.previous()
    years = [Period.parse(str(today.year - offset)) for offset in range(3)]
    return {"quarters": quarters, "months": months, "years": years}


def trend_months(period: Period) -> list[Period]:
    """The twelve months up to and including the period's last month."""
    month = Period.parse(f"{period.last.year}-{period.last.month:02d}")
    months = [month]
    for _index in range(TREND_MONTHS - 1):
        month = month.previous()
        months.append(month)
    return months[::-1]


def headline_key(indicator: Indicator, cells: list[Cell]) -> str | None:
    """The cell a trend follows: `extra["headline"]`, a distribution's total, else the first."""
    if indicator.extra.get("headline"):
        return indicator.extra["headline"]
    if indicator.kind == "distribution":
        return None
    return cells[0].key if cells else None


def _counted(cells: list[Cell]) -> bool:
    return any(cell.numerator or cell.denominator for cell in cells)


def trend_figure(indicator: Indicator, table: ShownTable) -> Shown:
    """The figure a trend follows in a month's shown table: a distribution's total, else the
    headline cell's percentage (a share), value (a median) or count."""
    if indicator.kind == "distribution":
        return table.total or NOT_SHOWN
    key = headline_key(indicator, [Cell(cell.key, cell.label) for cell in table.cells])
    cell = next((cell for cell in table.cells if cell.key == key), None)
    return headline_number(cell)


def periods_shown(period: Period, today: date) -> list[Period]:
    """The periods a dashboard of `period` shows: the period, the previous one and the
    trend's months that have begun (nothing can count in a month that has not)."""
    begun = [month for month in trend_months(period) if month.first <= today]
    return [period, period.previous(), *begun]


def warm(coalition_id: int, *, today: date | None = None) -> int:
    """Compute and keep the figures the coalition's default dashboard needs (every table of
    their blocks, see `protection`) that are not kept yet; the number of snapshots made.
    Run in the background (tasks.py), so that the first visitor does not wait for them."""
    from .models import IndicatorSnapshot

    today = today or timezone.localdate()
    kept = IndicatorSnapshot.objects.filter(coalition_id=coalition_id)
    before = kept.count()
    protector(Scope(coalition_id), today=today).load(periods_shown(default_period(today), today))
    return kept.count() - before


@dataclass(frozen=True)
class _Shown:
    """What the dashboard shows of one indicator, as kept in the cache."""

    table: ShownTable
    previous: ShownTable
    trend: list[TrendPoint]
    counted: bool
    stale: bool


def _shown(scope: Scope, period: Period, today: date) -> dict[str, _Shown]:
    previous = period.previous()
    months = trend_months(period)
    begun = [month for month in months if month.first <= today]
    tables = protector(scope, today=today)
    tables.load(periods_shown(period, today))
    stale = tables.stale((scope, period))
    shown = {}
    for indicator in registry.indicators():
        trend = [
            TrendPoint(
                month,
                trend_figure(indicator, tables.table((scope, month), indicator))
                if month in begun
                else NOT_SHOWN,
            )
            for month in months
        ]
        shown[indicator.code] = _Shown(
            table=tables.table((scope, period), indicator),
            previous=tables.table((scope, previous), indicator),
            trend=trend,
            counted=any(
                _counted(tables.raw(node, indicator))
                for node in [(scope, period), *((scope, month) for month in begun)]
            ),
            stale=indicator.code in stale,
        )
    return shown


def dashboard(scope: Scope, period: Period, *, today: date | None = None) -> Dashboard:
    """The dashboard of a scope and period (see the module's docstring); what it shows is
    kept in the cache (`protection.cached_with_key`), and the page keeps its rendered
    indicators under the same key (`Dashboard.cache_key`)."""
    today = today or timezone.localdate()
    shown, key = cached_with_key(
        ("dashboard", scope, period, today), lambda: _shown(scope, period, today)
    )
    result = Dashboard(scope=scope, period=period, previous=period.previous(), cache_key=key)
    for indicator in registry.indicators():
        part = shown.get(indicator.code)
        if part is None:
            continue
        result.views.append(
            IndicatorView(
                indicator=indicator,
                table=part.table,
                previous=part.previous,
                comparison=compare(part.table, part.previous),
                trend=part.trend,
                counted=part.counted,
                stale=part.stale,
            )
        )
    return result


def _unit(indicator: Indicator) -> str:
    if indicator.kind == "share":
        return "%"
    if indicator.kind == "median":
        return indicator.unit
    return ""
