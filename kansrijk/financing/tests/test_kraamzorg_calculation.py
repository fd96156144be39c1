"""The kraamzorg calculation and its checks at the boundaries, as tables (no database).

The 2020 figures of the source documents: standard 45 or 49 hours, at most 80 under the LIP
kraamzorg, own contribution € 4,20 per hour.
"""

from datetime import date
from decimal import Decimal

import pytest

from kansrijk.financing.kraamzorg import KraamzorgFigures, calculate, money, validate

FIGURES_2020 = KraamzorgFigures(standard_low=45, standard_high=49, max_hours=80)
WITH_MINIMUM = KraamzorgFigures(min_hours=24, standard_low=45, standard_high=49, max_hours=80)
LIP_MAX = "Meer dan 80 uur kan niet: dat is het maximum volgens de LIP kraamzorg."


def _validate(figures=FIGURES_2020, **values):
    data = {
        "figures_year": 2020,
        "figures": figures,
        "standard_hours": 49,
        "extra_hours": 0,
        "extra_reason": "",
        "chosen_hours": 49,
        "prenatal_requested": False,
        "prenatal_reason": "",
        **values,
    }
    return validate(**data)


def _calculate(**values):
    data = {
        "year": 2020,
        "figures_year": 2020,
        "figures": FIGURES_2020,
        "per_hour": Decimal("4.20"),
        "standard_hours": 49,
        "extra_hours": 0,
        "chosen_hours": 49,
        "low_income": False,
        **values,
    }
    return calculate(**data)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        # The two standards of the year are accepted, anything else is not.
        ({"standard_hours": 45, "chosen_hours": 45}, None, None),
        ({"standard_hours": 49}, None, None),
        ({"standard_hours": 47, "chosen_hours": 47}, "standard_hours", "Kies 45 of 49 uur"),
        # Up to the maximum of the LIP kraamzorg: 80 accepted, 81 refused.
        ({"extra_hours": 31, "extra_reason": "Geen netwerk", "chosen_hours": 80}, None, None),
        (
            {"extra_hours": 32, "extra_reason": "Geen netwerk", "chosen_hours": 80},
            "extra_hours",
            LIP_MAX,
        ),
        (
            {"standard_hours": 45, "extra_hours": 36, "extra_reason": "x", "chosen_hours": 1},
            "extra_hours",
            LIP_MAX,
        ),
        # Extra hours need a reason; negative hours do not exist.
        ({"extra_hours": 10, "chosen_hours": 59}, "extra_reason", "waarom het gezin extra uren"),
        ({"extra_hours": 10, "extra_reason": "   ", "chosen_hours": 59}, "extra_reason", "waarom"),
        ({"extra_hours": -1, "chosen_hours": 48}, "extra_hours", "niet minder dan 0"),
        # The family takes at least 1 hour and no more than indicated.
        ({"chosen_hours": 1}, None, None),
        ({"chosen_hours": 0}, "chosen_hours", "minstens 1 uur"),
        (
            {"chosen_hours": 50},
            "chosen_hours",
            "niet meer uren afnemen dan er geïndiceerd zijn (49 uur)",
        ),
        ({"extra_hours": 10, "extra_reason": "Tweeling", "chosen_hours": 59}, None, None),
        (
            {"extra_hours": 10, "extra_reason": "Tweeling", "chosen_hours": 60},
            "chosen_hours",
            "(59 uur)",
        ),
        # Prenatal kraamzorg needs a reason.
        ({"prenatal_requested": True}, "prenatal_reason", "prenatale kraamzorg"),
        ({"prenatal_requested": True, "prenatal_reason": "Huis niet op orde"}, None, None),
    ],
)
def test_validate_at_the_boundaries(values, field, message):
    errors = _validate(**values)
    if field is None:
        assert errors == {}
    else:
        assert list(errors) == [field]
        assert message in errors[field]


@pytest.mark.parametrize(
    ("chosen", "field"),
    [(23, "chosen_hours"), (24, None), (49, None)],
)
def test_the_minimum_of_the_year_when_configured(chosen, field):
    errors = _validate(figures=WITH_MINIMUM, chosen_hours=chosen)
    if field is None:
        assert errors == {}
    else:
        assert errors[field] == "Minder dan 24 uur kan niet: dat is het minimum van 2020."


