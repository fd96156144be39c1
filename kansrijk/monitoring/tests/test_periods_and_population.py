"""Periods parse and step as a coalition reports (years, quarters, months, across the year
boundary), and only families whose monitoring consent is in force count."""

from datetime import date

import pytest

from kansrijk.monitoring.indicators import Scope, population
from kansrijk.monitoring.periods import Period, PeriodError
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring import monitored_family


@pytest.mark.parametrize(
    ("code", "first", "last", "previous"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2025"),
        ("2026-q3", date(2026, 7, 1), date(2026, 9, 30), "2026-Q2"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "2025-Q4"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-01"),
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31), "2025-12"),
    ],
)
def test_a_period_has_its_days_and_the_one_before(code, first, last, previous):
    period = Period.parse(code)

    assert (period.first, period.last) == (first, last)
    assert period.previous().code == previous


def test_a_quarter_has_three_months():
    assert [month.code for month in Period.parse("2026-Q4").months()] == [
        "2026-10",
        "2026-11",
        "2026-12",
    ]


@pytest.mark.parametrize("code", ["", "2026-Q5", "2026-13", "26", "1999", "Q3-2026"])
def test_a_bad_period_is_refused_in_dutch(code):
    with pytest.raises(PeriodError, match=r"Geef een periode|Kies een jaar"):
        Period.parse(code)


@pytest.mark.django_db
def test_only_families_with_monitoring_consent_in_force_count(cast):
    counted = monitored_family(cast.coalition, cast.coordinator)
    monitored_family(cast.coalition, cast.coordinator, consent=False)
    monitored_family(cast.coalition, cast.coordinator, withdrawn=True)
    monitored_family(cast.coalition, cast.coordinator, consent=None)
    monitored_family(cast.other_coalition, cast.coordinator)

    assert list(population(Scope(cast.coalition.pk))) == [counted]


@pytest.mark.django_db
def test_a_municipality_counts_the_families_living_there_now(cast):
    elsewhere = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Derdedorp")
    here = monitored_family(cast.coalition, cast.coordinator)
    moved = monitored_family(cast.coalition, cast.coordinator)
    moved.municipality = elsewhere
    moved.save(update_fields=["municipality"])

    assert list(population(Scope(cast.coalition.pk, elsewhere.pk))) == [moved]
    assert here in population(Scope(cast.coalition.pk))
