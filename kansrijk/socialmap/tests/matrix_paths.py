"""Authorization matrix rows for the social map's care paths; merged into the matrix test.

The world's care path belongs to the cast's (first) coalition and has one step with one
service. The list and a path's page are for professionals and coordinators of the active
coalition: the professional of the other coalition sees their own (empty) list, and the
first coalition's path does not exist for them (404). Creating and changing paths, steps and
their services is for coordinators (403 for everyone else, also for professionals).
Analysts and administrators get nothing (403).
"""

from kansrijk.testing.matrix import Row, World, everyone, only
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

READERS = everyone(200, analyst=403, administrator=403)
COORDINATOR = ["coordinator"]


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


ROWS: dict[str, Row] = {
    "socialmap:path_list": Row(READERS),
    "socialmap:path_detail": Row(
        {**READERS, "other_coalition_professional": 404}, kwargs=_path_kwargs
    ),
    "socialmap:path_add": Row(only(COORDINATOR)),
    "socialmap:path_edit": Row(only(COORDINATOR), kwargs=_path_kwargs),
    "socialmap:path_step_add": Row(only(COORDINATOR), kwargs=_path_kwargs),
    "socialmap:path_step_edit": Row(only(COORDINATOR), kwargs=_step_kwargs),
    # The confirmation pages; their POSTs go through the same check.
    "socialmap:path_step_remove": Row(only(COORDINATOR), kwargs=_step_kwargs),
    "socialmap:path_step_service_remove": Row(only(COORDINATOR), kwargs=_link_kwargs),
    "socialmap:path_step_service_add": Row(only(COORDINATOR), kwargs=_step_kwargs),
    # A one-step path: moving is a no-op that still sends the coordinator back to the path.
    "socialmap:path_step_move": Row(
        only(COORDINATOR, 302), method="post", kwargs=_step_kwargs, data={"richting": "omhoog"}
    ),
}
