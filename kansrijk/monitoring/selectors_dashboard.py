"""What the coalition's dashboard, its exports and its report show: per indicator the
suppressed table of the period, the comparison with the previous period and a monthly trend.

Everything is read through `figures` (the one door) and suppressed here, before any template
or export sees it: no raw cell leaves this module. The cost does not depend on the number of
families: `figures` computes each indicator with aggregate queries, once for the period, once
for the previous period and once per month of the trend.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone

from kansrijk.organisations.models import Municipality

from . import charts
from . import indicators as registry
from .figures import figures
from .indicators import Cell, Indicator, Scope
from .periods import Period
from .suppression import (
    COMPLEMENTARY,
    COMPLEMENTARY_TEXT,
    NOT_SHOWN,
    ComparedRow,
    Shown,
    ShownTable,
    compare,
    headline_number,
    protect,
    protect_series,
    shown_count,
    suppress,
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
    chart: dict
    counted: bool  # whether any family counts in the period or the trend
    stale: bool = False  # the period's figures come from a snapshot being recomputed

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


def _quarter_months(months: list[Period]) -> list[Period]:
    """The months of the whole quarters the trend touches: the complementary rule of a
    series works per calendar quarter, whose total can be asked for as a period."""
    first = Period.quarter_of(months[0].first).months()[0]
    last = Period.quarter_of(months[-1].first).months()[-1]
    wanted, month = [], first
    while month.first <= last.first:
        wanted.append(month)
        month = Period.parse(
            f"{month.first.year + (month.first.month == 12)}-{month.first.month % 12 + 1:02d}"
        )
    return wanted


def headline_key(indicator: Indicator, cells: list[Cell]) -> str | None:
    """The cell a trend follows: `extra["headline"]`, a distribution's total, else the first."""
    if indicator.extra.get("headline"):
        return indicator.extra["headline"]
    if indicator.kind == "distribution":
        return None
    return cells[0].key if cells else None


def _raw_headline(indicator: Indicator, cells: list[Cell]) -> Cell | None:
    """The raw cell a trend follows (a distribution: a cell with its total)."""
    if not cells:
        return None
    key = headline_key(indicator, cells)
    if key is None:
        denominators = {cell.denominator for cell in cells}
        total = (
            denominators.pop()
            if len(denominators) == 1 and None not in denominators
            else sum(cell.numerator or 0 for cell in cells)
        )
        return Cell("_total", "", numerator=total)
    return next((cell for cell in cells if cell.key == key), cells[0])


def _counted(cells: list[Cell]) -> bool:
    return any(cell.numerator or cell.denominator for cell in cells)


def _trend(
    indicator: Indicator, by_month: dict[Period, dict[str, list[Cell]]], months: list[Period]
) -> list[TrendPoint]:
    """The headline per month, suppressed: a count (or a distribution's total) with the
    quarter rule of `protect_series`, a share as its percentage only, a median as its value."""
    computed = list(by_month)
    raw = [_raw_headline(indicator, by_month[month].get(indicator.code, [])) for month in computed]
    counts = indicator.kind in ("count", "distribution") or all(
        cell is None or (cell.denominator is None and cell.value is None) for cell in raw
    )
    if counts:
        values = [(cell.numerator or 0) if cell is not None else None for cell in raw]
        groups = [Period.quarter_of(month.first) for month in computed]
        reasons = protect_series(values, groups)
        shown = {
            month: (shown_count(value, reason) if value is not None else NOT_SHOWN)
            for month, value, reason in zip(computed, values, reasons, strict=True)
        }
    else:
        shown = {}
        for month, cell in zip(computed, raw, strict=True):
            table = suppress([cell] if cell else [], indicator.kind, unit=indicator.unit)
            shown[month] = headline_number(table.cells[0] if table.cells else None)
    return [TrendPoint(month, shown.get(month, NOT_SHOWN)) for month in months]


def _quarters_to_hide(indicator: Indicator, by_month) -> set[Period]:
    """The quarters whose months are all hidden and still each have one possible value
    (9, 9 and 9 in a quarter of 27): there only hiding the quarter's own count helps."""
    values: dict[Period, list[int]] = {}
    for month, figures_of_month in by_month.items():
        cell = _raw_headline(indicator, figures_of_month.get(indicator.code, []))
        if cell is not None:
            values.setdefault(Period.quarter_of(month.first), []).append(cell.numerator or 0)
    return {quarter for quarter, part in values.items() if protect(part, sum(part))[1]}


def _align(
    table: ShownTable,
    indicator: Indicator,
    period: Period,
    trend: list[TrendPoint],
    hidden_quarters: set[Period],
) -> ShownTable:
    """The period's headline count as hidden as the trend has it, so that the table and the
    trend together give nothing away: a month the trend hides (to protect another month of
    its quarter) is hidden in the table too, and so is the count of a quarter in
    `hidden_quarters`. (A year is not aligned yet: see the report of issue 11.)"""
    key = headline_key(indicator, [Cell(cell.key, cell.label) for cell in table.cells])
    replacement = None
    if period.kind == "month":
        point = next((point for point in trend if point.period == period), None)
        if point is not None and point.shown.suppressed:
            replacement = point.shown
    elif period.kind == "quarter" and period in hidden_quarters:
        replacement = Shown(COMPLEMENTARY_TEXT, reason=COMPLEMENTARY)
    if replacement is None:
        return table
    cells = [
        replace(cell, numerator=replacement)
        if cell.key == key and cell.numerator is not None and not cell.numerator.suppressed
        else cell
        for cell in table.cells
    ]
    return replace(table, cells=cells)


def dashboard(scope: Scope, period: Period, *, today: date | None = None) -> Dashboard:
    """The dashboard of a scope and period (see the module's docstring)."""
    today = today or timezone.localdate()
    previous = period.previous()
    current_figures = figures(scope, period)
    previous_figures = figures(scope, previous)
    months = trend_months(period)
    # Months that have not begun are not computed (nothing can count in them yet).
    by_month = {
        month: figures(scope, month) for month in _quarter_months(months) if month.first <= today
    }
    result = Dashboard(scope=scope, period=period, previous=previous)
    for indicator in registry.indicators():
        cells = current_figures.get(indicator.code, [])
        table = suppress(cells, indicator.kind, unit=indicator.unit)
        before = suppress(
            previous_figures.get(indicator.code, []), indicator.kind, unit=indicator.unit
        )
        trend = _trend(indicator, by_month, months)
        if indicator.kind == "count":
            hidden = _quarters_to_hide(indicator, by_month)
            table = _align(table, indicator, period, trend, hidden)
            before = _align(before, indicator, previous, trend, hidden)
        counted = _counted(cells) or any(
            _counted(by_month[month].get(indicator.code, [])) for month in by_month
        )
        result.views.append(
            IndicatorView(
                indicator=indicator,
                table=table,
                previous=before,
                comparison=compare(table, before),
                trend=trend,
                chart=charts.trend_chart(
                    trend, title=indicator.title, unit=_unit(indicator), code=indicator.code
                ),
                counted=counted,
                stale=indicator.code in getattr(current_figures, "stale", ()),
            )
        )
    return result


def _unit(indicator: Indicator) -> str:
    if indicator.kind == "share":
        return "%"
    if indicator.kind == "median":
        return indicator.unit
    return ""
