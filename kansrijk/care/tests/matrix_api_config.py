"""Authorization matrix rows for the chain-moments API; merged into the matrix test.

As on the pages, only coordinators of the coalition read the chain moments; every
professional (on the care team or not, of this or another coalition, after breaking the
glass), the analyst and the administrator get 403; without a session or token 401. The writes
(POST, PATCH: coordinators only) are covered by `test_api_config.py`.

The row names a moment the first coalition added itself: its code exists in no other
coalition, so the IDOR sweep (test_idor.py) sees the other coalition's coordinator get 404.
"""

from kansrijk.care.services_handovers import chain_moment_save
from kansrijk.testing.matrix import Row, World, only

COORDINATORS = only(["coordinator"], anonymous=401)


def _moment_kwargs(world: World) -> dict:
    moment = chain_moment_save(
        actor=world.cast.coordinator,
        coalition=world.cast.coalition,
        code=None,
        data={
            "name": "Eigen moment Eerstedorp",
            "from_kinds": ["kraamzorg"],
            "to_kind": "jgz",
            "anchor": "birth_date",
            "offset_days": 10,
        },
    )
    return {"code": moment.code}


ROWS: dict[str, Row] = {
    "api:chain_moment_list": Row(COORDINATORS),
    "api:chain_moment_detail": Row(COORDINATORS, kwargs=_moment_kwargs),
}
