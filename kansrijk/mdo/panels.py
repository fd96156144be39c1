"""Panels on a named item's page in meeting mode, registered by apps above `mdo`.

The item page shows what the MDO needs about a family it discusses by name; some of that is
computed by apps that import `mdo` (the work queue's open chain signals), which `mdo` must
not import (DESIGN.md section 2). Those apps register a panel here from their
`AppConfig.ready`: a template and a function `context(request, family) -> dict`. The page
calls the panels only for a family the viewer was granted by the access policy (the read is
logged by the page), and renders them in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemPanel:
    code: str
    template: str
    context: Callable[[object, object], dict]
    order: int = 50


_panels: dict[str, ItemPanel] = {}


def register_item_panel(
    code: str, template: str, context_fn: Callable[[object, object], dict], *, order: int = 50
) -> None:
    """Add (or replace, on a reload) a panel."""
    _panels[code] = ItemPanel(code=code, template=template, context=context_fn, order=order)


def item_panels(request, family) -> list[tuple[str, dict]]:
    """(template, context) of every registered panel for a granted `family`."""
    return [
        (panel.template, panel.context(request, family))
        for panel in sorted(_panels.values(), key=lambda p: (p.order, p.code))
    ]
