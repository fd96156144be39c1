"""Authorization matrix rows for the signaling configuration API (route steps, instruments in
use); merged into the matrix test.

As on the pages, only coordinators of the coalition read them; every professional (on the
care team or not, of this or another coalition, after breaking the glass), the analyst and the
administrator get 403; without a session or token 401. The writes (POST, PATCH, PUT:
coordinators only) are covered by `test_api_config.py`.
"""

from kansrijk.signaling.services import route_step_save
from kansrijk.testing.matrix import Row, World, only

COORDINATORS = only(["coordinator"], anonymous=401)


def _step_kwargs(world: World) -> dict:
    step = route_step_save(
        actor=world.cast.coordinator,
        coalition=world.cast.coalition,
        step_pk=None,
        data={"route": 2, "title": "Huisbezoek", "owner_kind": "decider", "due_days": 5},
    )
    return {"step_pk": step.pk}


ROWS: dict[str, Row] = {
    "api:route_step_list": Row(COORDINATORS),
    "api:route_step_detail": Row(COORDINATORS, kwargs=_step_kwargs),
    "api:instrument_settings": Row(COORDINATORS),
}
