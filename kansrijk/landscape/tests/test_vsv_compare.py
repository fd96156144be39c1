"""The comparison within one VSV: the municipalities it covers side by side, per service of
the social maps of their coalitions (grouped by phase): available or not, the access route
(the central reporting point instead when it is the route for all services), waiting weeks
and who pays (the coalition's rule for the kind of care, else the map's terms), with what
differs marked in words."""

import pytest
from django.urls import reverse

from kansrijk.landscape.selectors_landscape import vsv_comparison
from kansrijk.socialmap.models import MunicipalityAccess
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_rule
from kansrijk.testing.landscape import make_central_point, make_partnership, region_municipalities
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.django_db

DEBTS = {
    "needs": ["finances"],
    "phases": ["pregnancy", "infancy"],
    "laws": ["participatiewet"],
    "payers": ["municipality"],
    "own_costs": ["none"],
    "care_kinds": ["schuldhulp"],
}


def _world(cast):
    first, second = region_municipalities(cast)  # Eerstedorp, Tweededorp
    vsv = make_partnership(cast.coalition.region, municipalities=[first, second])
    # The same offer on both coalitions' maps: one row.
    for coalition, municipality, route, weeks in (
        (cast.coalition, first, "direct", 2),
        (cast.other_coalition, second, "buurtteam", 6),
    ):
        service = make_service(
            make_provider(coalition, name="Schuldhulp Regio"), name="Schuldhulp", terms=DEBTS
        )
        MunicipalityAccess.objects.create(
            service=service, municipality=municipality, route=route, waiting_weeks=weeks
        )
    # Only on Eerstedorp's map.
    make_service(
        make_provider(cast.coalition, name="Maatjesproject"),
        name="Buddy voor jonge ouders",
        terms={
            "needs": ["social_network"],
            "phases": ["gap"],
            "laws": ["informal"],
            "payers": ["none"],
            "own_costs": ["none"],
        },
        access={first: "direct"},
    )
    return vsv, first, second


def test_the_same_offer_on_two_maps_is_one_row_with_its_differences(cast):
    vsv, first, second = _world(cast)
    comparison = vsv_comparison(vsv)
    assert [m.name for m in comparison.municipalities] == [first.name, second.name]
    assert [group.phase for group in comparison.groups] == ["pregnancy", "gap"]
    debts = comparison.groups[0].rows[0]
    assert debts.name == "Schuldhulp"
    assert debts.provider == "Schuldhulp Regio"
    assert debts.phases == ["Zwangerschap", "Eerste levensjaar"]
    here, there = debts.cells
    assert (here.route, here.waiting_weeks, here.available) == ("direct", 2, True)
    assert (there.route, there.waiting_weeks, there.available) == ("buurtteam", 6, True)
    assert debts.differs == {"route", "waiting_weeks"}
    assert here.financing == there.financing == "Gemeente (Participatiewet)"

    buddy = comparison.groups[1].rows[0]
    assert buddy.cells[0].available is True
    assert not buddy.cells[1].on_map
    assert buddy.cells[1].availability_label == "Niet op de sociale kaart"
    assert "available" in buddy.differs


def test_the_central_point_replaces_the_route_when_it_is_for_all_services(cast):
    vsv, _first, second = _world(cast)
    make_central_point(second, name="Meldpunt Tweededorp", for_all_services=True)
    debts = vsv_comparison(vsv).groups[0].rows[0]
    there = debts.cells[1]
    assert there.route == "central_point"
    assert there.central_point == "Meldpunt Tweededorp"
    assert there.route_label == "Via het centrale meldpunt"


def test_a_central_point_not_for_all_services_leaves_the_route(cast):
    vsv, _first, second = _world(cast)
    make_central_point(second, for_all_services=False)
    assert vsv_comparison(vsv).groups[0].rows[0].cells[1].route == "buurtteam"


def test_the_coalitions_financing_rule_for_the_kind_of_care_is_used(cast):
    vsv, _first, _second = _world(cast)
    make_rule(cast.coalition, "schuldhulp", law="wmo", payer="municipality")
    debts = vsv_comparison(vsv).groups[0].rows[0]
    assert debts.cells[0].financing == "Gemeente (Wmo), volgens de regel van de coalitie"
    assert debts.cells[1].financing == "Gemeente (Participatiewet)"
    assert "financing" in debts.differs


def test_the_page_marks_differences_in_words(cast):
    vsv, _first, _second = _world(cast)
    response = logged_in_client(cast.analyst).get(reverse("landscape:vsv_compare", args=[vsv.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="compare-differs"') == 2
    assert "toegang, wachttijd" in html
    assert "(anders)" in html
    assert "2 weken" in html
    assert "6 weken" in html


def test_a_vsv_with_one_municipality_has_nothing_to_compare(cast):
    first, _second = region_municipalities(cast)
    vsv = make_partnership(cast.coalition.region, municipalities=[first])
    response = logged_in_client(cast.coordinator).get(
        reverse("landscape:vsv_compare", args=[vsv.pk])
    )
    assert 'data-testid="compare-too-few"' in response.content.decode()


def test_only_a_vsv_is_compared(cast):
    ksv = make_partnership(cast.coalition.region, kind="ksv", name="KSV")
    response = logged_in_client(cast.coordinator).get(
        reverse("landscape:vsv_compare", args=[ksv.pk])
    )
    assert response.status_code == 404
