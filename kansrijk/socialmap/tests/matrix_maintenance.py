"""Authorization matrix rows for the social map's maintenance part; merged into the matrix test.

The world's provider (of the first coalition) is maintained by the outsider, a midwife the
coordinator delegated as its editor. Coordinators of the coalition maintain the whole map
and its editors; the delegated editor maintains only that provider and its services (not
the editors, no new providers). Everyone else gets 403; a provider or service of another
coalition does not exist for its professional (404).
"""

from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_with_editor

MAINTAINERS = ["coordinator", "outsider"]
COORDINATOR = ["coordinator"]


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


def _elsewhere(expect: dict) -> dict:
    return {**expect, "other_coalition_professional": 404}


ROWS: dict[str, Row] = {
    "socialmap:map_overview": Row(only(MAINTAINERS), kwargs=_delegation),
    "socialmap:map_providers": Row(only(MAINTAINERS), kwargs=_delegation),
    "socialmap:map_provider_create": Row(only(COORDINATOR)),
    "socialmap:map_provider_edit": Row(_elsewhere(only(MAINTAINERS)), kwargs=_provider),
    "socialmap:map_service_create": Row(_elsewhere(only(MAINTAINERS)), kwargs=_provider),
    "socialmap:map_service_edit": Row(_elsewhere(only(MAINTAINERS)), kwargs=_service),
    "socialmap:map_service_check": Row(
        _elsewhere(only(MAINTAINERS, 302)), method="post", kwargs=_service
    ),
    "socialmap:map_editors": Row(_elsewhere(only(COORDINATOR)), kwargs=_provider),
    # The confirmation page; the POST goes through the same check.
    "socialmap:map_editor_remove": Row(_elsewhere(only(COORDINATOR)), kwargs=_editor),
}
