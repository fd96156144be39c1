"""The indicator registry: each module of this package defines indicators and registers
them with `register`; `load_all` imports the modules when Django starts (MonitoringConfig),
`indicators()` lists them in the order of the dashboard."""

from importlib import import_module

from .base import Cell, Definition, Indicator, Scope, population

MODULES: tuple[str, ...] = ("signaling", "chain")

_registry: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    _registry[indicator.code] = indicator
    return indicator


def load_all() -> None:
    for name in MODULES:
        import_module(f"{__name__}.{name}")


def indicators() -> list[Indicator]:
    return list(_registry.values())


def get(code: str) -> Indicator:
    return _registry[code]


__all__ = [
    "Cell",
    "Definition",
    "Indicator",
    "Scope",
    "get",
    "indicators",
    "population",
    "register",
]
