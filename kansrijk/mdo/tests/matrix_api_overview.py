"""Authorization matrix rows for the overview of an MDO series through the API
(kansrijk/mdo/api_overview.py); merged into the matrix test.

As on the page: the coordinators of the series' coalition (and its chair and secretary;
the world's series has none), everyone else of the coalition 403; unlike the page, the other
coalition's professional gets 404 (the series is not theirs to know of); without a session
or token 401.
"""

from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.mdo import make_series


def _series(world: World) -> dict:
    return {"pk": make_series(world.cast).pk}


ROWS: dict[str, Row] = {
    "api:mdo_series_overview": Row(
        {**only(["coordinator"], anonymous=401), "other_coalition_professional": 404},
        kwargs=_series,
    ),
}
