"""Small numbers, hidden: what an indicator's cells look like to anyone outside the care team.

The rules (issue 11, after RIVM's local Kansrijke Start monitor):

- every count under 10, 0 included, is shown as "<10" (primary suppression);
- no hidden count may be recovered by subtraction (complementary suppression): within a
  distribution whose total is shown, and within a share (numerator out of denominator, whose
  complement is denominator minus numerator), the hidden cells are checked the way someone
  with the shown figures would: each primary cell lies in 0..9, each complementary cell is at
  least 10, and together they add up to the total minus the shown cells. As long as one
  hidden cell has only one possible value, the next smallest shown cell is hidden as well
  (shown as "x"); when no shown cell is left, the total is hidden too. A total under 10 hides
  everything. With exactly one hidden cell this is the familiar "also hide the next smallest";
  the check also catches two hidden cells that can only be 9 and 9, or 0 and 0;
- a share whose numerator or denominator is hidden shows no percentage; of two shares over the
  same denominator whose numerators differ by less than 10 (nested shares: before 16 and before
  20 weeks) the larger numerator is hidden as well;
- a median (a `value` over `denominator` families) is hidden when its denominator is under 10;
- a difference between two periods is shown only when both sides are shown.

Between tables (a coalition and its municipalities, a year, its quarters and its months) the
same check is applied by `protection`, which hides more where tables add up.

A complementary cell says "x" rather than "<10": it is not a small number, and telling the two
apart is taken into account by the check above (a complementary cell counts as at least 10).
"""

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from .indicators import Cell

SMALL = 10
SMALL_TEXT = "<10"
COMPLEMENTARY_TEXT = "x"
REST_KEY = "_rest"

PRIMARY = "small"
COMPLEMENTARY = "complementary"

# The counts of a table, by part (`count_parts`).
NUMERATOR, DENOMINATOR = "numerator", "denominator"
TOTAL_PART = ("_total", NUMERATOR)


@dataclass(frozen=True)
class Shown:
    """One figure as it may be shown: its text, and its number only when it is shown."""

    text: str
    number: int | Decimal | None = None
    reason: str = ""  # "" (shown), PRIMARY or COMPLEMENTARY

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)


NOT_SHOWN = Shown("—")


@dataclass(frozen=True)
class ShownCell:
    key: str
    label: str
    numerator: Shown | None = None
    denominator: Shown | None = None
    share: Shown | None = None  # the percentage
    value: Shown | None = None  # the median

    @property
    def suppressed(self) -> bool:
        parts = (self.numerator, self.denominator, self.share, self.value)
        return any(part is not None and part.suppressed for part in parts)


@dataclass(frozen=True)
class ShownTable:
    kind: str
    cells: list[ShownCell] = field(default_factory=list)
    total: Shown | None = None  # a distribution's total

    @property
    def suppressed(self) -> bool:
        return any(cell.suppressed for cell in self.cells) or bool(
            self.total and self.total.suppressed
        )


# --- Numbers as text ---------------------------------------------------------------------------


def count_text(number: int) -> str:
    return number_format(number, force_grouping=True)


def percentage(numerator: int, denominator: int) -> Decimal:
    share = Decimal(numerator) * 100 / Decimal(denominator)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percentage_text(value: Decimal) -> str:
    return f"{number_format(value, 1)}%"


def value_text(value: Decimal | int | float, unit: str = "") -> str:
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    decimals = 0 if number == number.to_integral_value() else 1
    text = number_format(number, decimals, force_grouping=True)
    return f"{text} {unit}".strip()


def shown_count(number: int, reason: str) -> Shown:
    if reason == PRIMARY:
        return Shown(SMALL_TEXT, reason=PRIMARY)
    if reason == COMPLEMENTARY:
        return Shown(COMPLEMENTARY_TEXT, reason=COMPLEMENTARY)
    return Shown(count_text(number), number=number)


# --- The check ---------------------------------------------------------------------------------


def _bounds(reason: str, total: int) -> tuple[int, int]:
    return (0, SMALL - 1) if reason == PRIMARY else (SMALL, total)


