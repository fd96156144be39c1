"""Authorization matrix rows for financing's rules part; merged into the matrix test.

The rules are coalition data without families. Reading the rules page: professionals
(also those who broke the glass), coordinators and administrators of the active coalition;
the professional of the other coalition sees their own coalition's (empty) page; analysts
get 403. The year's figures, the rules and the insurers' exceptions (and loading the shipped
figures, copying a year) are for administrators; the compensation routes for
administrators and coordinators; everyone else 403. The forms' POSTs go through the same
checks (`test_rules_permissions.py` posts every one of them as each actor).
"""

from kansrijk.organisations.models import Municipality
from kansrijk.testing.financing import make_compensation, make_exception, make_rule, make_year
from kansrijk.testing.matrix import Row, World, everyone, only

READERS = everyone(200, analyst=403)
ADMINISTRATOR = only(["administrator"])
COMPENSATION = only(["administrator", "coordinator"])
YEAR = {"jaar": "2020"}


def _rule_kwargs(world: World) -> dict:
    return {"pk": make_rule(world.cast.coalition).pk}


def _year_kwargs(world: World) -> dict:
    make_year(world.cast.coalition, 2020)
    make_rule(world.cast.coalition)
    return {"year": 2020}


def _exception_kwargs(world: World) -> dict:
    return {"pk": make_exception(world.cast.coalition).pk}


def _compensation_kwargs(world: World) -> dict:
    municipality = Municipality.objects.filter(coalition=world.cast.coalition).first()
    return {"pk": make_compensation(world.cast.coalition, municipality).pk}


ROWS: dict[str, Row] = {
    "financing:rules": Row(READERS),
    # Loads the shipped figures and sends the administrator back to the page.
    "financing:defaults_load": Row(only(["administrator"], 302), method="post"),
    "financing:rule_add": Row(ADMINISTRATOR, data=YEAR),
    "financing:rule_edit": Row(ADMINISTRATOR, kwargs=_rule_kwargs),
    # The confirmation pages; their POSTs go through the same check.
    "financing:rule_delete": Row(ADMINISTRATOR, kwargs=_rule_kwargs),
    "financing:year_add": Row(ADMINISTRATOR),
    "financing:year_edit": Row(ADMINISTRATOR, kwargs=_year_kwargs),
    "financing:year_copy": Row(ADMINISTRATOR, kwargs=_year_kwargs),
    "financing:exception_add": Row(ADMINISTRATOR, data=YEAR),
    "financing:exception_edit": Row(ADMINISTRATOR, kwargs=_exception_kwargs),
    "financing:exception_delete": Row(ADMINISTRATOR, kwargs=_exception_kwargs),
    "financing:compensation_add": Row(COMPENSATION),
    "financing:compensation_edit": Row(COMPENSATION, kwargs=_compensation_kwargs),
    "financing:compensation_delete": Row(COMPENSATION, kwargs=_compensation_kwargs),
    # The API: without a session 401; analysts 403, as on the pages.
    "api:financing_rule_list": Row(everyone(200, anonymous=401, analyst=403)),
    "api:financing_year_detail": Row(
        everyone(200, anonymous=401, analyst=403, other_coalition_professional=404),
        kwargs=_year_kwargs,
    ),
}
