"""The main menu. Each app registers its area when Django starts (`AppConfig.ready`).

An area appears only once it is built and only for those who may use it, so the menu never
offers a page that answers "no access".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


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
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": area.label, "url": url, "current": current})
    return {"navigation": items}
