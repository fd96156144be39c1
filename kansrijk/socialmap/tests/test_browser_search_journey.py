"""Browser journey of the social map: a midwife looks for help with money worries for a
family in Noorddorp, and reads how that family gets in. axe checks both pages."""

import pytest
from playwright.sync_api import expect

from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_search import make_search_service, second_municipality

pytestmark = pytest.mark.browser


def test_browser_a_professional_finds_a_service_and_its_access_in_the_familys_municipality(
    page, cast
):
    eerstedorp = cast.coalition.municipalities.get()
    noorddorp = second_municipality(cast.coalition)
    provider = make_provider(cast.coalition, name="Welzijn Eerstedorp")
    make_search_service(
        provider,
        name="Schuldhulpmaatje",
        description="Een vrijwilliger helpt met de post en de schulden.",
        terms={"needs": ["finances"], "own_costs": ["none"]},
        access={eerstedorp: AccessRoute.DIRECT, noorddorp: AccessRoute.BUURTTEAM},
    )
    make_search_service(
        provider,
        name="Budgetcursus",
        terms={"needs": ["finances"]},
        access={noorddorp: AccessRoute.NOT_AVAILABLE},
    )
    make_search_service(provider, name="Taalcafé", terms={"needs": ["language"]})

    login(page, cast.outsider)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Sociale kaart"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart")
    expect(page.get_by_test_id("search-result")).to_have_count(3)
    assert_accessible(page)

    page.get_by_label("Behoefte", exact=True).select_option(label="Geld en schulden")
    page.get_by_label("Gemeente van het gezin").select_option(label="Noorddorp")
    page.get_by_role("button", name="Zoeken").click()

    results = page.get_by_test_id("search-result")
    expect(results).to_have_count(2)
    expect(results.first).to_contain_text("Schuldhulpmaatje")
    expect(results.first.get_by_test_id("result-access")).to_have_text("Via het buurtteam")
    expect(page.get_by_test_id("not-available-heading")).to_have_text(
        "Niet beschikbaar in Noorddorp"
    )
    expect(results.last).to_contain_text("Budgetcursus")
    assert_accessible(page)

    page.get_by_role("link", name="Schuldhulpmaatje").click()
    expect(page.get_by_test_id("service-name")).to_have_text("Schuldhulpmaatje")
    rows = page.get_by_test_id("access-row")
    expect(rows.first).to_contain_text("Noorddorp")
    expect(rows.first).to_contain_text("(gemeente van het gezin)")
    expect(rows.first).to_contain_text("Via het buurtteam")
    expect(rows.nth(1)).to_contain_text("Eerstedorp")
    expect(page.get_by_test_id("service-own-costs")).to_have_text("Geen eigen kosten")
    assert_accessible(page)

    # Back to the same search.
    page.get_by_test_id("back-to-search").click()
    expect(page.get_by_label("Gemeente van het gezin")).to_have_value(str(noorddorp.pk))
    expect(page.get_by_test_id("search-result")).to_have_count(2)
