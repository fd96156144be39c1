"""Browser journey of an analyst: the coalition's fictional example (marked as such), its low
estimate, and the print version, whose menu and buttons disappear when printed. axe checks
every page."""

import pytest
from playwright.sync_api import expect

from kansrijk.financing.demo_business import create_example_case
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_an_analyst_reads_and_prints_the_example(page, cast):
    case = create_example_case(cast.coalition, cast.coordinator)

    login(page, cast.analyst)
    page.goto("/businesscase/")
    expect(page.get_by_role("link", name="Nieuw scenario")).to_have_count(0)
    page.get_by_role("link", name=case.name).click()
    expect(page.get_by_test_id("business-example")).to_contain_text("Fictief voorbeeld.")
    expect(page.get_by_role("link", name="Scenario bewerken")).to_have_count(0)
    assert_accessible(page)
    page.get_by_test_id("business-estimates").get_by_role("link", name="Laag").click()
    expect(page.get_by_test_id("business-break-even")).to_have_text("niet binnen 8 jaar")

    page.get_by_test_id("business-print-link").click()
    expect(page.get_by_test_id("business-print")).to_contain_text("Resultaat (schatting laag)")
    expect(page.get_by_role("button", name="Afdrukken of bewaren als pdf")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.get_by_role("button", name="Afdrukken of bewaren als pdf")).to_be_hidden()
    expect(page.get_by_test_id("business-chart")).to_be_visible()
