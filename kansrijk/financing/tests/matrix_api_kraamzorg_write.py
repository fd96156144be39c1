"""Authorization matrix rows for saving a kraamzorg calculation through the API
(api_kraamzorg_write.py); merged into the matrix test.

Saving is a write of the family file: those with a ground for the family (the care team,
break-the-glass) save (201; each calculation is kept), everyone else gets "not found" (404,
the refusal logged), and without a session or token 401.
"""

from django.utils import timezone

from kansrijk.testing.financing_kraamzorg import make_kraamzorg_year
from kansrijk.testing.matrix import Row, World, family_only


def _family_with_figures(world: World) -> dict:
    """The world's family, with this year's kraamzorg figures in its coalition."""
    make_kraamzorg_year(world.cast.coalition, timezone.localdate().year)
    return {"pk": world.family.pk}


def _data() -> dict:
    return {
        "year": timezone.localdate().year,
        "standard_hours": 49,
        "extra_hours": 0,
        "chosen_hours": 49,
    }


ROWS: dict[str, Row] = {
    "api:family_kraamzorg_calculation": Row(
        {**family_only(outcome=201), "anonymous": 401},
        method="post",
        kwargs=_family_with_figures,
        data=_data(),
    ),
}
