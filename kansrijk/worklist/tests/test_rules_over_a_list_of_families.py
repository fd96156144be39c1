"""A professional's own families reach the rules as a list of ids, whose queries are compiled
once and then only run (`selectors._compiled_rule`): they give exactly the signals the same
families give as a queryset, and follow the day and the coalition's thresholds."""

from datetime import date, timedelta

import pytest
import time_machine

from kansrijk.families.models import Family
from kansrijk.testing.families import make_family
from kansrijk.worklist.models import SignalSetting
from kansrijk.worklist.selectors import chain_signals

from .builders import born_on, choose_route

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)


def seen(signals) -> list[tuple]:
    return [
        (s.rule.code, s.family_id, s.basis, s.since, s.why, s.responsible_organisation)
        for s in signals
    ]


@pytest.fixture
def families(cast) -> list[int]:
    """Four families opened on START: two born that day and with an urgent route, one with
    only an urgent route, one with nothing but a missing consent."""
    with time_machine.travel(START, tick=False):
        found = [make_family(cast) for _ in range(4)]
        for family in found[:2]:
            born_on(cast, family, START, today=START)
        for family in found[:3]:
            choose_route(cast, family, level="urgent")
    return [family.pk for family in found]


def test_a_list_gives_the_signals_a_queryset_of_the_same_families_gives(cast, families):
    for day in (START + timedelta(days=3), START + timedelta(days=12)):
        with time_machine.travel(day, tick=False):
            for ids in (families, families[1:3], [families[3]], []):
                listed = chain_signals(ids, cast.coalition)
                queried = chain_signals(Family.objects.filter(pk__in=ids), cast.coalition)
                assert seen(listed) == seen(queried)
    with time_machine.travel(START + timedelta(days=12), tick=False):
        codes = {s.rule.code for s in chain_signals(families, cast.coalition)}
    assert {"urgent_no_action", "gap_without_jgz_contact", "consent_missing"} <= codes


def test_a_list_follows_the_day_and_the_coalitions_threshold(cast, families):
    def consent_signals(day: date) -> set[int]:
        with time_machine.travel(day, tick=False):
            signals = chain_signals(families, cast.coalition, rule_code="consent_missing")
        return {s.family_id for s in signals}

    assert consent_signals(START + timedelta(days=7)) == set()  # seven days: not yet
    assert consent_signals(START + timedelta(days=8)) == set(families)
    SignalSetting.objects.create(coalition=cast.coalition, rule_code="consent_missing", days=20)
    assert consent_signals(START + timedelta(days=8)) == set()
    assert consent_signals(START + timedelta(days=21)) == set(families)
