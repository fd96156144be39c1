"""Property: whatever the inputs, the per-payer nets add up to the total net, per year and
over the horizon, for every estimate; and the cumulative net ends at the total net."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.financing.business_case import (
    ESTIMATES,
    CaseInput,
    EffectInput,
    InterventionInput,
    SavingInput,
    compute,
)
from kansrijk.financing.models import BusinessPayer

payers = st.sampled_from(BusinessPayer.values)
money = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2)
sizes = st.decimals(min_value=0, max_value=Decimal("5"), places=4)


@st.composite
def cases(draw) -> CaseInput:
    horizon = draw(st.integers(min_value=1, max_value=15))
    interventions = draw(
        st.lists(
            st.builds(
                InterventionInput,
                reach_per_year=st.integers(min_value=1, max_value=10_000),
                cost_per_family=money,
                payer=payers,
            ),
            max_size=4,
        )
    )
    effects = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        low, base, high = sorted(draw(st.lists(sizes, min_size=3, max_size=3)))
        savings = draw(
            st.lists(
                st.builds(SavingInput, payer=payers, amount_per_outcome=money),
                max_size=3,
                unique_by=lambda saving: saving.payer,
            )
        )
        effects.append(
            EffectInput(
                reach_per_year=draw(st.integers(min_value=1, max_value=10_000)),
                low=low,
                base=base,
                high=high,
                lag_years=draw(st.integers(min_value=0, max_value=horizon - 1)),
                savings=tuple(savings),
            )
        )
    return CaseInput(
        start_year=draw(st.integers(min_value=2000, max_value=2085)),
        horizon_years=horizon,
        interventions=tuple(interventions),
        effects=tuple(effects),
    )


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from(ESTIMATES))
def test_the_per_payer_nets_add_up_to_the_total_net(inputs, estimate):
    result = compute(inputs, estimate)

    assert sum((payer.total_net for payer in result.payers), Decimal(0)) == result.total_net
    for t, total in enumerate(result.totals):
        assert sum((payer.years[t].net for payer in result.payers), Decimal(0)) == total.net
    if result.totals:
        assert result.totals[-1].cumulative_net == result.total_net
    if result.break_even_year is not None:
        index = result.years.index(result.break_even_year)
        assert result.totals[index].cumulative_net >= 0
        assert all(total.cumulative_net < 0 for total in result.totals[:index])
    # Nobody is in the wrong pocket unless someone else gains.
    gainers = [payer for payer in result.payers if payer.total_net > 0]
    if not gainers:
        assert not result.wrong_pocket
