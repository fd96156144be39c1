"""The klantroute's grid: phases by needs, each cell with the services of the target group per
municipality, and its gaps per municipality (no service, not available, only with a waiting
list or own costs, no evidence-rated intervention); a central point replaces the route."""

import uuid
from datetime import date

import pytest

from kansrijk.landscape.klantroute import (
    NO_EVIDENCE,
    NO_SERVICE,
    NOT_AVAILABLE,
    ONLY_BARRIERS,
    AccessFacts,
    CentralPointFacts,
    MunicipalityFacts,
    ServiceFacts,
    build_grid,
)
from kansrijk.landscape.models import CentralPoint
from kansrijk.landscape.selectors_klantroute import klantroute
from kansrijk.socialmap.vocabulary import Phase, TargetGroup
from kansrijk.testing.landscape_klantroute import VULNERABLE, klantroute_world

NOORD = MunicipalityFacts(1, "Noorddorp")
ZUID = MunicipalityFacts(2, "Zuiddorp")


def _service(name="Hulp", **terms) -> ServiceFacts:
    defaults = {"phases": ("gap",), "needs": ("parenting",), "evidence": ("good",)}
    return ServiceFacts(id=uuid.uuid4(), name=name, provider="Aanbieder", **{**defaults, **terms})


def _grid(services, access, central_points=None, target_group=VULNERABLE):
    return build_grid(
        target_group=target_group,
        municipalities=[NOORD, ZUID],
        services=services,
        access=access,
        central_points=central_points or {},
        usage={},
        agreements=[],
        today=date(2026, 11, 26),
    )


def _kinds(cell, municipality):
    return [gap.kind for gap in cell.gaps if gap.municipality == municipality]


def test_columns_are_the_phases_in_order_and_rows_the_needs():
    grid = _grid([], {})
    assert [code for code, _label in grid.phases] == [
        "preconception",
        "pregnancy",
        "kraamperiode",
        "gap",
        "infancy",
        "toddler",
    ]
    assert len(grid.rows) == 10
    assert all(len(row.cells) == len(Phase.values) for row in grid.rows)


def test_an_empty_cell_is_a_gap_for_the_whole_coalition():
    cell = _grid([], {}).cell("gap", "parenting")
    assert cell.no_service
    assert [(gap.kind, gap.municipality) for gap in cell.gaps] == [(NO_SERVICE, None)]


def test_a_good_service_reachable_everywhere_is_no_gap():
    service = _service()
    access = {(service.id, 1): AccessFacts("direct"), (service.id, 2): AccessFacts("referral")}
    cell = _grid([service], access).cell("gap", "parenting")
    assert not cell.is_gap
    assert [s.name for s in cell.services] == ["Hulp"]
    assert [o.route_label for o in cell.services[0].offers] == [
        "Zelf aanmelden",
        "Via verwijzing van huisarts of verloskundige",
    ]


def test_not_available_or_without_access_row_is_a_gap_in_that_municipality_only():
    service = _service()
    grid = _grid([service], {(service.id, 1): AccessFacts("not_available")})
    cell = grid.cell("gap", "parenting")
    assert _kinds(cell, NOORD) == [NOT_AVAILABLE]
    assert _kinds(cell, ZUID) == [NOT_AVAILABLE]  # no access row at all
    assert cell.gaps[0].text == "Leemte in Noorddorp: niet beschikbaar"

    grid = _grid([service], {(service.id, 2): AccessFacts("direct")})
    cell = grid.cell("gap", "parenting")
    assert _kinds(cell, NOORD) == [NOT_AVAILABLE]
    assert _kinds(cell, ZUID) == []


def test_only_waiting_lists_or_own_costs_is_a_gap_per_municipality():
    waiting = _service("Wachtlijst")
    costly = _service("Eigen bijdrage", own_costs=("own_contribution",))
    access = {
        (waiting.id, 1): AccessFacts("direct", waiting_weeks=6),
        (waiting.id, 2): AccessFacts("direct"),
        (costly.id, 1): AccessFacts("direct"),
        (costly.id, 2): AccessFacts("direct"),
    }
    cell = _grid([waiting, costly], access).cell("gap", "parenting")
    assert _kinds(cell, NOORD) == [ONLY_BARRIERS]
    assert _kinds(cell, ZUID) == []  # the waiting list is only in Noorddorp


def test_no_evidence_rated_service_reachable_is_a_gap():
    rated = _service("Erkend", evidence=("well_founded",))
    unrated = _service("Niet beoordeeld", evidence=("not_assessed",))
    access = {
        (rated.id, 2): AccessFacts("direct"),
        (unrated.id, 1): AccessFacts("direct"),
        (unrated.id, 2): AccessFacts("direct"),
    }
    cell = _grid([rated, unrated], access).cell("gap", "parenting")
    # The rated one is not available in Noorddorp: there only unrated help is left.
    assert _kinds(cell, NOORD) == [NO_EVIDENCE]
    assert _kinds(cell, ZUID) == []


