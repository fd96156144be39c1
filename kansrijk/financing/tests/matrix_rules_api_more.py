"""Authorization matrix rows for the API of a year's figures, the insurers' exceptions and
the municipalities' compensation routes (api_rules_more.py); merged into the matrix test.

Reading is as for the rules (api_rules.py): professionals, coordinators and administrators
of a coalition (also the other coalition's professional, who sees their own coalition's list
and gets 404 on a row of this one), analysts 403, without a session or token 401. The writes
(administrators; coordinators too for the routes) are checked in test_rules_api_more.py.
"""

from kansrijk.organisations.models import Municipality
from kansrijk.testing.financing import make_compensation, make_exception, make_year
from kansrijk.testing.matrix import Row, World, everyone

LIST = everyone(200, anonymous=401, analyst=403)
ONE = everyone(200, anonymous=401, analyst=403, other_coalition_professional=404)


def _year_kwargs(world: World) -> dict:
    return {"pk": make_year(world.cast.coalition, year=2026).pk}


def _exception_kwargs(world: World) -> dict:
    return {"pk": make_exception(world.cast.coalition).pk}


def _route_kwargs(world: World) -> dict:
    municipality = Municipality.objects.filter(coalition=world.cast.coalition).first()
    return {"pk": make_compensation(world.cast.coalition, municipality).pk}


ROWS: dict[str, Row] = {
    "api:financing_year_figures_list": Row(LIST),
    "api:financing_year_figures_detail": Row(ONE, kwargs=_year_kwargs),
    "api:financing_exception_list": Row(LIST),
    "api:financing_exception_detail": Row(ONE, kwargs=_exception_kwargs),
    "api:financing_compensation_list": Row(LIST),
    "api:financing_compensation_detail": Row(ONE, kwargs=_route_kwargs),
}
