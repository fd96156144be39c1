"""The figures of a scope and period: every registered indicator's raw cells.

This is the one door the dashboard, the exports, the API and the federation read through;
whether the cells come fresh from the database or from a kept snapshot is decided here.
"""

from . import indicators as registry
from .indicators import Cell, Scope
from .periods import Period


def figures(scope: Scope, period: Period, *, codes=None) -> dict[str, list[Cell]]:
    """{indicator code: raw cells} for the scope and period, in the dashboard's order."""
    wanted = [i for i in registry.indicators() if codes is None or i.code in codes]
    return {indicator.code: indicator.cells(scope, period) for indicator in wanted}
