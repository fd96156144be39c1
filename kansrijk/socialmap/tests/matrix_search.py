"""Authorization matrix rows for the social map's search part; merged into the matrix test.

The map holds no family data and is public within the coalition: every professional,
coordinator and analyst of the active coalition searches it and reads its services, whether
on a care team or not. A technical administrator gets "no access" (403). A professional of
the other coalition searches their own coalition's map, and a service of the first coalition
is "not found" (404) for them.
"""

from kansrijk.testing.matrix import Row, World, everyone
from kansrijk.testing.socialmap import make_provider, make_service


def _service(world: World) -> dict:
    provider = make_provider(world.cast.coalition)
    return {"pk": make_service(provider).pk}


ROWS: dict[str, Row] = {
    "socialmap:search": Row(everyone(200, administrator=403)),
    "socialmap:service": Row(
        everyone(200, administrator=403, other_coalition_professional=404), kwargs=_service
    ),
}
