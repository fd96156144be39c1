"""Authorization matrix rows for financing's business part; merged into the matrix test.

The world's scenario belongs to the cast's (first) coalition and has one intervention with
one effect and one saving. Business cases are coalition data without families: the
coordinator and the analyst of the coalition read them (list, page, comparison, export,
print, API); only the coordinator changes them; professionals (also the other coalition's and
those who broke the glass for a family) and administrators get 403; without a session the
pages send to the login page and the API answers 401.

`ROWS` has the GET of every URL (for the forms: the form page). `WRITE_ROWS` has the writes
(POST to the pages, POST and PATCH to the API; a row's data may be a function of the world),
checked by test_business_authorization_writes.py with the same world.
"""

from kansrijk.testing.financing_business import make_small_case
from kansrijk.testing.matrix import Row, World, everyone, only

READERS = only(["coordinator", "analyst"])
COORDINATOR = only(["coordinator"])
API_READERS = only(["coordinator", "analyst"], anonymous=401)


def _case(world: World):
    # Kept on the world for a write row whose data needs the scenario's rows.
    world.business_case = make_small_case(world.cast.coalition, world.cast.coordinator)
    return world.business_case


def _case_kwargs(world: World) -> dict:
    return {"pk": _case(world).pk}


def _intervention_kwargs(world: World) -> dict:
    case = _case(world)
    return {"pk": case.pk, "item_pk": case.interventions.get().pk}


def _effect_kwargs(world: World) -> dict:
    case = _case(world)
    return {"pk": case.pk, "item_pk": case.effects.get().pk}


def _saving_kwargs(world: World) -> dict:
    case = _case(world)
    return {"pk": case.pk, "item_pk": case.effects.get().savings.get().pk}


ROWS: dict[str, Row] = {
    "financing:business_list": Row(READERS),
    "financing:business_compare": Row(READERS),
    "financing:business_detail": Row(READERS, kwargs=_case_kwargs),
    "financing:business_export": Row(READERS, kwargs=_case_kwargs),
    "financing:business_print": Row(READERS, kwargs=_case_kwargs),
    "financing:business_add": Row(COORDINATOR),
    "financing:business_edit": Row(COORDINATOR, kwargs=_case_kwargs),
    "financing:business_delete": Row(COORDINATOR, kwargs=_case_kwargs),
    "financing:business_intervention_add": Row(COORDINATOR, kwargs=_case_kwargs),
    "financing:business_intervention_edit": Row(COORDINATOR, kwargs=_intervention_kwargs),
    "financing:business_intervention_delete": Row(COORDINATOR, kwargs=_intervention_kwargs),
    "financing:business_effect_add": Row(COORDINATOR, kwargs=_case_kwargs),
    "financing:business_effect_edit": Row(COORDINATOR, kwargs=_effect_kwargs),
    "financing:business_effect_delete": Row(COORDINATOR, kwargs=_effect_kwargs),
    "financing:business_saving_add": Row(COORDINATOR, kwargs=_effect_kwargs),
    "financing:business_saving_delete": Row(COORDINATOR, kwargs=_saving_kwargs),
    "api:business_case_list": Row(API_READERS),
    "api:business_case_detail": Row(API_READERS, kwargs=_case_kwargs),
    "api:business_case_result": Row(API_READERS, kwargs=_case_kwargs),
}

CASE = {"name": "Wijkaanpak", "start_year": "2026", "horizon_years": "4"}
INTERVENTION = {
    "name": "Spreekuur",
    "reach_per_year": "5",
    "cost_per_family": "10",
    "payer": "insurer",
    "source": "Bron",
    "version": "1",
}
EFFECT = {
    "outcome": "Schulden",
    "effect_low": "0",
    "effect_base": "0,1",
    "effect_high": "0,2",
    "lag_years": "0",
    "source": "Bron",
    "version": "1",
}


def _effect_data(world: World) -> dict:
    """The effect form with the intervention of the scenario `_case_kwargs` (or the other
    kwargs) just made."""
    return {**EFFECT, "intervention": str(world.business_case.interventions.get().pk)}


# A coordinator's write redirects to the scenario (or the list after deleting it); everyone
# else is refused before anything is read. The read-only pages accept no POST (405, for
# everyone: the method is refused before the role), nor does the API's result (no POST in
# its permission map: 403).
WRITTEN = only(["coordinator"], 302)
API_WRITE = {**only(["coordinator"], 200, anonymous=401), "analyst": 403}
WRITE_ROWS: dict[str, Row] = {
    "financing:business_add": Row(WRITTEN, method="post", data={**CASE, "version": "0"}),
    "financing:business_edit": Row(
        WRITTEN, method="post", kwargs=_case_kwargs, data={**CASE, "version": "1"}
    ),
    "financing:business_delete": Row(
        WRITTEN, method="post", kwargs=_case_kwargs, data={"version": "1"}
    ),
    "financing:business_intervention_add": Row(
        WRITTEN, method="post", kwargs=_case_kwargs, data=INTERVENTION
    ),
    "financing:business_intervention_edit": Row(
        WRITTEN, method="post", kwargs=_intervention_kwargs, data=INTERVENTION
    ),
    "financing:business_intervention_delete": Row(
        WRITTEN, method="post", kwargs=_intervention_kwargs, data={"version": "1"}
    ),
    "financing:business_effect_add": Row(
        WRITTEN, method="post", kwargs=_case_kwargs, data=_effect_data
    ),
    "financing:business_effect_edit": Row(
        WRITTEN, method="post", kwargs=_effect_kwargs, data=_effect_data
    ),
    "financing:business_effect_delete": Row(
        WRITTEN, method="post", kwargs=_effect_kwargs, data={"version": "1"}
    ),
    "financing:business_saving_add": Row(
        WRITTEN,
        method="post",
        kwargs=_effect_kwargs,
        data={"payer": "gemeente_wmo", "amount_per_outcome": "5", "source": "B", "version": "1"},
    ),
    "financing:business_saving_delete": Row(
        WRITTEN, method="post", kwargs=_saving_kwargs, data={"version": "1"}
    ),
    "financing:business_detail": Row(everyone(405), method="post", kwargs=_case_kwargs),
    "financing:business_list": Row(everyone(405), method="post"),
    "api:business_case_list": Row(
        {**only(["coordinator"], 201, anonymous=401), "analyst": 403},
        method="post",
        data={"name": "Via de API", "start_year": 2026, "horizon_years": 3},
    ),
    "api:business_case_detail": Row(
        API_WRITE,
        method="patch",
        kwargs=_case_kwargs,
        data={"name": "Via de API", "version": 1},
    ),
    # The result is computed, never written: a POST is a method it does not have (405).
    "api:business_case_result": Row(
        everyone(405, anonymous=405),
        method="post",
        kwargs=_case_kwargs,
    ),
}
