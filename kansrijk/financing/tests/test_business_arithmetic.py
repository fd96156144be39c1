"""The business-case arithmetic against examples computed by hand (pure, no database)."""

from decimal import Decimal

import pytest

from kansrijk.financing.business_case import (
    CaseInput,
    EffectInput,
    InterventionInput,
    SavingInput,
    compute,
    compute_all,
    euro,
    number,
)

D = Decimal


def _one_intervention(lag: int = 1, horizon: int = 4) -> CaseInput:
    """10 families a year at € 100, paid by the municipality's public health budget; per
    family reached 0.1 / 0.2 / 0.3 avoided outcomes from year `lag`, each saving the insurer
    € 1,000."""
    return CaseInput(
        start_year=2026,
        horizon_years=horizon,
        interventions=(InterventionInput(10, D("100.00"), "gemeente_wpg"),),
        effects=(
            EffectInput(
                reach_per_year=10,
                low=D("0.1"),
                base=D("0.2"),
                high=D("0.3"),
                lag_years=lag,
                savings=(SavingInput("insurer", D("1000.00")),),
            ),
        ),
    )


def test_the_base_estimate_per_payer_per_year():
    result = compute(_one_intervention(), "base")

    assert result.years == [2026, 2027, 2028, 2029]
    assert [payer.payer for payer in result.payers] == ["insurer", "gemeente_wpg"]
    wpg = result.payer("gemeente_wpg")
    assert [row.investment for row in wpg.years] == [D(1000)] * 4
    assert [row.savings for row in wpg.years] == [D(0)] * 4
    insurer = result.payer("insurer")
    # 10 families x 0.2 avoided x € 1,000, from the second year (lag 1).
    assert [row.savings for row in insurer.years] == [D(0), D(2000), D(2000), D(2000)]
    assert [total.net for total in result.totals] == [D(-1000), D(1000), D(1000), D(1000)]
    assert [total.cumulative_net for total in result.totals] == [
        D(-1000),
        D(0),
        D(1000),
        D(2000),
    ]
    assert result.total_investment == D(4000)
    assert result.total_savings == D(6000)
    assert result.total_net == D(2000)


def test_break_even_is_the_first_year_whose_cumulative_net_is_zero_or_more():
    assert compute(_one_intervention(), "base").break_even_year == 2027
    assert compute(_one_intervention(), "high").break_even_year == 2027


def test_no_break_even_within_the_horizon():
    low = compute(_one_intervention(), "low")

    # 10 x 0.1 x € 1,000 = € 1,000 a year saved against € 1,000 spent: stuck at -1,000.
    assert [total.cumulative_net for total in low.totals] == [D(-1000)] * 4
    assert low.break_even_year is None


def test_the_three_estimates():
    results = compute_all(_one_intervention())

    assert {estimate: result.total_net for estimate, result in results.items()} == {
        "low": D(-1000),  # 3 x 1,000 - 4,000
        "base": D(2000),  # 3 x 2,000 - 4,000
        "high": D(5000),  # 3 x 3,000 - 4,000
    }


def test_the_lag_delays_the_savings():
    result = compute(_one_intervention(lag=3, horizon=5), "base")

    insurer = result.payer("insurer")
    assert [row.savings for row in insurer.years] == [D(0), D(0), D(0), D(2000), D(2000)]
    # -1000 x 3, then +1000, +1000: cumulative -1000, -2000, -3000, -2000, -1000.
    assert result.break_even_year is None


def test_a_lag_of_zero_saves_from_the_first_year():
    result = compute(_one_intervention(lag=0, horizon=1), "base")

    assert result.payer("insurer").years[0].savings == D(2000)
    assert result.break_even_year == 2026


def test_the_wrong_pocket():
    result = compute(_one_intervention(), "base")

    assert result.payer("gemeente_wpg").wrong_pocket is True
    assert result.payer("insurer").wrong_pocket is False
    assert result.wrong_pocket is True


