"""Property tests of the protection between tables (`protection`): for random counts per
municipality and month, no shown count is under 10, and along every sum of the block (a
coalition over its municipalities, a quarter over its months, a year over its quarters) no
hidden count has only one possible value, checked by brute force over every value the
hidden counts can take ("<10": 0..9, "x": 10 up to the whole)."""

from datetime import date
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.monitoring.indicators import Cell, Definition, Indicator, Scope
from kansrijk.monitoring.periods import Period
from kansrijk.monitoring.protection import Protector, period_parts
from kansrijk.monitoring.suppression import SMALL

COALITION = 1
TODAY = date(2026, 3, 31)  # the first quarter is over; the rest of 2026 has not begun
YEAR = Period.parse("2026")
QUARTER = Period.parse("2026-Q1")
MONTHS = QUARTER.months()

COUNT = Indicator(
    code="test-aantal",
    version=1,
    title="Aantal",
    kind="count",
    definition=Definition(numerator="Een aantal."),
    compute=lambda scope, period: [],
    additive=True,
)
SPLIT = Indicator(
    code="test-verdeling",
    version=1,
    title="Verdeling",
    kind="distribution",
    definition=Definition(numerator="Een verdeling."),
    compute=lambda scope, period: [],
    additive=True,
)


def _protector(counts: dict[tuple[int, Period], list[int]], municipalities, indicator):
    """A protector whose raw figures are `counts` per (municipality, month): the coalition's
    and the quarter's and year's figures are their sums."""
    protector = Protector(COALITION, municipalities, TODAY)
    keys = ["a", "b"] if indicator.kind == "distribution" else ["aantal"]

    def cells(values: list[int]) -> list[Cell]:
        return [Cell(key, key, numerator=value) for key, value in zip(keys, values, strict=True)]

    def total(municipality_list, months) -> list[int]:
        return [
            sum(counts[(m, month)][index] for m in municipality_list for month in months)
            for index in range(len(keys))
        ]

    scopes = [(Scope(COALITION), municipalities)] + [
        (Scope(COALITION, m), [m]) for m in municipalities
    ]
    for scope, covered in scopes:
        for period in (YEAR, QUARTER, *MONTHS):
            months = [month for month in MONTHS if month.first >= period.first]
            months = [month for month in months if month.last <= period.last]
            protector._raw[(scope, period)] = {indicator.code: cells(total(covered, months))}
        for quarter in period_parts(YEAR)[1:]:
            protector._raw[(scope, quarter)] = {indicator.code: cells([0] * len(keys))}
    return protector


def _hidden_bounds(shown, whole: int) -> tuple[int, int]:
    return (0, SMALL - 1) if shown.text == "<10" else (SMALL, whole)


def _assert_line_safe(whole_shown, whole: int, parts: list, values: list[int]) -> None:
    if whole_shown.suppressed:
        # A hidden whole must not be the sum of shown parts.
        assert any(part.suppressed for part in parts), (whole, values)
        return
    hidden = [i for i, part in enumerate(parts) if part.suppressed]
    if not hidden:
        return
    rest = whole - sum(values[i] for i, part in enumerate(parts) if not part.suppressed)
    ranges = [
        range(low, high + 1) for low, high in (_hidden_bounds(parts[i], whole) for i in hidden)
    ]
    fits = [combo for combo in product(*ranges) if sum(combo) == rest]
    for position in range(len(hidden)):
        assert len({combo[position] for combo in fits}) >= 2, (whole, values, parts)


def _check(protector: Protector, indicator: Indicator, municipalities) -> None:
    coalition = Scope(COALITION)
    scopes = [coalition, *(Scope(COALITION, m) for m in municipalities)]
    periods = (YEAR, QUARTER, *MONTHS)
    tables = {
        (scope, period): protector.table((scope, period), indicator)
        for scope in scopes
        for period in periods
    }
    raw = {node: protector.raw(node, indicator) for node in tables}

    def figure(node, index):
        table = tables[node]
        if index == "total":
            return table.total, sum(cell.numerator for cell in raw[node])
        return table.cells[index].numerator, raw[node][index].numerator

    indexes = list(range(len(raw[(coalition, YEAR)])))
    if indicator.kind == "distribution":
        indexes.append("total")
    for table in tables.values():
        for cell in table.cells:
            assert cell.numerator.suppressed or cell.numerator.number >= SMALL
    lines = []
    for period in periods:
        lines.append(((coalition, period), [(Scope(COALITION, m), period) for m in municipalities]))
    for scope in scopes:
        lines.append(((scope, QUARTER), [(scope, month) for month in MONTHS]))
        lines.append(((scope, YEAR), [(scope, QUARTER)]))  # the other quarters: not begun
    for whole, parts in lines:
        for index in indexes:
            whole_shown, whole_value = figure(whole, index)
            shown_values = [figure(part, index) for part in parts]
            _assert_line_safe(
                whole_shown,
                whole_value,
                [shown for shown, _value in shown_values],
                [value for _shown, value in shown_values],
            )


MUNICIPALITIES = st.integers(min_value=1, max_value=3).map(lambda n: list(range(10, 10 + n)))


@settings(max_examples=150, deadline=None)
@given(MUNICIPALITIES, st.data())
def test_no_hidden_count_follows_from_a_sum_of_municipalities_or_months(municipalities, data):
    counts = {
        (m, month): [data.draw(st.integers(min_value=0, max_value=25))]
        for m in municipalities
        for month in MONTHS
    }
    protector = _protector(counts, municipalities, COUNT)

    _check(protector, COUNT, municipalities)


@settings(max_examples=100, deadline=None)
@given(MUNICIPALITIES, st.data())
def test_no_hidden_cell_of_a_split_follows_from_the_other_tables(municipalities, data):
    counts = {
        (m, month): [
            data.draw(st.integers(min_value=0, max_value=20)),
            data.draw(st.integers(min_value=0, max_value=20)),
        ]
        for m in municipalities
        for month in MONTHS
    }
    protector = _protector(counts, municipalities, SPLIT)

    _check(protector, SPLIT, municipalities)
