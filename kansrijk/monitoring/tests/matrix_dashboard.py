"""Authorization matrix rows for monitoring's dashboard part; merged into the matrix test.

The dashboard, an indicator's definition, the CSV export and the printable report are for
coordinators and analysts of the active coalition (aggregates only, suppressed); every
professional (also one who broke the glass for a family, or of another coalition) and the
administrator get 403; without a session the pages send to the login page.
"""

from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.indicators import Cell, Definition, Indicator
from kansrijk.testing.matrix import Row, World, only

READERS = only(["coordinator", "analyst"])

PLACEHOLDER = Indicator(
    code="matrix-voorbeeld",
    version=1,
    title="Voorbeeld",
    kind="count",
    definition=Definition(numerator="Geen: alleen voor de matrix."),
    compute=lambda scope, period: [Cell("aantal", "Aantal", numerator=0)],
)


def _definition_kwargs(world: World) -> dict:
    """The first registered indicator; only while none is registered yet a placeholder."""
    indicators = registry.indicators()
    if not indicators:
        registry.register(PLACEHOLDER)
        indicators = [PLACEHOLDER]
    return {"code": indicators[0].code}


ROWS: dict[str, Row] = {
    "monitoring:dashboard": Row(READERS),
    "monitoring:definition": Row(READERS, kwargs=_definition_kwargs),
    "monitoring:export": Row(READERS, data={"format": "csv"}),
    "monitoring:report": Row(READERS),
}