def test_no_wrong_pocket_when_the_investor_saves_most():
    """The youth budget pays € 500 a year for 4 families and saves € 10,000 per avoided
    placement (0.05 per family): € 2,000 a year, minus € 2,000 = 0 each year; and the insurer
    saves too. Nobody invests more than they save."""
    inputs = CaseInput(
        start_year=2030,
        horizon_years=2,
        interventions=(InterventionInput(4, D("500"), "gemeente_jeugd"),),
        effects=(
            EffectInput(
                4,
                D("0.05"),
                D("0.05"),
                D("0.05"),
                0,
                (SavingInput("gemeente_jeugd", D("10000")), SavingInput("insurer", D("10"))),
            ),
        ),
    )
    result = compute(inputs, "base")

    youth = result.payer("gemeente_jeugd")
    assert youth.total_investment == D(4000)
    assert youth.total_savings == D(4000)
    assert youth.wrong_pocket is False
    assert result.payer("insurer").total_savings == D("4.00")  # 4 x 0.05 x 10 x 2 years
    assert not result.wrong_pocket


def test_two_interventions_of_one_payer_and_several_savings():
    """Hand-computed: the municipality's youth budget pays 20 x € 3,000 = € 60,000 a year,
    public health 60 x € 450 = € 27,000. Preconception (60 families) avoids 0.10 unplanned
    pregnancies each from year 2 (insurer € 3,000, youth € 1,000) and 0.02 preterm births
    (insurer € 25,000); family support (20) avoids 0.05 placements from year 3 (youth
    € 55,000). Year 1: -87,000; year 2: 48,000 + 6,000 - 87,000 = -33,000; year 3:
    +22,000."""
    inputs = CaseInput(
        start_year=2026,
        horizon_years=3,
        interventions=(
            InterventionInput(60, D("450"), "gemeente_wpg"),
            InterventionInput(20, D("3000"), "gemeente_jeugd"),
        ),
        effects=(
            EffectInput(
                60,
                D("0.05"),
                D("0.10"),
                D("0.15"),
                1,
                (SavingInput("insurer", D("3000")), SavingInput("gemeente_jeugd", D("1000"))),
            ),
            EffectInput(
                60, D("0.01"), D("0.02"), D("0.03"), 1, (SavingInput("insurer", D("25000")),)
            ),
            EffectInput(
                20, D("0.02"), D("0.05"), D("0.08"), 2, (SavingInput("gemeente_jeugd", D("55000")),)
            ),
        ),
    )
    result = compute(inputs, "base")

    assert [total.net for total in result.totals] == [D(-87000), D(-33000), D(22000)]
    assert [total.cumulative_net for total in result.totals] == [
        D(-87000),
        D(-120000),
        D(-98000),
    ]
    assert result.payer("insurer").total_savings == D(96000)
    assert result.payer("gemeente_jeugd").total_net == D(6000 + 6000 + 55000 - 180000)
    assert result.break_even_year is None


def test_an_unknown_estimate_is_refused():
    with pytest.raises(ValueError, match="estimate"):
        compute(_one_intervention(), "middle")


def test_an_empty_case_has_no_payers():
    result = compute(CaseInput(start_year=2026, horizon_years=2), "base")

    assert result.payers == []
    assert result.total_net == 0


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (D("1234.5"), 0, "€ 1.235"),
        (D("-1234.4"), 0, "€ -1.234"),
        (D("4.2"), 2, "€ 4,20"),
        (D("-0.4"), 0, "€ 0"),
        (D("1000000"), 0, "€ 1.000.000"),
    ],
)
def test_euros_are_rounded_only_for_display(value, decimals, text):
    assert euro(value, decimals) == text


def test_numbers_lose_their_trailing_zeros():
    assert number(D("0.0500")) == "0,05"
    assert number(D("12.0000")) == "12"
    assert number(D("100"), 0) == "100"
