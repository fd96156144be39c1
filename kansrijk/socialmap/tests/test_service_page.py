"""The service page shows a professional everything about one service of the coalition: what
it is, for whom, how to apply, who to call, where, when, in which languages, what it costs and
who pays, kansrijk's terms, the access per municipality (the family's first) and when it was
last checked; in a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.models import MunicipalityAccess
from kansrijk.socialmap.views_search import _service_actions, register_service_action
from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.queries import PAGE_OVERHEAD
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_search import (
    add_service_details,
    make_search_service,
    second_municipality,
)

pytestmark = pytest.mark.django_db


def url(service, **params) -> str:
    path = reverse("socialmap:service", args=[service.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def service(cast):
    provider = make_provider(cast.coalition, name="Welzijn Eerstedorp")
    provider.website = "https://welzijn.example.org"
    provider.save()
    eerstedorp = cast.coalition.municipalities.get()
    service = make_search_service(
        provider,
        name="Stevig Ouderschap",
        description="Huisbezoeken voor ouders van een eerste kind.",
        eligibility_description="Ouders met zorgen over het ouderschap.",
        application_process="Meld aan via de jeugdverpleegkundige.",
        fees_description="Geen kosten voor het gezin.",
        minimum_age=16,
        terms={
            "needs": ["parenting"],
            "phases": ["infancy"],
            "routes": ["route_2", "route_3"],
            "evidence": ["good"],
            "laws": ["wpg"],
            "payers": ["municipality"],
            "own_costs": ["none"],
        },
        access={eerstedorp: AccessRoute.CENTRAL_POINT},
        assured_date=date(2026, 10, 1),
        assured_by=cast.coordinator,
    )
    MunicipalityAccess.objects.filter(service=service).update(
        conditions="Alleen bij een eerste kind.", waiting_weeks=3
    )
    return add_service_details(service)


def test_the_page_shows_everything_a_professional_needs(cast, service):
    response = logged_in_client(cast.outsider).get(url(service))
    html = response.content.decode()

    assert response.status_code == 200
    for text in [
        "Stevig Ouderschap",
        "Aanbod van Welzijn Eerstedorp",
        "Huisbezoeken voor ouders van een eerste kind.",
        "Ouders met zorgen over het ouderschap.",
        "vanaf 16 jaar",
        "Meld aan via de jeugdverpleegkundige.",
        "Identiteitsbewijs 1",
        # Contacts, phones, locations, schedules, languages.
        "Contactpersoon 1",
        "contact1@example.org",
        'href="tel:0612345671"',
        "0800 123451",
        "https://welzijn.example.org",
        "058 12341",
        "Wijkcentrum 1",
        "Dorpsstraat 1",
        "1234 AB Eerstedorp",
        "Bus 12, halte Dorpsplein.",
        "maandag, woensdag 09:00\N{EN DASH}12:00",
        "Spreekuur 1: dinsdag 9-11",
        "Taal 1",
        # Costs and funding.
        "Geen kosten voor het gezin.",
        "Cursus 1",
        "€ 12,50",
        "Subsidie gemeente 1",
        # kansrijk's terms with their Dutch labels.
        "Opvoeding en hechting",
        "Eerste levensjaar",
        "Route 2: mogelijk kwetsbaar, Route 3: kwetsbaar",
        "Effectief volgens goede aanwijzingen",
        "Wet publieke gezondheid (gemeente)",
        "Gemeente",
        "Geen eigen kosten",
        # Access and the last check.
        "Via het centrale meldpunt",
        "Alleen bij een eerste kind.",
        "3 weken",
        "Laatst gecontroleerd op 1 oktober 2026 door Coordinator Testpersoon.",
    ]:
        assert text in html, text
    assert 'data-testid="check-overdue"' not in html


def test_the_chosen_municipality_comes_first_then_the_coalitions_others(cast, service):
    noorddorp = second_municipality(cast.coalition)
    elsewhere = MunicipalityFactory(coalition=cast.other_coalition, name="Verweg")
    MunicipalityAccess.objects.create(
        service=service, municipality=noorddorp, route=AccessRoute.NOT_AVAILABLE
    )
    MunicipalityAccess.objects.create(
        service=service, municipality=elsewhere, route=AccessRoute.DIRECT
    )
    client = logged_in_client(cast.outsider)

    def rows(response):
        return [
            row.split('scope="row">')[1].split("<")[0].strip()
            for row in response.content.decode().split('data-testid="access-row"')[1:]
        ]

    assert rows(client.get(url(service))) == ["Eerstedorp", "Noorddorp", "Verweg"]
    chosen = client.get(url(service, municipality=noorddorp.pk))
    assert rows(chosen) == ["Noorddorp", "Eerstedorp", "Verweg"]
    assert "Hoe een gezin binnenkomt, eerst in Noorddorp" in chosen.content.decode()
    assert "(gemeente van het gezin)" in chosen.content.decode()


def test_a_municipality_without_access_information_says_it_is_not_known(cast, service):
    second_municipality(cast.coalition)
    html = logged_in_client(cast.outsider).get(url(service)).content.decode()
    noorddorp_row = html.split('scope="row">Noorddorp')[1].split("</tr>")[0]

    assert "Niet bekend" in noorddorp_row


def test_a_service_not_checked_for_twelve_months_is_flagged(cast, service):
    service.assured_date = date(2024, 2, 1)
    service.save()
    html = logged_in_client(cast.outsider).get(url(service)).content.decode()

    assert "Niet gecontroleerd sinds 1 februari 2024" in html


def test_a_service_never_checked_is_flagged(cast, service):
    service.assured_date = None
    service.save()
    html = logged_in_client(cast.outsider).get(url(service)).content.decode()

    assert "Nog nooit gecontroleerd" in html


def test_another_coalitions_service_is_not_found(cast, service):
    assert logged_in_client(cast.other_coalition_professional).get(url(service)).status_code == 404


def test_an_unknown_service_is_not_found(cast):
    missing = reverse("socialmap:service", args=["00000000-0000-0000-0000-000000000000"])
    assert logged_in_client(cast.outsider).get(missing).status_code == 404


def test_a_technical_administrator_gets_no_access(cast, service):
    assert logged_in_client(cast.administrator).get(url(service)).status_code == 403


def test_other_parts_add_actions_to_the_page(cast, service, tmp_path, settings):
    template = tmp_path / "socialmap_test_action.html"
    template.write_text('<a data-testid="test-action" href="#">{{ action.label }}</a>')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], str(tmp_path)]}]
    register_service_action(
        code="test",
        template="socialmap_test_action.html",
        order=1,
        context=lambda request, service: {"label": f"Verwijzen naar {service.name}"},
    )
    try:
        html = logged_in_client(cast.outsider).get(url(service)).content.decode()
    finally:
        _service_actions.pop("test")

    assert "Verwijzen naar Stevig Ouderschap" in html


def queries_for(client, service, municipality) -> int:
    locations = service.at_locations.count()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(service, municipality=municipality.pk))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="location"') == locations
    return len(captured)


def test_the_page_costs_the_same_queries_with_one_or_five_of_everything(cast):
    """The fixed overhead of every page (`PAGE_OVERHEAD`), the service with
    provider, program and checker (1), its prefetched relations (14: contacts and their
    phones, the provider's phones, the service's phones, locations with addresses, phones and
    schedules, the service's schedules, languages, cost options, funding, required documents,
    access per municipality), its terms (1), the coalition's municipalities (1) and whether
    the viewer may edit the service ("Aanbod bewerken", 1)."""
    provider = make_provider(cast.coalition)
    eerstedorp = cast.coalition.municipalities.get()
    one = add_service_details(
        make_search_service(provider, name="Een", access={eerstedorp: AccessRoute.DIRECT})
    )
    five = add_service_details(
        make_search_service(provider, name="Vijf", access={eerstedorp: AccessRoute.DIRECT}),
        count=5,
    )
    client = logged_in_client(cast.outsider)
    client.get("/")

    assert (
        queries_for(client, one, eerstedorp)
        == queries_for(client, five, eerstedorp)
        == PAGE_OVERHEAD + 1 + 14 + 1 + 1 + 1
    )
