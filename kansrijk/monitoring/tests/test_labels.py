"""Kept figures carry their labels in Dutch, whatever the language of whoever caused them to
be computed; they are shown in the language of whoever looks."""

from datetime import date

import pytest
from django.utils import translation

from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.figures import figures
from kansrijk.monitoring.indicators import Scope
from kansrijk.monitoring.models import IndicatorSnapshot
from kansrijk.monitoring.periods import Period
from kansrijk.monitoring.suppression import suppress
from kansrijk.testing.monitoring import monitored_family

pytestmark = pytest.mark.django_db


def test_a_label_is_kept_in_dutch_and_shown_in_the_language_of_the_reader(cast):
    monitored_family(cast.coalition, cast.coordinator, due_date=date(2026, 12, 1))
    scope, period = Scope(cast.coalition.pk), Period.parse("2026-Q3")
    indicator = registry.get("pregnancies_signalled")

    with translation.override("en"):
        cells = figures(scope, period, codes={indicator.code})[indicator.code]
        english = suppress(cells, indicator.kind)
    with translation.override("nl"):
        dutch = suppress(cells, indicator.kind)

    kept = IndicatorSnapshot.objects.get(indicator=indicator.code, period="2026-Q3")
    assert kept.cells[0]["label"] == "Zwangerschappen gesignaleerd"
    assert dutch.cells[0].label == "Zwangerschappen gesignaleerd"
    assert english.cells[0].label == "Pregnancies signalled"
