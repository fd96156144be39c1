"""Authorization matrix rows for the social map's HSDS API; merged into the matrix test.

The map is public within the coalition: every professional, coordinator and analyst of the
world's coalition reads its services, organizations and locations (those who broke the
glass are professionals of the coalition too). The professional of the other coalition gets
the lists (without these records: an empty list is no refusal) and 404 for one of them. An
administrator without another role gets 403; without a session the API answers 401.
"""

from kansrijk.socialmap.models import Location, ServiceAtLocation
from kansrijk.testing.matrix import Row, World, everyone
from kansrijk.testing.socialmap import make_provider, make_service


def _service(world: World):
    return make_service(make_provider(world.cast.coalition))


def _service_kwargs(world: World) -> dict:
    return {"pk": _service(world).pk}


def _organization_kwargs(world: World) -> dict:
    return {"pk": _service(world).organization_id}


def _location_kwargs(world: World) -> dict:
    service = _service(world)
    location = Location.objects.create(organization=service.organization, name="Wijkcentrum")
    ServiceAtLocation.objects.create(service=service, location=location)
    return {"pk": location.pk}


LISTS = everyone(200, anonymous=401, administrator=403)
DETAILS = everyone(200, anonymous=401, administrator=403, other_coalition_professional=404)

ROWS: dict[str, Row] = {
    "api:socialmap_service_list": Row(LISTS),
    "api:socialmap_service_detail": Row(DETAILS, kwargs=_service_kwargs),
    "api:socialmap_organization_list": Row(LISTS),
    "api:socialmap_organization_detail": Row(DETAILS, kwargs=_organization_kwargs),
    "api:socialmap_location_list": Row(LISTS),
    "api:socialmap_location_detail": Row(DETAILS, kwargs=_location_kwargs),
}
