"""Test data for the monitoring dashboard: four small fake indicators (a count, a share, a
distribution and a median) computed with one aggregate query each from the families
registered in the period, and families registered on a given day.

The `fake_indicators` fixture puts only these in the registry and restores the real ones
afterwards, so that the dashboard's tests do not depend on the real indicators.
"""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from kansrijk.families.models import Family
from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.indicators import Cell, Definition, Indicator, population

from .monitoring import monitored_family


def _registered(scope, period):
    return population(scope).filter(
        created_at__date__gte=period.first, created_at__date__lte=period.last
    )


def _new(scope, period):
    return [Cell("nieuw", "Nieuwe gezinnen", numerator=_registered(scope, period).count())]


def _interpreter(scope, period):
    counts = _registered(scope, period).aggregate(
        total=Count("pk"), interpreter=Count("pk", filter=Q(interpreter_needed=True))
    )
    return [
        Cell(
            "tolk",
            "Met tolk",
            numerator=counts["interpreter"],
            denominator=counts["total"],
        )
    ]


def _income(scope, period):
    counts = _registered(scope, period).aggregate(
        total=Count("pk"), low=Count("pk", filter=Q(low_income=True))
    )
    total = counts["total"]
    return [
        Cell("laag", "Laag inkomen", numerator=counts["low"], denominator=total),
        Cell("anders", "Geen laag inkomen", numerator=total - counts["low"], denominator=total),
    ]


def _median(scope, period):
    total = _registered(scope, period).count()
    return [Cell("dagen", "Dagen tot eerste contact", denominator=total, value=Decimal("12.5"))]


FAKES = (
    Indicator(
        code="test-nieuw",
        additive=True,
        version=2,
        title="Nieuwe gezinnen",
        kind="count",
        group="Bereik",
        definition=Definition(
            numerator="Gezinnen die in de periode zijn vastgelegd.",
            period="Datum van vastleggen in de periode.",
            inclusion="Gezinnen met toestemming voor monitoring.",
            sources=("families.Family.created_at",),
        ),
        compute=_new,
    ),
    Indicator(
        code="test-tolk",
        additive=True,
        version=1,
        title="Gezinnen met een tolk",
        kind="share",
        group="Bereik",
        definition=Definition(
            numerator="Nieuwe gezinnen die een tolk nodig hebben.",
            denominator="Nieuwe gezinnen.",
            sources=("families.Family.interpreter_needed",),
        ),
        compute=_interpreter,
    ),
    Indicator(
        code="test-inkomen",
        additive=True,
        version=1,
        title="Nieuwe gezinnen naar inkomen",
        kind="distribution",
        group="Gezinnen",
        definition=Definition(
            numerator="Nieuwe gezinnen per inkomensgroep.",
            denominator="Nieuwe gezinnen.",
            sources=("families.Family.low_income",),
        ),
        compute=_income,
    ),
    Indicator(
        code="test-mediaan",
        additive=True,
        version=1,
        title="Mediane tijd tot eerste contact",
        kind="median",
        group="Gezinnen",
        unit="dagen",
        definition=Definition(
            numerator="Mediaan (vast in de test).", denominator="Nieuwe gezinnen."
        ),
        compute=_median,
    ),
)


@pytest.fixture
def fake_indicators():
    saved = dict(registry._registry)
    registry._registry.clear()
    for indicator in FAKES:
        registry.register(indicator)
    yield FAKES
    registry._registry.clear()
    registry._registry.update(saved)


def registered_families(coalition, recorded_by, day: date, number: int, **fields) -> list[Family]:
    """`number` monitored families registered on `day` (created_at moved to noon that day)."""
    families = [monitored_family(coalition, recorded_by, **fields) for _index in range(number)]
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    Family.objects.filter(pk__in=[family.pk for family in families]).update(created_at=moment)
    return families
