"""Beside each cell: how many referrals in the last 12 months went to its services and how many
completed, only of families with monitoring consent, suppressed as the monitoring does."""

import pytest

from kansrijk.landscape.klantroute import usage_of
from kansrijk.landscape.selectors_klantroute import klantroute
from kansrijk.testing.landscape_klantroute import VULNERABLE, klantroute_world, referrals_to

pytestmark = pytest.mark.django_db


def _usage(cast, phase, need, **kwargs):
    cell = klantroute(cast.coalition, target_group=VULNERABLE, **kwargs).grid.cell(phase, need)
    return cell.usage.referred.text, cell.usage.completed.text


def test_counts_under_ten_are_hidden():
    assert (usage_of(0, 0).referred.text, usage_of(0, 0).completed.text) == ("<10", "<10")
    assert usage_of(9, 2).referred.text == "<10"
    shown = usage_of(25, 12)
    assert (shown.referred.number, shown.completed.number) == (25, 12)


def test_a_completed_count_that_gives_away_the_rest_is_hidden_too():
    shown = usage_of(15, 12)  # 3 not completed
    assert shown.referred.number == 15
    assert shown.completed.text == "x"
    assert shown.completed.number is None


def test_referrals_of_the_last_year_with_consent_count(cast):
    world = klantroute_world(cast)
    referrals_to(world.kraamzorg, cast, 14, completed=2)
    referrals_to(world.kraamzorg, cast, 10, completed=10)
    referrals_to(world.kraamzorg, cast, 5, consent=False)  # no monitoring consent
    referrals_to(world.kraamzorg, cast, 5, days_ago=400)  # older than 12 months
    assert _usage(cast, "gap", "parenting") == ("24", "12")
    assert _usage(cast, "gap", "language") == ("<10", "<10")


def test_a_cell_sums_its_services_and_the_filter_counts_families_of_that_municipality(cast):
    world = klantroute_world(cast)
    referrals_to(world.taal, cast, 6, completed=0)
    referrals_to(world.taal, cast, 6, completed=0, municipality=world.noorddorp)
    assert _usage(cast, "gap", "language") == ("12", "<10")
    assert _usage(cast, "gap", "language", municipality=world.noorddorp) == ("<10", "<10")
