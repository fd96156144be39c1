"""The "Sociale kaart" search page: who may use it, the form, the results, paging, empty state."""

from datetime import date

import pytest
from django.urls import reverse

from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_search import (
    make_search_service,
    result_names,
    second_municipality,
)

pytestmark = pytest.mark.django_db

URL = reverse("socialmap:search")


@pytest.fixture
def provider(cast):
    return make_provider(cast.coalition)


def test_professionals_coordinators_and_analysts_find_it_in_the_menu(cast):
    for actor in (cast.outsider, cast.coordinator, cast.analyst):
        response = logged_in_client(actor).get("/")
        assert f'href="{URL}"' in response.content.decode(), actor


def test_a_technical_administrator_gets_no_menu_item_and_no_page(cast):
    client = logged_in_client(cast.administrator)

    assert f'href="{URL}"' not in client.get("/").content.decode()
    assert client.get(URL).status_code == 403


def test_the_results_show_what_a_professional_needs_to_choose(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    make_search_service(
        provider,
        name="Schuldhulpmaatje",
        description="Een vrijwilliger helpt met de post en de schulden.",
        terms={
            "needs": ["finances"],
            "phases": ["pregnancy"],
            "own_costs": ["none"],
            "evidence": ["first"],
        },
        access={eerstedorp: AccessRoute.REFERRAL},
        assured_date=date(2020, 3, 5),
    )
    response = logged_in_client(cast.outsider).get(URL, {"municipality": eerstedorp.pk})
    html = response.content.decode()

    assert response.status_code == 200
    assert result_names(response) == ["Schuldhulpmaatje"]
    for text in [
        "Welzijn Eerstedorp",
        "Een vrijwilliger helpt met de post en de schulden.",
        "Geld en schulden",
        "Zwangerschap",
        "Toegang in Eerstedorp",
        "Via verwijzing van huisarts of verloskundige",
        "Geen eigen kosten",
        "Effectief volgens eerste aanwijzingen",
        "Niet gecontroleerd sinds 5 maart 2020",
    ]:
        assert text in html, text


def test_without_a_municipality_the_access_in_each_of_the_coalitions_is_shown(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    noorddorp = second_municipality(cast.coalition)
    make_search_service(
        provider,
        name="Kraamcafé",
        access={eerstedorp: AccessRoute.DIRECT, noorddorp: AccessRoute.BUURTTEAM},
    )
    html = logged_in_client(cast.outsider).get(URL).content.decode()

    assert "Eerstedorp: Zelf aanmelden" in html
    assert "Noorddorp: Via het buurtteam" in html


def test_links_from_the_care_paths_with_municipality_and_need_work(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    make_search_service(provider, name="Schuldhulp", terms={"needs": ["finances"]})
    make_search_service(provider, name="Woonhulp", terms={"needs": ["housing"]})
    make_search_service(
        provider,
        name="Budgetcursus",
        terms={"needs": ["finances"]},
        access={eerstedorp: AccessRoute.NOT_AVAILABLE},
    )
    response = logged_in_client(cast.outsider).get(
        URL, {"municipality": eerstedorp.pk, "need": "finances", "gezin": 12}
    )
    html = response.content.decode()

    assert result_names(response) == ["Schuldhulp", "Budgetcursus"]
    assert 'data-testid="not-available-heading"' in html
    assert "Niet beschikbaar in Eerstedorp" in html
    # The form shows the search it ran; the service links carry it to the service page.
    assert f'<option value="{eerstedorp.pk}" selected>Eerstedorp</option>' in html
    assert '<option value="finances" selected>' in html
    assert f"?municipality={eerstedorp.pk}&amp;need=finances" in html


def test_twenty_per_page_and_the_page_links_keep_the_filters(cast, provider):
    for number in range(25):
        make_search_service(provider, name=f"Aanbod {number:02d}", terms={"needs": ["housing"]})
    client = logged_in_client(cast.outsider)

    first = client.get(URL, {"need": "housing"})
    second = client.get(URL, {"need": "housing", "pagina": 2})

    assert len(result_names(first)) == 20
    assert result_names(second) == [f"Aanbod {number}" for number in range(20, 25)]
    assert "25 resultaten" in first.content.decode()
    assert 'href="?need=housing&amp;pagina=2"' in first.content.decode()
    assert 'href="?need=housing&amp;pagina=1"' in second.content.decode()


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(cast, provider):
    make_search_service(provider, name="Schuldhulp")
    response = logged_in_client(cast.outsider).get(URL, {"q": "paardrijden"})
    html = response.content.decode()

    assert result_names(response) == []
    assert 'data-testid="empty-state"' in html
    assert "Geen aanbod gevonden" in html
    assert f'href="{URL}">Wis alle filters' in html


def test_a_coalition_without_services_says_so(cast):
    html = logged_in_client(cast.outsider).get(URL).content.decode()

    assert "Geen aanbod gevonden: deze coalitie heeft nog geen actief aanbod" in html


def test_a_wrong_value_is_reported_next_to_its_field_and_the_rest_still_filters(cast, provider):
    make_search_service(provider, name="Schuldhulp", terms={"needs": ["finances"]})
    make_search_service(provider, name="Woonhulp", terms={"needs": ["housing"]})
    response = logged_in_client(cast.outsider).get(
        URL, {"need": "finances", "municipality": "999999", "language": "xx"}
    )
    html = response.content.decode()

    assert result_names(response) == ["Schuldhulp"]
    assert "Kies een gemeente uit de lijst." in html
    assert "Kies een taal uit de lijst." in html


def test_the_language_list_offers_the_coalitions_languages_only(cast, provider):
    make_search_service(provider, name="Turks spreekuur", languages=[("tr", "Turks")])
    other = make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    make_search_service(other, name="Pools spreekuur", languages=[("pl", "Pools")])
    html = logged_in_client(cast.outsider).get(URL).content.decode()

    assert '<option value="tr">Turks</option>' in html
    assert "Pools" not in html


def test_another_coalitions_professional_sees_only_their_own_map(cast, provider):
    make_search_service(provider, name="Schuldhulp Eerstedorp")
    other = make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    make_search_service(other, name="Schuldhulp Tweededorp")

    response = logged_in_client(cast.other_coalition_professional).get(URL)

    assert result_names(response) == ["Schuldhulp Tweededorp"]
