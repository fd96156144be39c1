"""Every chain-signal rule can be shown and acted on: unique code, a default inside its own
limits, a "why" that fills in, and an action that exists among the family's pages."""

from datetime import date

import pytest
from django.urls import reverse

from kansrijk.worklist.rules import RULES

SAMPLE_ROW = {
    "basis": date(2027, 3, 3),
    "route_now": 2,
    "consent_refused": False,
    "receiving_organisation": "Buurtteam",
}


def test_codes_are_unique_and_ordered():
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert [rule.order for rule in RULES] == sorted(rule.order for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_explains_itself_and_links_to_an_action(rule):
    assert rule.min_days <= rule.default_days <= rule.max_days
    why = rule.explain(SAMPLE_ROW, days=rule.default_days)
    assert "%(" not in why
    assert "3 maart 2027" in why or "2029" in why
    assert reverse(rule.act.url_name, args=[1]).startswith("/")
    assert rule.act.method in {"get", "post"}
    assert rule.starts(SAMPLE_ROW["basis"], rule.default_days) >= SAMPLE_ROW["basis"]