def exposed(values: list[int], reasons: list[str], total: int) -> bool:
    """Whether one hidden cell has exactly one possible value, for someone who knows the
    shown cells and the total, that a primary cell lies in 0..9 and a complementary one is
    at least 10 (the bounds of a sum with box constraints are exact: Fréchet)."""
    hidden = [index for index, reason in enumerate(reasons) if reason]
    if not hidden:
        return False
    rest = total - sum(value for value, reason in zip(values, reasons, strict=True) if not reason)
    bounds = [_bounds(reasons[index], total) for index in hidden]
    low_sum = sum(low for low, _high in bounds)
    high_sum = sum(high for _low, high in bounds)
    for low, high in bounds:
        lowest = max(low, rest - (high_sum - high))
        highest = min(high, rest - (low_sum - low))
        if lowest >= highest:
            return True
    return False


def protect(
    values: list[int],
    total: int | None,
    *,
    forced: tuple[bool, ...] = (),
    total_forced: bool = False,
) -> tuple[list[str], str]:
    """The reason each value (and the total) is hidden: "" for shown, PRIMARY, COMPLEMENTARY.

    `total` is None when no total is shown: then only the primary rule applies. `forced`
    (per value) and `total_forced` hide a count of 10 or more from the start, because
    another table would give it away (`protection`); the rule then protects it as any other
    hidden count."""
    forced = forced or (False,) * len(values)
    reasons = [
        PRIMARY if value < SMALL else (COMPLEMENTARY if hide else "")
        for value, hide in zip(values, forced, strict=True)
    ]
    if total is None:
        return reasons, ""
    if total < SMALL:
        return [PRIMARY if value < SMALL else COMPLEMENTARY for value in values], PRIMARY
    if total_forced:
        # No total is shown: nothing can be subtracted from it.
        return reasons, COMPLEMENTARY
    while exposed(values, reasons, total):
        shown = [index for index, reason in enumerate(reasons) if not reason]
        if not shown:
            return reasons, COMPLEMENTARY
        smallest = min(shown, key=lambda index: (values[index], index))
        reasons[smallest] = COMPLEMENTARY
    return reasons, ""


# --- Per kind ----------------------------------------------------------------------------------


def _share_cell(cell: Cell, hidden: frozenset = frozenset()) -> ShownCell:
    if cell.denominator is None:
        return _count_cell(cell, hidden)  # a share indicator's plain count, such as its total
    numerator, denominator = cell.numerator or 0, cell.denominator or 0
    complement = max(denominator - numerator, 0)
    (numerator_reason, _complement_reason), denominator_reason = protect(
        [numerator, complement],
        denominator,
        forced=((cell.key, NUMERATOR) in hidden, False),
        total_forced=(cell.key, DENOMINATOR) in hidden,
    )
    share = None
    if not numerator_reason and not denominator_reason and denominator:
        value = percentage(numerator, denominator)
        share = Shown(percentage_text(value), number=value)
    else:
        share = NOT_SHOWN
    return ShownCell(
        key=cell.key,
        label=cell.label,
        numerator=shown_count(numerator, numerator_reason),
        denominator=shown_count(denominator, denominator_reason),
        share=share,
    )


def _own_reason(number: int, forced: bool) -> str:
    if number < SMALL:
        return PRIMARY
    return COMPLEMENTARY if forced else ""


def _median_cell(cell: Cell, unit: str, hidden: frozenset = frozenset()) -> ShownCell:
    denominator = cell.denominator or 0
    reason = _own_reason(denominator, (cell.key, DENOMINATOR) in hidden)
    if reason or cell.value is None:
        value = Shown(_("niet getoond"), reason=reason) if reason else NOT_SHOWN
    else:
        number = Decimal(str(cell.value))
        value = Shown(value_text(number, unit), number=number)
    return ShownCell(
        key=cell.key,
        label=cell.label,
        denominator=shown_count(denominator, reason),
        value=value,
    )


def _count_cell(cell: Cell, hidden: frozenset = frozenset()) -> ShownCell:
    number = cell.numerator or 0
    return ShownCell(
        key=cell.key,
        label=cell.label,
        numerator=shown_count(number, _own_reason(number, (cell.key, NUMERATOR) in hidden)),
    )


