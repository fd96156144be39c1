"""Authorization matrix rows for the landscape's write API (agreements, partnerships, central
reporting points); merged into the matrix test.

Reading (GET) a list or one row is for coordinators and analysts, as on the pages; every
professional (on the care team or not, of this or another coalition, after breaking the glass)
and the administrator get 403; without a session or token 401. The writes (POST, PATCH,
DELETE: coordinators only, analysts 403) are covered by `test_api_write_agreements.py` and
`test_api_write_landscape.py`.
"""

from kansrijk.organisations.models import Municipality
from kansrijk.testing.landscape import agreement_kwargs, make_central_point, partnership_kwargs
from kansrijk.testing.matrix import Row, World, only

READERS = only(["coordinator", "analyst"], anonymous=401)


def central_point_kwargs(world: World) -> dict:
    municipality = Municipality.objects.get(coalition=world.cast.coalition)
    return {"pk": make_central_point(municipality).pk}


ROWS: dict[str, Row] = {
    "api:agreement_list": Row(READERS),
    "api:agreement_detail": Row(READERS, kwargs=agreement_kwargs),
    "api:partnership_list": Row(READERS),
    "api:partnership_detail": Row(READERS, kwargs=partnership_kwargs),
    "api:central_point_list": Row(READERS),
    "api:central_point_detail": Row(READERS, kwargs=central_point_kwargs),
}
