"""Property tests of the suppression: for random distributions and shares no shown
count is under 10, and no hidden cell has only one value that fits the shown cells and the
total (checked by brute force over every possible value, independently of the rule's own
interval check)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.monitoring.indicators import Cell
from kansrijk.monitoring.suppression import SMALL, suppress

COUNTS = st.integers(min_value=0, max_value=45)
SETTINGS = settings(max_examples=300, deadline=None)


def _reachable(bounds: list[tuple[int, int]], limit: int) -> set[int]:
    """Every sum the hidden cells with these bounds can make (up to `limit`)."""
    sums = {0}
    for low, high in bounds:
        sums = {s + v for s in sums for v in range(low, high + 1) if s + v <= limit}
    return sums


def _possible_values(hidden: list[tuple[int, int]], rest: int) -> list[set[int]]:
    """For each hidden cell, the values it can have given that all hidden cells add up to
    `rest` ("<10": 0..9; "x": 10 or more)."""
    possible = []
    for index, (low, high) in enumerate(hidden):
        others = _reachable(hidden[:index] + hidden[index + 1 :], rest)
        possible.append({v for v in range(low, min(high, rest) + 1) if rest - v in others})
    return possible


def _bounds(shown, total: int) -> tuple[int, int]:
    return (0, SMALL - 1) if shown.text == "<10" else (SMALL, total)


def _assert_not_derivable(parts, total_shown, total: int) -> None:
    """`parts`: the Shown counts of a split of a shown total."""
    hidden = [_bounds(part, total) for part in parts if part.suppressed]
    if not total_shown or not hidden:
        return
    rest = total - sum(part.number for part in parts if not part.suppressed)
    for values in _possible_values(hidden, rest):
        assert len(values) >= 2, (parts, total)


@SETTINGS
@given(st.lists(COUNTS, min_size=1, max_size=5))
def test_no_hidden_cell_of_a_distribution_follows_from_the_shown_ones(counts):
    cells = [Cell(f"c{i}", f"Cel {i}", numerator=count) for i, count in enumerate(counts)]

    table = suppress(cells, "distribution")

    parts = [cell.numerator for cell in table.cells]
    for shown in [*parts, table.total]:
        assert shown.suppressed or shown.number >= SMALL
        assert shown.suppressed == (shown.number is None)
    total = sum(counts)
    _assert_not_derivable(parts, not table.total.suppressed, total)
    # The brief's wording: never exactly one hidden cell beside a shown total.
    if not table.total.suppressed:
        assert sum(part.suppressed for part in parts) != 1
    for cell in table.cells:
        assert cell.share.number is None or not cell.numerator.suppressed


@SETTINGS
@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_a_share_gives_away_neither_its_numerator_nor_its_complement(numerator, extra):
    denominator = numerator + extra

    cell = suppress([Cell("s", "Aandeel", numerator, denominator)], "share").cells[0]

    for shown in (cell.numerator, cell.denominator):
        assert shown.suppressed or shown.number >= SMALL
    if not cell.denominator.suppressed:
        complement = extra
        if not cell.numerator.suppressed:
            assert complement >= SMALL
        else:
            # Numerator and complement are the two hidden parts of the shown denominator.
            complement_bounds = (0, SMALL - 1) if cell.numerator.text == "x" else (0, denominator)
            hidden = [_bounds(cell.numerator, denominator), complement_bounds]
            assert len(_possible_values(hidden, denominator)[0]) >= 2
    if cell.share.number is not None:
        assert not cell.numerator.suppressed
        assert not cell.denominator.suppressed