def split(cells: list[Cell]) -> tuple[list[Cell], int] | None:
    """A distribution's cells and total: the cells' common denominator, or their sum. What
    the cells leave of the total becomes a cell "Overig" of its own, so that the rule sees
    it. None when the categories overlap (they add up to more than the total)."""
    cells = list(cells)
    denominators = {cell.denominator for cell in cells}
    counted = sum(cell.numerator or 0 for cell in cells)
    total = denominators.pop() if len(denominators) == 1 and None not in denominators else counted
    if total > counted:
        cells.append(Cell(REST_KEY, _("Overig of onbekend"), numerator=total - counted))
    elif total < counted:
        return None
    return cells, total


def _distribution(cells: list[Cell], hidden: frozenset = frozenset()) -> ShownTable:
    """Cells that split a total (`split`), protected together with their total."""
    parts = split(cells)
    if parts is None:
        # Categories that overlap are no split of the total: show them as separate counts.
        return ShownTable(kind="distribution", cells=[_count_cell(cell, hidden) for cell in cells])
    cells, total = parts
    values = [cell.numerator or 0 for cell in cells]
    reasons, total_reason = protect(
        values,
        total,
        forced=tuple((cell.key, NUMERATOR) in hidden for cell in cells),
        total_forced=TOTAL_PART in hidden,
    )
    shown_total = shown_count(total, total_reason)
    shown = []
    for cell, value, reason in zip(cells, values, reasons, strict=True):
        share = NOT_SHOWN
        if not reason and not total_reason and total:
            number = percentage(value, total)
            share = Shown(percentage_text(number), number=number)
        shown.append(
            ShownCell(
                key=cell.key,
                label=cell.label,
                numerator=shown_count(value, reason),
                denominator=shown_total,
                share=share,
            )
        )
    return ShownTable(kind="distribution", cells=shown, total=shown_total)


def _nested(shown: list[ShownCell], cells: list[Cell]) -> list[ShownCell]:
    """Shares over the same denominator may be nested (before 16 weeks, before 20 weeks):
    the difference of two shown numerators is then a count as well. Where it is under 10,
    the larger numerator is hidden too (also for shares that are not nested: safe)."""
    shown = list(shown)
    changed = True
    while changed:
        changed = False
        for i, j in ((i, j) for i in range(len(cells)) for j in range(len(cells)) if i != j):
            first, second = cells[i], cells[j]
            if (
                first.denominator is None
                or first.denominator != second.denominator
                or shown[i].numerator.suppressed
                or shown[j].numerator.suppressed
                or (first.numerator or 0, i) > (second.numerator or 0, j)
            ):
                continue
            if (second.numerator or 0) - (first.numerator or 0) < SMALL:
                hidden = Shown(COMPLEMENTARY_TEXT, reason=COMPLEMENTARY)
                shown[j] = ShownCell(
                    key=shown[j].key,
                    label=shown[j].label,
                    numerator=hidden,
                    denominator=shown[j].denominator,
                    share=NOT_SHOWN,
                )
                changed = True
    return shown


def suppress(
    cells: list[Cell],
    kind: str = "count",
    *,
    unit: str = "",
    hidden: frozenset = frozenset(),
    translate: bool = True,
) -> ShownTable:
    """The shown table of an indicator's raw cells (see the module's docstring). `hidden`:
    parts (`count_parts`) to hide from the start, because another table would give them
    away (`protection`). Labels are kept in Dutch and shown in the active language (unless
    `translate` is off: `translated` does it later)."""
    table = _suppress(cells, kind, unit=unit, hidden=hidden)
    return translated(table) if translate else table


def translated(table: ShownTable, memo: dict | None = None) -> ShownTable:
    """The table with its labels in the active language (`memo` keeps translations between
    calls for the same labels)."""
    memo = {} if memo is None else memo
    cells = []
    for cell in table.cells:
        label = str(cell.label)
        if label not in memo:
            memo[label] = gettext(label)
        cells.append(replace(cell, label=memo[label]))
    return replace(table, cells=cells)


