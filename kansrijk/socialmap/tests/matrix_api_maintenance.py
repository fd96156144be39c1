"""Authorization matrix rows for maintaining the social map and its care paths through the
API (kansrijk/socialmap/api_maintenance.py, api_paths.py); merged into the matrix test.

The pages' policy with 401 instead of a login page. The world's provider (of the first
coalition) is maintained by the outsider, whom the coordinator delegated as its editor:
coordinators maintain the whole map and its editors, the editor that provider and its
services; every other professional, the analyst and those who broke the glass get 403, the
administrator too; a provider or service of the first coalition does not exist for the
professional of the other coalition (404), who maintains nothing there either (403 on the
lists). Care paths: professionals and coordinators read them (the other coalition's
professional their own, empty, list and 404 for this path), only coordinators change them.
Writes are sent without input where that is refused with 400, so that every actor who may act
gets the same answer whatever came before.
"""

from kansrijk.testing.matrix import Row, World, everyone, only
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_with_editor
from kansrijk.testing.socialmap_paths import make_path

MAINTAINERS = ["coordinator", "outsider"]
COORDINATOR = ["coordinator"]
JSON = {"Content-Type": "application/json"}


def _api(allowed: list[str], outcome: int, *, elsewhere: int = 404) -> dict:
    return {**only(allowed, outcome, anonymous=401), "other_coalition_professional": elsewhere}


def _delegation(world: World) -> dict:
    provider_with_editor(world.cast)
    return {}


def _provider(world: World) -> dict:
    return {"pk": provider_with_editor(world.cast).pk}


def _service(world: World) -> dict:
    return {"pk": service_with_editor(world.cast).pk}


def _editor(world: World) -> dict:
    provider = provider_with_editor(world.cast)
    return {"pk": provider.pk, "editor_pk": provider.editors.get().pk}


def _path(world: World):
    service = make_service(make_provider(world.cast.coalition))
    return make_path(world.cast.coalition, steps=[("Aanmelden bij schuldhulp", [service])])


def _path_kwargs(world: World) -> dict:
    return {"pk": _path(world).pk}


def _step_kwargs(world: World) -> dict:
    path = _path(world)
    return {"pk": path.pk, "step_pk": path.steps.get().pk}


def _link_kwargs(world: World) -> dict:
    path = _path(world)
    step = path.steps.get()
    return {"pk": path.pk, "step_pk": step.pk, "link_pk": step.services.get().pk}


READERS = everyone(200, anonymous=401, analyst=403, administrator=403)

ROWS: dict[str, Row] = {
    "api:socialmap_maintained_providers": Row(
        _api(MAINTAINERS, 200, elsewhere=403), kwargs=_delegation
    ),
    "api:socialmap_maintained_provider": Row(_api(MAINTAINERS, 200), kwargs=_provider),
    # Without a name the page's form refuses the new service.
    "api:socialmap_provider_services": Row(_api(MAINTAINERS, 400), method="post", kwargs=_provider),
    "api:socialmap_provider_editors": Row(_api(COORDINATOR, 200), kwargs=_provider),
    "api:socialmap_provider_editor": Row(_api(COORDINATOR, 204), method="delete", kwargs=_editor),
    "api:socialmap_maintained_services": Row(
        _api(MAINTAINERS, 200, elsewhere=403), kwargs=_delegation
    ),
    "api:socialmap_maintained_service": Row(_api(MAINTAINERS, 200), kwargs=_service),
    "api:socialmap_service_verify": Row(_api(MAINTAINERS, 200), method="post", kwargs=_service),
    "api:care_path_list": Row(READERS),
    "api:care_path_detail": Row(
        {**READERS, "other_coalition_professional": 404}, kwargs=_path_kwargs
    ),
    # Without a title the page's form refuses the new step.
    "api:care_path_steps": Row(_api(COORDINATOR, 400), method="post", kwargs=_path_kwargs),
    # An empty change keeps the step as it is.
    "api:care_path_step": Row(
        _api(COORDINATOR, 200), method="patch", kwargs=_step_kwargs, headers=JSON
    ),
    # A one-step path: moving changes nothing and answers the path.
    "api:care_path_step_move": Row(
        _api(COORDINATOR, 200), method="post", kwargs=_step_kwargs, data={"direction": "up"}
    ),
    # Without a service the page's form refuses.
    "api:care_path_step_services": Row(_api(COORDINATOR, 400), method="post", kwargs=_step_kwargs),
    "api:care_path_step_service": Row(_api(COORDINATOR, 204), method="delete", kwargs=_link_kwargs),
}
