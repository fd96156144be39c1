"""Small fake indicators for the tests of monitoring's cache and API, registered in place of
the real ones for one test (`fake_indicators`), so those tests do not depend on how the real
indicators count. Each counts with one aggregate query and notes every computation in
`calls`, so a test can tell a computed figure from a kept one."""

from contextlib import contextmanager

from django.db.models import Count, Q

from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.indicators import Cell, Definition, Indicator, population


@contextmanager
def fake_indicators(*indicators: Indicator):
    """Only `indicators` are registered inside the block; the registry is restored after."""
    saved = dict(registry._registry)
    registry._registry.clear()
    for indicator in indicators:
        registry.register(indicator)
    try:
        yield
    finally:
        registry._registry.clear()
        registry._registry.update(saved)


def families_indicator(calls: list, *, code: str = "test_families", version: int = 1):
    """A share: of the families in view (made up to the period's last day: the denominator),
    those who need an interpreter (the numerator)."""

    def compute(scope, period):
        calls.append((code, scope, period.code))
        counted = population(scope).filter(created_at__date__lte=period.last)
        totals = counted.aggregate(
            all=Count("pk"), interpreter=Count("pk", filter=Q(interpreter_needed=True))
        )
        return [
            Cell(
                "interpreter",
                "Met tolk",
                numerator=totals["interpreter"],
                denominator=totals["all"],
            )
        ]

    return Indicator(
        code=code,
        version=version,
        title="Gezinnen met een tolk (test)",
        kind="share",
        definition=Definition(
            numerator="Gezinnen die een tolk nodig hebben",
            denominator="Gezinnen met toestemming voor monitoring",
            period="Aangemaakt tot en met de laatste dag",
            inclusion="Toestemming voor monitoring",
            sources=("Family.created_at", "Family.interpreter_needed"),
        ),
        compute=compute,
    )
