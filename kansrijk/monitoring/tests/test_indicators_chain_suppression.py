"""The chain indicators' cells fit the suppression rules: a distribution's cells split its
total exactly (no part left over that the rule cannot see), and a median is a single cell."""

import pytest

from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.monitoring.suppression import REST_KEY, suppress
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.monitoring_chain import grow, kind_service

from .test_indicators_chain_queries import CODES


@pytest.mark.django_db
def test_every_distribution_splits_its_total_and_small_cells_are_hidden(cast):
    services = [kind_service(cast.coalition, CareKind.NU_NIET_ZWANGER)]
    grow(cast, 12, services)
    scope, period = Scope(cast.coalition.pk), Period.parse("2026-Q1")

    for code in CODES:
        indicator = get(code)
        cells = indicator.cells(scope, period)
        table = suppress(cells, indicator.kind, unit=indicator.unit)
        assert [cell.key for cell in table.cells if cell.key != REST_KEY] == [
            cell.key for cell in cells
        ], code
        if indicator.kind == "distribution":
            assert REST_KEY not in {cell.key for cell in table.cells}, code
            assert table.total.number in (None, sum(cell.numerator for cell in cells)), code
        for raw, shown in zip(cells, table.cells, strict=False):
            if raw.numerator is not None and raw.numerator < 10:
                assert shown.numerator.suppressed, (code, raw.key)