def test_a_central_point_for_all_services_replaces_the_route_but_not_unavailability():
    here = _service("Hier")
    nowhere = _service("Nergens", needs=("language",))
    access = {
        (here.id, 1): AccessFacts("direct", waiting_weeks=2),
        (here.id, 2): AccessFacts("direct"),
        (nowhere.id, 1): AccessFacts("not_available"),
    }
    points = {1: CentralPointFacts("Meldpunt Noord", for_all_services=True)}
    grid = _grid([here, nowhere], access, points)
    offers = grid.cell("gap", "parenting").services[0].offers
    assert offers[0].route_label == "via het centrale meldpunt Meldpunt Noord"
    assert offers[0].waiting_weeks == 2
    assert offers[1].route_label == "Zelf aanmelden"
    assert not grid.cell("gap", "language").services[0].offers[0].available


def test_a_central_point_not_for_all_services_only_where_the_route_says_so():
    own, via = _service("Eigen"), _service("Via meldpunt")
    access = {(own.id, 1): AccessFacts("direct"), (via.id, 1): AccessFacts("central_point")}
    points = {1: CentralPointFacts("Meldpunt Noord", for_all_services=False)}
    services = _grid([own, via], access, points).cell("gap", "parenting").services
    labels = {s.name: s.offers[0].route_label for s in services}
    assert labels == {
        "Eigen": "Zelf aanmelden",
        "Via meldpunt": "via het centrale meldpunt Meldpunt Noord",
    }


def test_a_service_counts_for_its_target_groups_or_for_all_without_any():
    everyone = _service("Voor iedereen")
    debts = _service("Voor schulden", target_groups=(TargetGroup.DEBTS,))
    grid = _grid([everyone, debts], {}, target_group=VULNERABLE)
    assert [s.name for s in grid.cell("gap", "parenting").services] == ["Voor iedereen"]
    grid = _grid([everyone, debts], {}, target_group=TargetGroup.DEBTS)
    assert [s.name for s in grid.cell("gap", "parenting").services] == [
        "Voor iedereen",
        "Voor schulden",
    ]


def test_a_service_appears_in_every_cell_of_its_phases_and_needs():
    service = _service(phases=("pregnancy", "gap"), needs=("parenting", "finances"))
    grid = _grid([service], {})
    found = {(c.phase, c.need) for c in grid.cells() if c.services}
    assert found == {
        ("pregnancy", "parenting"),
        ("pregnancy", "finances"),
        ("gap", "parenting"),
        ("gap", "finances"),
    }


@pytest.mark.django_db
def test_the_coalitions_klantroute_from_the_social_map(cast):
    world = klantroute_world(cast)
    grid = klantroute(cast.coalition, target_group=VULNERABLE).grid
    assert [m.name for m in grid.municipalities] == ["Eerstedorp", "Noorddorp"]
    east, north = grid.municipalities

    assert not grid.cell("gap", "parenting").is_gap
    language = grid.cell("gap", "language")
    assert _kinds(language, north) == [NOT_AVAILABLE]
    assert _kinds(language, east) == [NO_EVIDENCE]
    mental = grid.cell("gap", "mental_health")
    assert _kinds(mental, east) == _kinds(mental, north) == [ONLY_BARRIERS]
    finances = grid.cell("pregnancy", "finances")
    assert _kinds(finances, north) == [NOT_AVAILABLE]
    assert _kinds(finances, east) == []
    # Only for families with debts; a defunct service does not count.
    assert grid.cell("gap", "finances").no_service
    assert grid.cell("gap", "safety").no_service
    assert world.schulden.name not in {s.name for c in grid.cells() for s in c.services}

    debts = klantroute(cast.coalition, target_group=TargetGroup.DEBTS).grid
    assert [s.name for s in debts.cell("gap", "finances").services] == [world.schulden.name]


@pytest.mark.django_db
def test_one_municipality_and_its_central_point(cast):
    world = klantroute_world(cast)
    CentralPoint.objects.create(municipality=world.noorddorp, name="Meldpunt Noorddorp")
    data = klantroute(cast.coalition, target_group=VULNERABLE, municipality=world.noorddorp)
    assert [m.name for m in data.grid.municipalities] == ["Noorddorp"]
    (offer,) = data.grid.cell("gap", "parenting").services[0].offers
    assert offer.route_label == "via het centrale meldpunt Meldpunt Noorddorp"
    assert [g.kind for g in data.grid.cell("gap", "language").gaps] == [NOT_AVAILABLE]
