"""Authorization matrix rows for the MDO series writes of the API (kansrijk/mdo/api_series.py).

The series URLs (`api:mdo_series_list`, `api:mdo_series_detail`, `api:mdo_series_meetings`)
keep their GET rows in matrix_api.py: the views here add writes to the same paths. `ROWS`
is therefore empty; `WRITE_ROWS` has the writes, checked for every actor of the matrix's world
by test_series_api_authorization_writes.py. The world's series is the coordinator's, with the
outsider as standing member: only the coordinator sets up, changes and plans (the outsider,
a member without the chair's or secretary's role, gets 403, as on the pages); the other
professionals and break-the-glass get 403 (not of the series) or, for a series they cannot
see, 403 too; analysts and administrators 403; without a session or token 401.
"""

from datetime import timedelta

from django.utils import timezone

from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.mdo import make_series

ROWS: dict = {}


def _series(world: World) -> dict:
    return {"pk": make_series(world.cast).pk}


def _meeting_data(world: World) -> dict:
    return {"starts_at": (timezone.now() + timedelta(days=7)).isoformat()}


WRITE_ROWS: dict[str, Row] = {
    "api:mdo_series_list": Row(
        only(["coordinator"], 201, anonymous=401),
        method="post",
        data={"name": "Via de API", "recurrence": "monthly"},
    ),
    "api:mdo_series_detail": Row(
        only(["coordinator"], 200, anonymous=401),
        method="patch",
        kwargs=_series,
        data={"name": "Via de API"},
    ),
    "api:mdo_series_meetings": Row(
        only(["coordinator"], 201, anonymous=401),
        method="post",
        kwargs=_series,
        data=_meeting_data,
    ),
}
