"""The social map's search ranks and filters as documented in selectors_search.py."""

from datetime import date

import pytest

from kansrijk.socialmap.models import ServiceStatus
from kansrijk.socialmap.selectors_search import SearchCriteria, search_services
from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_search import make_search_service, second_municipality

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


@pytest.fixture
def provider(cast):
    return make_provider(cast.coalition)


def ranked(cast, **criteria) -> list[str]:
    page = search_services(cast.coalition, SearchCriteria(**criteria), today=TODAY)
    return [hit.service.name for hit in page.object_list]


def test_a_name_match_outranks_a_description_match(cast, provider):
    medical = {"needs": ["medical"]}
    make_search_service(
        provider, name="Budgetcoach", description="Hulp bij schulden.", terms=medical
    )
    make_search_service(provider, name="Schuldhulpmaatje", description="Een maatje.", terms=medical)
    make_search_service(
        provider, name="Zwangerschapscursus", description="Over bevallen.", terms=medical
    )

    assert ranked(cast, q="schuld") == ["Schuldhulpmaatje", "Budgetcoach"]


def test_an_alternate_name_outranks_the_description_and_the_provider_sits_between(cast):
    welzijn = make_provider(cast.coalition, name="Welzijn Eerstedorp")
    vitaal = make_provider(cast.coalition, name="Stichting Mama Vitaal")
    make_search_service(welzijn, name="Steunpunt", description="Voor mama's met vragen.")
    make_search_service(welzijn, name="Kraamcafé", alternate_name="Mama-café")
    make_search_service(vitaal, name="Beweeggroep", description="Samen sporten.")

    assert ranked(cast, q="mama") == ["Kraamcafé", "Beweeggroep", "Steunpunt"]


def test_every_word_must_occur_and_case_and_accents_do_not_matter(cast, provider):
    make_search_service(provider, name="Cliëntondersteuning", description="Onafhankelijk advies.")
    make_search_service(provider, name="Clientenraad", description="Meepraten.")

    assert ranked(cast, q="CLIENT advies") == ["Cliëntondersteuning"]


def test_a_word_matches_the_label_of_a_need_the_service_answers(cast, provider):
    make_search_service(
        provider,
        name="Formulierenhulp",
        description="Samen post doornemen.",
        terms={"needs": ["finances"]},
    )
    make_search_service(
        provider, name="Taalcafé", description="Oefenen.", terms={"needs": ["language"]}
    )

    assert ranked(cast, q="schulden") == ["Formulierenhulp"]


def test_an_exact_name_goes_before_a_longer_one(cast, provider):
    make_search_service(provider, name="Buurtgezinscoach Voorzorg")
    make_search_service(provider, name="VoorZorg")

    assert ranked(cast, q="voorzorg") == ["VoorZorg", "Buurtgezinscoach Voorzorg"]


def test_without_query_or_filters_every_active_service_comes_by_name(cast, provider):
    for name in ["Centering Pregnancy", "Babycafé", "Nu Niet Zwanger"]:
        make_search_service(provider, name=name)
    make_search_service(provider, name="Aaa gesloten", status=ServiceStatus.DEFUNCT)

    assert ranked(cast) == ["Babycafé", "Centering Pregnancy", "Nu Niet Zwanger"]


def test_inactive_services_are_hidden_unless_asked_for(cast, provider):
    make_search_service(provider, name="Open inloop")
    make_search_service(provider, name="Gesloten inloop", status=ServiceStatus.TEMPORARILY_CLOSED)

    assert ranked(cast, q="inloop") == ["Open inloop"]
    assert ranked(cast, q="inloop", include_inactive=True) == ["Gesloten inloop", "Open inloop"]


def test_the_need_filter_keeps_only_services_answering_it_specialised_first(cast, provider):
    make_search_service(
        provider,
        name="Breed loket",
        terms={"needs": ["finances", "housing", "social_network"]},
    )
    make_search_service(provider, name="Schuldhulp", terms={"needs": ["finances"]})
    make_search_service(provider, name="Woonbegeleiding", terms={"needs": ["housing"]})

    assert ranked(cast, need="finances") == ["Schuldhulp", "Breed loket"]


def test_phase_and_route_keep_services_for_every_phase_after_the_explicit_ones(cast, provider):
    make_search_service(provider, name="Alle fases", terms={"needs": ["parenting"]})
    make_search_service(
        provider, name="Kraamtijd", terms={"needs": ["parenting"], "phases": ["kraamperiode"]}
    )
    make_search_service(
        provider, name="Peutertijd", terms={"needs": ["parenting"], "phases": ["toddler"]}
    )
    make_search_service(provider, name="Route drie", terms={"routes": ["route_3"]})
    make_search_service(provider, name="Route een", terms={"routes": ["route_1"]})

    assert ranked(cast, phase="kraamperiode") == [
        "Kraamtijd",
        "Alle fases",
        "Route drie",
        "Route een",
    ]
    assert ranked(cast, route="route_3") == ["Route drie", "Alle fases", "Kraamtijd", "Peutertijd"]