@pytest.mark.parametrize(
    ("figures", "standard", "extra", "field"),
    [
        # Without standards of the year, any standard from 1 up to the maximum.
        (KraamzorgFigures(max_hours=80), 60, 0, None),
        (KraamzorgFigures(max_hours=80), 80, 0, None),
        (KraamzorgFigures(max_hours=80), 81, 0, "standard_hours"),
        (KraamzorgFigures(max_hours=80), 0, 0, "standard_hours"),
        # Without any figures, only the plain checks.
        (None, 120, 0, None),
        (None, 49, 40, None),
    ],
)
def test_without_standards_of_the_year(figures, standard, extra, field):
    errors = _validate(
        figures=figures,
        standard_hours=standard,
        extra_hours=extra,
        extra_reason="Reden" if extra else "",
        chosen_hours=max(standard, 1),
    )
    assert list(errors) == ([field] if field else [])


@pytest.mark.parametrize(
    ("chosen", "per_hour", "cost"),
    [
        (49, "4.20", "205.80"),
        (45, "4.20", "189.00"),
        (80, "4.20", "336.00"),
        (1, "4.20", "4.20"),
        (3, "4.20", "12.60"),
        (24, "4.20", "100.80"),
        (49, "4.35", "213.15"),
        (33, "0.01", "0.33"),
        (49, "0.00", "0.00"),
    ],
)
def test_cost_is_chosen_hours_times_the_contribution_to_the_cent(chosen, per_hour, cost):
    estimate = _calculate(
        standard_hours=49, extra_hours=31, chosen_hours=chosen, per_hour=Decimal(per_hour)
    )
    assert estimate.cost == Decimal(cost)
    assert str(estimate.cost) == cost
    assert estimate.cost_if_indicated == money(Decimal(80) * Decimal(per_hour))


def test_money_rounds_half_up_to_the_cent():
    assert money(Decimal("0.005")) == Decimal("0.01")
    assert money(Decimal("0.0049")) == Decimal("0.00")
    assert money(Decimal("2.675")) == Decimal("2.68")


@pytest.mark.parametrize(
    ("low_income", "chosen", "risk"),
    [
        (True, 24, True),
        (True, 58, True),
        (True, 59, False),
        (False, 24, False),
        (False, 59, False),
    ],
)
def test_the_risk_of_too_few_hours_is_for_low_income_families_only(low_income, chosen, risk):
    estimate = _calculate(
        standard_hours=49, extra_hours=10, chosen_hours=chosen, low_income=low_income
    )
    assert estimate.indicated == 59
    assert estimate.too_few_hours_risk is risk
    assert estimate.hours_short == 59 - chosen


def test_the_risk_note_says_what_all_indicated_hours_cost():
    estimate = _calculate(standard_hours=49, extra_hours=10, chosen_hours=24, low_income=True)
    assert estimate.cost == Decimal("100.80")
    assert estimate.cost_if_indicated == Decimal("247.80")
    assert any("€ 247,80" in note and "€ 147,00 meer" in note for note in estimate.notes)


def test_figures_of_an_earlier_year_are_named():
    estimate = _calculate(year=2022, figures_year=2020)
    assert any("Voor 2022 zijn nog geen cijfers" in n and "van 2020" in n for n in estimate.notes)
    assert estimate.cost == Decimal("205.80")


def test_no_figures_at_all():
    estimate = _calculate(year=2020, figures_year=None, figures=None, per_hour=None)
    assert estimate.cost is None
    assert estimate.cost_if_indicated is None
    assert any("geen financieringscijfers" in note for note in estimate.notes)


def test_no_amount_known():
    estimate = _calculate(per_hour=None)
    assert estimate.cost is None
    assert any("geen eigen bijdrage per uur" in note for note in estimate.notes)


@pytest.mark.parametrize(
    ("year", "due", "expected"),
    [
        (2020, date(2020, 12, 31), "reken dan met 2021"),
        (2020, date(2020, 12, 18), "reken dan met 2021"),
        (2020, date(2020, 12, 17), None),
        (2021, date(2021, 1, 1), "reken dan met 2020"),
        (2021, date(2021, 1, 21), "reken dan met 2020"),
        (2021, date(2021, 1, 22), None),
        (2020, date(2020, 6, 1), None),
        (2021, date(2020, 12, 31), "de à terme datum valt in 2020"),
    ],
)
def test_a_due_date_near_the_year_change_gets_a_note(year, due, expected):
    notes = _calculate(year=year, figures_year=year, due_date=due).notes
    matching = [note for note in notes if "jaarwisseling" in note or "à terme datum valt" in note]
    if expected is None:
        assert matching == []
    else:
        assert len(matching) == 1
        assert expected in matching[0]
