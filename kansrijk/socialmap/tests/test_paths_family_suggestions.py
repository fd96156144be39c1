""" "Passend aanbod" on the family file: from the family's needs (concerns, assessment) the
coalition's active care paths for those needs, each step with the services that hold in the
family's municipality: the municipality's own alternative before the general service, with
the access route there; a service that is not available there is marked."""

import pytest
from django.urls import reverse

from kansrijk.care.services_plan import concern_add
from kansrijk.core.together import read_now
from kansrijk.families.models import Family
from kansrijk.socialmap.models import ServiceStatus
from kansrijk.socialmap.selectors_paths import family_suggestions
from kansrijk.socialmap.views_paths import paths_file_section
from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(cast, cast_family) -> Family:
    return Family.objects.select_related("municipality").get(pk=cast_family.pk)


@pytest.fixture
def eerstedorp(family):
    return family.municipality


@pytest.fixture
def provider(cast):
    return make_provider(cast.coalition)


def _file(client, family) -> str:
    response = client.get(reverse("families:detail", args=[family.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_path_for_the_need_with_the_municipalitys_alternative(
    cast, family, eerstedorp, provider
):
    elsewhere = MunicipalityFactory(coalition=cast.coalition, name="Derdedorp")
    general = make_service(provider, name="Schuldhulp Regio", access={eerstedorp: "direct"})
    local = make_service(
        provider, name="Geldcafé Eerstedorp", access={eerstedorp: AccessRoute.BUURTTEAM}
    )
    other_town = make_service(provider, name="Geldloket Derdedorp")
    budget = make_service(provider, name="Budgetcursus")
    make_path(
        cast.coalition,
        name="Geldzorgen",
        steps=[
            ("Aanmelden bij schuldhulp", [general, (local, eerstedorp)]),
            ("Budgetcursus volgen", [budget, (other_town, elsewhere)]),
        ],
    )
    make_path(cast.coalition, name="Onveilig thuis", need="safety", steps=[("Veilig Thuis", [])])
    concern_add(
        actor=cast.case_director, family_pk=family.pk, text="Schulden bij de zorgverzekeraar"
    )

    [need] = family_suggestions(family, {"finances": ["zorgpunt: Schulden"]})

    assert need.need == "finances"
    [path] = need.paths
    assert path.path.name == "Geldzorgen"
    first, second = path.steps
    # Eerstedorp's own alternative replaces the general service.
    assert [option.service for option in first.options] == [local]
    assert first.options[0].alternative
    assert first.options[0].access.route == AccessRoute.BUURTTEAM
    # Derdedorp's alternative is not Eerstedorp's: the general service holds.
    assert [option.service for option in second.options] == [budget]
    assert not second.options[0].alternative
    assert second.options[0].access is None

    html = _file(logged_in_client(cast.care_team_member), family)
    assert 'data-testid="paths-section"' in html
    assert "Geldzorgen" in html
    assert "Geldcafé Eerstedorp" in html
    assert "Schuldhulp Regio" not in html
    assert "Geldloket Derdedorp" not in html
    assert "zorgpunt: Schulden bij de zorgverzekeraar" in html
    assert "via het buurtteam" in html
    service_page = reverse("socialmap:service", args=[local.pk])
    assert f'href="{service_page}?municipality={eerstedorp.pk}"' in html
    search = reverse("socialmap:search")
    assert f'href="{search}?need=finances&amp;municipality={eerstedorp.pk}"' in html
    assert "Onveilig thuis" not in html  # no need for safety


def test_a_service_not_available_in_the_municipality_is_marked(cast, family, eerstedorp, provider):
    closed = make_service(provider, name="VoorZorg", access={eerstedorp: AccessRoute.NOT_AVAILABLE})
    make_path(cast.coalition, need="parenting", steps=[("Intensieve begeleiding", [closed])])
    concern_add(actor=cast.case_director, family_pk=family.pk, text="Zorgen over de hechting")

    html = _file(logged_in_client(cast.case_director), family)

    assert 'data-available="nee"' in html
    assert "niet beschikbaar in de gemeente van het gezin" in html


def test_inactive_paths_other_coalitions_and_inactive_services_are_left_out(cast, family, provider):
    gone = make_service(provider, name="Opgeheven loket", status=ServiceStatus.DEFUNCT)
    kept = make_service(provider, name="Schuldhulp")
    make_path(cast.coalition, name="Actief pad", steps=[("Hulp", [gone, kept])])
    make_path(cast.coalition, name="Oud pad", is_active=False)
    make_path(cast.other_coalition, name="Pad van elders")

    [need] = family_suggestions(family, {"finances": ["zorgpunt: geld"]})

    assert [p.path.name for p in need.paths] == ["Actief pad"]
    assert [o.service for o in need.paths[0].steps[0].options] == [kept]


def test_paths_of_every_route_are_shown_with_their_route(cast, family):
    make_path(cast.coalition, name="Pad elke route", route=0)
    make_path(cast.coalition, name="Pad route 3", route=3)

    [need] = family_suggestions(family, {"finances": ["zorgpunt: geld"]})

    assert [(p.path.name, p.route_label) for p in need.paths] == [
        ("Pad elke route", "Elke route"),
        ("Pad route 3", "Route 3"),
    ]


def test_a_need_without_a_path_still_offers_the_search(cast, family):
    concern_add(actor=cast.case_director, family_pk=family.pk, text="Tolk nodig")

    html = _file(logged_in_client(cast.case_director), family)

    assert "De coalitie heeft voor deze behoefte nog geen zorgpad." in html
    assert 'data-need="language"' in html


def test_without_needs_the_section_says_so(cast, family, rf):
    request = rf.get("/")
    request.user = cast.case_director
    request.active = None

    context = read_now(paths_file_section(request, family))

    assert context["needs"] == []
    html = _file(logged_in_client(cast.case_director), family)
    assert "Geen behoeften gevonden in zorgpunten of signalering" in html