def test_in_the_chosen_municipality_direct_access_goes_first_and_unavailable_last(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    noorddorp = second_municipality(cast.coalition)
    make_search_service(
        provider,
        name="A via verwijzing",
        access={eerstedorp: AccessRoute.REFERRAL, noorddorp: AccessRoute.DIRECT},
    )
    make_search_service(
        provider, name="B niet beschikbaar", access={eerstedorp: AccessRoute.NOT_AVAILABLE}
    )
    make_search_service(provider, name="C zelf aanmelden", access={eerstedorp: AccessRoute.DIRECT})
    make_search_service(provider, name="D onbekend", access={noorddorp: AccessRoute.DIRECT})

    page = search_services(cast.coalition, SearchCriteria(municipality=eerstedorp), today=TODAY)

    assert [(hit.service.name, hit.not_available) for hit in page.object_list] == [
        ("C zelf aanmelden", False),
        ("A via verwijzing", False),
        ("D onbekend", False),
        ("B niet beschikbaar", True),
    ]
    assert ranked(cast, municipality=noorddorp)[:2] == ["A via verwijzing", "D onbekend"]


def test_not_available_stays_last_even_with_the_best_text_match(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    make_search_service(provider, name="Taalmaatje", access={eerstedorp: AccessRoute.NOT_AVAILABLE})
    make_search_service(
        provider,
        name="Buurthuis",
        description="Ook een taalmaatje.",
        access={eerstedorp: AccessRoute.REFERRAL},
    )

    assert ranked(cast, q="taalmaatje", municipality=eerstedorp) == ["Buurthuis", "Taalmaatje"]


def test_the_text_match_weighs_more_than_the_access_route(cast, provider):
    eerstedorp = cast.coalition.municipalities.get()
    make_search_service(provider, name="Opvoedsteun", access={eerstedorp: AccessRoute.REFERRAL})
    make_search_service(
        provider,
        name="Gezinshuis",
        description="Opvoedsteun aan huis.",
        access={eerstedorp: AccessRoute.DIRECT},
    )

    assert ranked(cast, q="opvoedsteun", municipality=eerstedorp) == ["Opvoedsteun", "Gezinshuis"]


def test_the_language_filter_matches_code_or_name(cast, provider):
    make_search_service(provider, name="Turks spreekuur", languages=[("tr", "Turks")])
    make_search_service(provider, name="Arabisch spreekuur", languages=[("ar", "Arabisch")])
    make_search_service(provider, name="Alleen naam", languages=[("", "Tigrinya")])

    assert ranked(cast, language="tr") == ["Turks spreekuur"]
    assert ranked(cast, language="tigrinya") == ["Alleen naam"]


def test_the_cost_filter_none_means_no_own_costs(cast, provider):
    make_search_service(provider, name="Gratis", terms={"own_costs": ["none"]})
    make_search_service(provider, name="Eigen risico", terms={"own_costs": ["eigen_risico"]})
    make_search_service(provider, name="Onbekend", terms={"needs": ["finances"]})

    assert ranked(cast, cost="none") == ["Gratis"]
    assert ranked(cast, cost="eigen_risico") == ["Eigen risico"]


def test_the_evidence_filter_means_at_least_that_level(cast, provider):
    make_search_service(provider, name="Sterk", terms={"evidence": ["strong"]})
    make_search_service(provider, name="Eerste", terms={"evidence": ["first"]})
    make_search_service(provider, name="Onderbouwd", terms={"evidence": ["well_founded"]})
    make_search_service(provider, name="Niet beoordeeld", terms={"evidence": ["not_assessed"]})

    assert ranked(cast, evidence="strong") == ["Sterk"]
    assert ranked(cast, evidence="first") == ["Eerste", "Sterk"]
    assert ranked(cast, evidence="well_founded") == ["Eerste", "Onderbouwd", "Sterk"]


def test_another_coalitions_services_are_never_found(cast, provider):
    make_search_service(provider, name="Schuldhulp Eerstedorp")
    other = make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    make_search_service(other, name="Schuldhulp Tweededorp")

    assert ranked(cast, q="schuldhulp") == ["Schuldhulp Eerstedorp"]


def test_a_service_not_checked_for_twelve_months_is_flagged(cast, provider):
    make_search_service(provider, name="Vers", assured_date=date(2026, 1, 1))
    make_search_service(provider, name="Oud", assured_date=date(2025, 11, 25))
    page = search_services(cast.coalition, SearchCriteria(), today=TODAY)

    assert {hit.service.name: hit.check_overdue for hit in page.object_list} == {
        "Oud": True,
        "Vers": False,
    }
