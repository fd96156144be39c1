"""Authorization matrix rows for copying a year and loading the shipped figures through the
API (kansrijk/financing/api_rules_years.py); merged into the matrix test.

Administrators of the coalition write; every other reader of the rules gets 403, analysts
403, without a session or token 401; the other coalition's professional does not read these
figures (404 on the copy). The copy is posted without a target year, so the administrator
gets the page's message (400) and nothing changes; the load answers 201 the first time.
"""

from kansrijk.testing.financing import make_year
from kansrijk.testing.matrix import Row, World, everyone


def _figures_kwargs(world: World) -> dict:
    return {"pk": make_year(world.cast.coalition, year=2026).pk}


ROWS: dict[str, Row] = {
    "api:financing_year_copy": Row(
        everyone(403, anonymous=401, administrator=400, other_coalition_professional=404),
        method="post",
        kwargs=_figures_kwargs,
    ),
    "api:financing_defaults_load": Row(
        everyone(403, anonymous=401, administrator=201), method="post"
    ),
}
