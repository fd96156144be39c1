"""The chain indicators are computed in the database: the same queries for 3 families as for
12, and each indicator's definition is complete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.monitoring_chain import grow, kind_service

CODES = (
    "handovers_on_time",
    "gap_with_jgz_contact",
    "referrals_by_status",
    "referral_response_time",
    "interpreter_use",
    "interpreter_languages",
    "intervention_reach",
    "open_chain_signals",
)
# What each indicator asks the database, whatever the number of families:
BUDGET = {
    "handovers_on_time": 1,  # counts grouped by chain moment
    "gap_with_jgz_contact": 1,  # one aggregate with EXISTS for the planned contacts
    "referrals_by_status": 1,  # counts grouped by status
    "referral_response_time": 2,  # the number answered; the middle one or two durations
    "interpreter_use": 1,  # two conditional counts
    "interpreter_languages": 2,  # the number needing one; the five most frequent languages
    "intervention_reach": 1,  # eight conditional counts
    "open_chain_signals": 3,  # one aggregate per kind of signal
}


def queries(code: str, scope: Scope, period: Period) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        cells = get(code).cells(scope, period)
    return len(captured.captured_queries), cells


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_number_of_families(cast):
    services = [
        kind_service(cast.coalition, kind)
        for kind in (CareKind.NU_NIET_ZWANGER, CareKind.VOORZORG, CareKind.CENTERING)
    ]
    scope, period = Scope(cast.coalition.pk), Period.parse("2026-Q1")
    grow(cast, 3, services)
    few = {code: queries(code, scope, period) for code in CODES}
    grow(cast, 9, services)
    many = {code: queries(code, scope, period) for code in CODES}

    for code in CODES:
        assert few[code][0] == many[code][0] == BUDGET[code], code
    # The figures did grow: the data was really there.
    assert sum(cell.denominator for cell in few["handovers_on_time"][1]) == 6
    assert sum(cell.denominator for cell in many["handovers_on_time"][1]) == 24
    assert many["interpreter_use"][1][0].numerator == 12
    signals = many["open_chain_signals"][1]
    assert sum(cell.numerator for cell in signals if cell.key.startswith("no_case")) == 12


@pytest.mark.parametrize("code", CODES)
def test_each_indicator_has_a_complete_dutch_definition(code):
    indicator = get(code)

    assert indicator.version == 1
    assert indicator.group == "chain"
    assert indicator.kind in {"count", "share", "median", "distribution"}
    assert str(indicator.title)
    definition = indicator.definition
    for text in (definition.numerator, definition.denominator, definition.period):
        assert len(str(text)) > 20, text
    assert "toestemming voor de monitoring" in str(definition.inclusion)
    assert definition.sources
    for source in definition.sources:
        app_model, field = source.split(" ")[0].rsplit(".", 1)
        assert app_model.count(".") == 1, source
        assert field, source
