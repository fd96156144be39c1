"""The demo's fictional example scenario: one per demo coalition, clearly marked, every
number with the fictional source, and showing the wrong pocket."""

import pytest

from kansrijk.financing import demo_business
from kansrijk.financing.business_case import case_input, compute_all
from kansrijk.financing.models import BusinessCase, BusinessCaseEffect, BusinessCaseSaving
from kansrijk.financing.selectors_business import coalition_case
from kansrijk.organisations import demo as organisations_demo
from kansrijk.testing.factories import CoalitionFactory, RegionFactory

pytestmark = pytest.mark.django_db

FICTIONAL = "Fictief: verzonnen voor de demo, geen echte cijfers"


def test_the_step_is_registered_after_the_social_map():
    steps = organisations_demo._demo_steps
    key = "kansrijk.financing.demo_business.seed_demo_business"
    assert steps[key][0] == 58


def test_one_example_per_demo_coalition_and_idempotent(cast):
    region = RegionFactory(name="Demo")
    for spec in organisations_demo.COALITIONS.values():
        CoalitionFactory(region=region, name=spec["name"])

    assert "2 fictieve" in demo_business.seed_demo_business()
    assert demo_business.seed_demo_business() is None  # nothing new

    cases = BusinessCase.objects.filter(is_example=True)
    assert cases.count() == 2
    assert all(case.name.startswith("Fictief voorbeeld: ") for case in cases)
    assert not BusinessCase.objects.filter(coalition=cast.coalition).exists()


def test_every_number_says_it_is_made_up_and_the_wrong_pocket_shows(cast):
    case = demo_business.create_example_case(cast.coalition)

    assert case.is_example
    assert set(case.interventions.values_list("source", flat=True)) == {FICTIONAL}
    assert set(BusinessCaseEffect.objects.filter(case=case).values_list("source", flat=True)) == {
        FICTIONAL
    }
    assert set(
        BusinessCaseSaving.objects.filter(effect__case=case).values_list("source", flat=True)
    ) == {FICTIONAL}
    assert case.created_by == cast.coordinator
    results = compute_all(case_input(coalition_case(cast.coalition.pk, case.pk)))
    base = results["base"]
    assert base.wrong_pocket
    assert base.payer("gemeente_wpg").wrong_pocket
    assert base.payer("insurer").total_net > 0
    # Hand-computed, per year: -87,000, then -25,000 (62,000 saved), then +30,000 (117,000
    # saved); cumulative -87, -112, -82, -52, -22, +8 thousand: break-even in the sixth year.
    assert base.break_even_year == case.start_year + 5
    assert results["low"].total_net < base.total_net < results["high"].total_net
