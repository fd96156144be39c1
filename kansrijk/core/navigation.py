"""The main menu. Each app registers its area when Django starts (`AppConfig.ready`).

An area appears only once it is built and only for those who may use it, so the menu never
offers a page that answers "no access".
"""

from collections.abc import Callable
from dataclasses import dataclass

from kansrijk.core.reversing import reverse


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    order: int
    visible: Callable[[object], bool]


_areas: dict[str, Area] = {}


def register_area(*, label, url_name: str, order: int, visible=lambda request: True) -> None:
    _areas[url_name] = Area(label=label, url_name=url_name, order=order, visible=visible)


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"navigation": []}
    items = []
    for area in sorted(_areas.values(), key=lambda a: a.order):
        if area.visible(request):
            url = reverse(area.url_name)
            matches = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": area.label, "url": url, "current": matches})
    # Only the longest matching area is current (/monitoring/regio/ is "Regio", not also
    # "Monitoring").
    longest = max((len(item["url"]) for item in items if item["current"]), default=0)
    for item in items:
        item["current"] = item["current"] and len(item["url"]) == longest
    # Lazy: only the Beheer pages' menu asks for it.
    return {"navigation": items, "manage_pages": lambda: manage_pages(request)}


# --- Pages under "Beheer" that higher apps add ------------------------------------------------


@dataclass(frozen=True)
class ManagePage:
    label: str
    description: str
    url_name: str
    order: int
    visible: Callable[[object], bool]


_manage_pages: dict[str, ManagePage] = {}


def register_manage_page(
    *, label, description, url_name: str, order: int, visible=lambda request: True
) -> None:
    """Add a page to the Beheer overview and its menu (from `AppConfig.ready`)."""
    _manage_pages[url_name] = ManagePage(label, description, url_name, order, visible)


def manage_pages(request) -> list[dict]:
    """The registered Beheer pages this request may use, with their URL."""
    return [
        {
            "label": page.label,
            "description": page.description,
            "url": reverse(page.url_name),
        }
        for page in sorted(_manage_pages.values(), key=lambda p: p.order)
        if page.visible(request)
    ]
