"""Small numbers are hidden: every count under 10 (0 included) shows "<10", a cell from which
one could be recovered by subtraction shows "x", and percentages, medians and differences
are shown only where the figures they rest on are."""

from decimal import Decimal

import pytest

from kansrijk.monitoring.indicators import Cell
from kansrijk.monitoring.suppression import (
    COMPLEMENTARY,
    PRIMARY,
    compare,
    difference,
    protect,
    suppress,
)


def _texts(table):
    return [cell.numerator.text for cell in table.cells]


def _distribution(*counts, denominator=None):
    return [
        Cell(f"c{index}", f"Cel {index}", numerator=count, denominator=denominator)
        for index, count in enumerate(counts)
    ]


@pytest.mark.parametrize(
    ("count", "text"), [(0, "<10"), (1, "<10"), (9, "<10"), (10, "10"), (1234, "1.234")]
)
def test_a_count_under_10_shows_as_less_than_10(count, text):
    table = suppress([Cell("n", "Aantal", numerator=count)], "count")

    assert table.cells[0].numerator.text == text
    assert table.cells[0].numerator.suppressed is (count < 10)
    assert table.cells[0].numerator.number == (None if count < 10 else count)


def test_one_small_cell_in_a_distribution_hides_the_next_smallest_too():
    table = suppress(_distribution(5, 20, 30), "distribution")

    assert _texts(table) == ["<10", "x", "30"]
    assert table.total.text == "55"
    assert [cell.share.text for cell in table.cells] == ["—", "—", "54,5%"]
    assert table.cells[1].numerator.reason == COMPLEMENTARY


def test_a_total_under_10_hides_everything():
    table = suppress(_distribution(3, 4), "distribution")

    assert _texts(table) == ["<10", "<10"]
    assert table.total.text == "<10"


def test_two_small_cells_that_can_only_be_9_and_9_hide_a_third():
    table = suppress(_distribution(9, 9, 30), "distribution")

    assert _texts(table) == ["<10", "<10", "x"]
    assert table.total.text == "48"


def test_two_zero_cells_hide_a_third():
    assert _texts(suppress(_distribution(0, 0, 30), "distribution")) == ["<10", "<10", "x"]


def test_two_small_cells_with_room_between_them_are_enough():
    table = suppress(_distribution(3, 7, 40, 50), "distribution")

    assert _texts(table) == ["<10", "<10", "40", "50"]


def test_what_the_cells_leave_of_the_total_is_a_cell_of_its_own():
    table = suppress(_distribution(20, 30, denominator=55), "distribution")

    assert [cell.label for cell in table.cells][-1] == "Overig of onbekend"
    assert _texts(table) == ["x", "30", "<10"]
    assert table.total.text == "55"


def test_when_nothing_is_left_to_hide_the_total_is_hidden():
    reasons, total = protect([9, 9], 18)

    assert reasons == [PRIMARY, PRIMARY]
    assert total == COMPLEMENTARY


@pytest.mark.parametrize(
    ("numerator", "denominator", "texts"),
    [
        (20, 50, ("20", "50", "40,0%")),
        (5, 50, ("<10", "50", "—")),
        (45, 50, ("x", "50", "—")),  # the 5 without would follow by subtraction
        (50, 50, ("x", "50", "—")),
        (5, 8, ("<10", "<10", "—")),
        (0, 0, ("<10", "<10", "—")),
    ],
)
def test_a_share_shows_its_percentage_only_with_both_counts(numerator, denominator, texts):
    cell = suppress([Cell("s", "Aandeel", numerator, denominator)], "share").cells[0]

    assert (cell.numerator.text, cell.denominator.text, cell.share.text) == texts


def test_a_median_over_fewer_than_10_families_is_not_shown():
    small = suppress([Cell("m", "Mediaan", denominator=9, value=Decimal("12"))], "median")
    enough = suppress(
        [Cell("m", "Mediaan", denominator=10, value=Decimal("12.5"))], "median", unit="dagen"
    )

    assert (small.cells[0].value.text, small.cells[0].denominator.text) == ("niet getoond", "<10")
    assert small.cells[0].value.number is None
    assert (enough.cells[0].value.text, enough.cells[0].denominator.text) == ("12,5 dagen", "10")


def test_a_difference_is_shown_only_when_both_periods_are():
    now = suppress([Cell("n", "Aantal", numerator=25)], "count")
    before = suppress([Cell("n", "Aantal", numerator=20)], "count")
    small = suppress([Cell("n", "Aantal", numerator=4)], "count")

    assert compare(now, before)[0].difference.text == "+5"
    assert compare(before, now)[0].difference.text == "-5"
    assert compare(now, small)[0].difference.text == "—"
    assert compare(small, now)[0].difference.text == "—"


def test_a_share_differs_in_percentage_points():
    now = suppress([Cell("s", "Aandeel", 30, 60)], "share")
    before = suppress([Cell("s", "Aandeel", 20, 50)], "share")

    row = compare(now, before)[0]
    assert (row.current.text, row.previous.text) == ("50,0%", "40,0%")
    assert row.difference.text == "+10,0 procentpunt"


def test_a_distribution_compares_each_cell_and_its_total():
    now = suppress(_distribution(20, 30), "distribution")
    before = suppress(_distribution(5, 30), "distribution")

    rows = compare(now, before)
    assert [(row.current.text, row.previous.text, row.difference.text) for row in rows] == [
        ("20", "<10", "—"),
        ("30", "x", "—"),
        ("50", "35", "+15"),
    ]


def test_equal_figures_differ_by_nothing():
    assert difference(*[suppress([Cell("n", "n", 12)]).cells[0].numerator] * 2).text == "±0"


def test_nested_shares_do_not_give_their_difference_away():
    cells = [
        Cell("total", "Gesignaleerd", numerator=50),
        Cell("before_16", "Vóór 16 weken", numerator=30, denominator=50),
        Cell("before_20", "Vóór 20 weken", numerator=35, denominator=50),
    ]

    table = suppress(cells, "share")

    assert [cell.numerator.text for cell in table.cells] == ["50", "30", "x"]
    assert [cell.share.text for cell in table.cells[1:]] == ["60,0%", "—"]
    assert table.cells[0].share is None
