"""The family file suggests care paths for any route and for the family's current route
(`signaling`'s route decision, read by the social map through `kansrijk.care.needs`); before a
route is chosen, paths of every route."""

import pytest

from kansrijk.signaling.models import RouteDecision
from kansrijk.socialmap.selectors_paths import family_suggestions
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db


def _paths(family) -> list[str]:
    [need] = family_suggestions(family, {"finances": ["zorgpunt: geld"]})
    return [suggestion.path.name for suggestion in need.paths]


def _decide(cast, family, route: int) -> None:
    RouteDecision.objects.create(
        family=family,
        coalition=family.coalition,
        proposed_route=route,
        route=route,
        decided_by=cast.case_director,
    )


def test_before_a_route_every_path_is_suggested(cast, cast_family):
    make_path(cast.coalition, name="Elke route", route=0)
    make_path(cast.coalition, name="Route twee", route=2)
    make_path(cast.coalition, name="Route drie", route=3)

    assert _paths(cast_family) == ["Elke route", "Route twee", "Route drie"]


def test_with_a_route_only_its_paths_and_those_for_any_route(cast, cast_family):
    make_path(cast.coalition, name="Elke route", route=0, steps=[("Aanmelden", [])])
    make_path(cast.coalition, name="Route twee", route=2, steps=[("Huisbezoek", [])])
    make_path(cast.coalition, name="Route drie", route=3, steps=[("MDO", [])])
    _decide(cast, cast_family, 3)
    _decide(cast, cast_family, 2)  # the newest decision counts

    [need] = family_suggestions(cast_family, {"finances": ["zorgpunt: geld"]})

    assert [s.path.name for s in need.paths] == ["Elke route", "Route twee"]
    assert [[step.step.title for step in s.steps] for s in need.paths] == [
        ["Aanmelden"],
        ["Huisbezoek"],
    ]
