"""The region's totals never reveal a small number: exact only when every part is a number,
"≥ X" when some parts are "<10", suppressed when all are; never across definition versions,
never for a median."""

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansrijk.monitoring.federation.overview import (
    AT_LEAST,
    EXACT,
    NONE,
    SMALL_ONE,
    SUPPRESSED,
    Total,
    add_counts,
    side_by_side,
)
from kansrijk.testing.monitoring_federation import sample_document


def test_numbers_add_up_exactly():
    assert add_counts([12, 30, 10]) == Total(EXACT, 52)


def test_a_small_part_makes_the_total_a_lower_bound():
    assert add_counts([12, "<10", 30]) == Total(AT_LEAST, 42)
    assert str(add_counts([1200, "<10"])) == "≥ 1.200"


def test_only_small_parts_stay_suppressed():
    assert add_counts(["<10"]) == Total(SMALL_ONE)
    assert str(add_counts(["<10"])) == "<10"
    assert add_counts(["<10", "<10"]) == Total(SUPPRESSED)
    assert str(add_counts(["<10", "<10"])) == "onderdrukt"


def test_a_missing_part_gives_no_total():
    assert add_counts([12, None]) == Total(NONE)
    assert str(add_counts([])) == "—"


@given(
    st.lists(
        st.one_of(st.integers(min_value=10, max_value=10_000), st.just("<10"), st.just("x")),
        min_size=1,
    )
)
def test_a_total_is_never_a_number_under_10_and_never_more_precise_than_its_parts(parts):
    total = add_counts(parts)
    shown = [part for part in parts if isinstance(part, int)]
    if total.number is not None:
        assert total.number >= 10
        assert total.number == sum(shown)
    assert (total.kind == EXACT) == (len(shown) == len(parts))


def _two(first_cells, second_cells, code="fake_families"):
    first = sample_document("a/coalities/1")
    second = sample_document("b/coalities/2")
    first["publisher"]["name"], second["publisher"]["name"] = "Aadorp", "Beedorp"
    for document, cells in ((first, first_cells), (second, second_cells)):
        next(i for i in document["indicators"] if i["code"] == code)["cells"] = cells
    return [first, second]


def test_side_by_side_with_totals():
    documents = _two(
        [{"key": "all", "label": "Alle", "numerator": 42}],
        [{"key": "all", "label": "Alle", "numerator": "<10"}],
    )
    families, early = side_by_side(documents)
    assert families.summed
    assert [(r.label, r.texts, r.total) for r in families.rows] == [("Alle", ["42", "<10"], "≥ 42")]
    assert early.rows[0].texts == ["12 van 30 (40,0%)", "12 van 30 (40,0%)"]
    assert early.rows[0].total == "24 van 60 (40,0%)"


@pytest.mark.parametrize(
    ("first", "second", "total"),
    [
        ((12, 30), ("<10", 40), "≥ 12 van 70"),
        ((12, 30), (10, "<10"), "22 van ≥ 30"),
        (("<10", 30), ("<10", 40), "onderdrukt van 70"),
    ],
)
def test_a_share_is_only_computed_from_exact_totals(first, second, total):
    def cell(numerator, denominator):
        shown = {"key": "s", "label": "S", "numerator": numerator, "denominator": denominator}
        if isinstance(numerator, int) and isinstance(denominator, int):
            shown["share"] = round(numerator / denominator, 4)
        return [shown]

    _families, early = side_by_side(_two(cell(*first), cell(*second), code="fake_early"))
    assert early.rows[0].total == total


def test_different_definition_versions_are_not_added():
    documents = _two(
        [{"key": "all", "label": "Alle", "numerator": 42}],
        [{"key": "all", "label": "Alle", "numerator": 50}],
    )
    documents[1]["indicators"][0]["version"] = 2
    families, _early = side_by_side(documents)
    assert not families.summed
    assert families.versions == [1, 2]
    assert families.rows[0].total == "—"


def test_an_indicator_or_cell_one_publisher_lacks_is_shown_but_not_added():
    documents = _two(
        [
            {"key": "all", "label": "Alle", "numerator": 42},
            {"key": "x", "label": "X", "numerator": 11},
        ],
        [{"key": "all", "label": "Alle", "numerator": 50}],
    )
    del documents[1]["indicators"][1]
    families, early = side_by_side(documents)
    assert [(r.key, r.texts, r.total) for r in families.rows] == [
        ("all", ["42", "50"], "92"),
        ("x", ["11", "—"], "—"),
    ]
    assert not early.summed
    assert early.rows[0].texts[1] == "—"


def test_a_median_is_shown_per_publisher_and_never_added():
    median = {
        "code": "fake_days",
        "version": 1,
        "title": "Dagen",
        "kind": "median",
        "unit": "dagen",
        "cells": [{"key": "m", "label": "Mediaan", "denominator": 30, "value": 95.5}],
    }
    documents = _two([], [])
    documents[0]["indicators"].append(copy.deepcopy(median))
    median["cells"] = [{"key": "m", "label": "Mediaan", "denominator": "<10"}]
    documents[1]["indicators"].append(median)
    days = side_by_side(documents)[2]
    assert not days.summed
    assert days.rows[0].texts == ["95,5 dagen (n = 30)", "onderdrukt"]
    assert days.rows[0].total == "—"


def test_a_count_hidden_by_complementary_suppression_is_never_filled_in():
    assert add_counts([25, "x"]) == Total(AT_LEAST, 25)
    assert add_counts(["x"]) == Total(SUPPRESSED)
    assert add_counts(["x", "<10"]) == Total(SUPPRESSED)