def _suppress(cells: list[Cell], kind: str, *, unit: str, hidden: frozenset) -> ShownTable:
    if kind == "distribution":
        return _distribution(cells, hidden)
    if kind == "share":
        return ShownTable(
            kind=kind, cells=_nested([_share_cell(cell, hidden) for cell in cells], cells)
        )
    if kind == "median":
        return ShownTable(kind=kind, cells=[_median_cell(cell, unit, hidden) for cell in cells])
    return ShownTable(kind=kind, cells=[_count_cell(cell, hidden) for cell in cells])


# --- The counts of a table, by part ------------------------------------------------------------


def count_parts(cells: list[Cell], kind: str) -> dict[tuple[str, str], int]:
    """Every count a table of `kind` shows or hides, by part: (cell key, "numerator" or
    "denominator"), and a distribution's total as `TOTAL_PART`. The same counts of the same
    indicator add up over municipalities (and, for some indicators, over months)."""
    if kind == "distribution" and (parts := split(cells)) is not None:
        cells, total = parts
        counts = {(cell.key, NUMERATOR): cell.numerator or 0 for cell in cells}
        counts[TOTAL_PART] = total
        return counts
    counts = {}
    for cell in cells:
        if kind == "median":
            counts[(cell.key, DENOMINATOR)] = cell.denominator or 0
            continue
        counts[(cell.key, NUMERATOR)] = cell.numerator or 0
        if kind == "share" and cell.denominator is not None:
            counts[(cell.key, DENOMINATOR)] = cell.denominator
    return counts


def shown_parts(table: ShownTable) -> dict[tuple[str, str], Shown]:
    """The shown (or hidden) counts of a table, by part as in `count_parts`."""
    shown = {}
    for cell in table.cells:
        if cell.numerator is not None:
            shown[(cell.key, NUMERATOR)] = cell.numerator
        if cell.denominator is not None and table.kind != "distribution":
            shown[(cell.key, DENOMINATOR)] = cell.denominator
    if table.total is not None:
        shown[TOTAL_PART] = table.total
    return shown


# --- The comparison with the previous period ---------------------------------------------------


def headline_number(cell: ShownCell | None) -> Shown:
    """The figure of a cell that a comparison and a trend use: the percentage of a share, the
    value of a median, else the count."""
    if cell is None:
        return NOT_SHOWN
    for part in (cell.share, cell.value, cell.numerator):
        if part is not None:
            return part
    return NOT_SHOWN


def difference(current: Shown, previous: Shown, *, points: bool = False) -> Shown:
    """current minus previous, shown only when both sides are (the difference of a shown and
    a hidden figure would give the hidden one away)."""
    if current.number is None or previous.number is None:
        return NOT_SHOWN
    delta = current.number - previous.number
    sign = "+" if delta > 0 else ("-" if delta < 0 else "±")
    if points:
        text = _("%(sign)s%(value)s procentpunt") % {
            "sign": sign,
            "value": number_format(abs(delta), 1),
        }
    elif isinstance(delta, int):
        text = f"{sign}{count_text(abs(delta))}"
    else:
        text = f"{sign}{value_text(abs(delta))}"
    return Shown(text, number=delta)


@dataclass(frozen=True)
class ComparedRow:
    key: str
    label: str
    current: Shown
    previous: Shown
    difference: Shown


def compare(current: ShownTable, previous: ShownTable) -> list[ComparedRow]:
    """Per cell of the current table: its figure now and in the previous period, and the
    difference (a share's in percentage points; a distribution's per count, plus its total)."""
    before = {cell.key: cell for cell in previous.cells}

    def figure(cell: ShownCell | None) -> Shown:
        if current.kind == "distribution":
            return cell.numerator if cell is not None and cell.numerator else NOT_SHOWN
        return headline_number(cell)

    rows = []
    for cell in current.cells:
        now, then = figure(cell), figure(before.get(cell.key))
        rows.append(
            ComparedRow(
                key=cell.key,
                label=cell.label,
                current=now,
                previous=then,
                difference=difference(now, then, points=current.kind == "share"),
            )
        )
    if current.kind == "distribution" and current.total is not None:
        then = previous.total or NOT_SHOWN
        rows.append(
            ComparedRow(
                key="_total",
                label=_("Totaal"),
                current=current.total,
                previous=then,
                difference=difference(current.total, then),
            )
        )
    return rows
