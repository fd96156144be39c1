"""Browser journey of the business case: a coordinator builds a scenario (a first form with
a mistake, then an intervention, an effect and a saving), reads the result table, the chart
and the wrong pocket, switches to the high estimate, and compares the scenario with the
coalition's fictional example. axe checks every page."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.financing.demo_business import create_example_case
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_builds_and_compares_a_scenario(page, cast):
    create_example_case(cast.coalition, cast.coordinator)

    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Businesscase"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maatschappelijke businesscase")
    expect(page.get_by_test_id("business-row")).to_have_count(1)
    expect(page.get_by_test_id("business-row")).to_contain_text("Fictief voorbeeld")
    assert_accessible(page)

    # A new scenario; the first try has no name.
    page.get_by_role("link", name="Nieuw scenario").click()
    page.get_by_label("Eerste jaar").fill("2026")
    page.get_by_label("Looptijd in jaren").fill("4")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Geef het scenario een naam.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam van het scenario").fill("Preconceptie in de wijk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preconceptie in de wijk")
    expect(page.get_by_test_id("business-no-result")).to_be_visible()
    assert_accessible(page)

    # An intervention paid by public health.
    page.get_by_role("link", name="Interventie toevoegen").click()
    page.get_by_label("Interventie").fill("Preconceptiespreekuur")
    page.get_by_label("Bereik (gezinnen per jaar)").fill("10")
    page.get_by_label("Kosten per gezin (€)").fill("100")
    page.get_by_label("Wie betaalt").select_option("gemeente_wpg")
    page.get_by_label("Bron").fill("Begroting GGD 2026")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("business-intervention")).to_contain_text("Begroting GGD 2026")

    # An effect from the second year, with its saving for the insurer.
    page.get_by_test_id("business-intervention").get_by_role(
        "link", name="Effect toevoegen"
    ).click()
    page.get_by_label("Vermeden uitkomst").fill("Vroeggeboorte")
    page.get_by_label("Effect laag").fill("0,1")
    page.get_by_label("Effect basis").fill("0,2")
    page.get_by_label("Effect hoog").fill("0,3")
    page.get_by_label("Effect vanaf jaar").fill("1")
    page.get_by_label("Bron").fill("Werkgroep")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_test_id("business-effect").get_by_role("link", name="Besparing toevoegen").click()
    page.get_by_label("Wie bespaart").select_option("insurer")
    page.get_by_label("Besparing per vermeden uitkomst (€)").fill("1.000,00")
    page.get_by_label("Bron").fill("Werkgroep")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("business-saving")).to_contain_text(
        "Zorgverzekeraar bespaart € 1.000,00 per vermeden uitkomst"
    )

    # The result: base, then high.
    result = page.get_by_test_id("business-result")
    expect(result.get_by_test_id("business-total-net")).to_have_text("€ 2.000")
    expect(result.get_by_test_id("business-break-even")).to_have_text("in 2027")
    expect(result.get_by_test_id("business-years")).to_contain_text("2029")
    chart = result.get_by_test_id("business-chart")
    expect(chart.locator("svg[role=img]")).to_have_attribute(
        "aria-labelledby", "grafiek-titel grafiek-uitleg"
    )
    expect(chart.locator("rect title").first).to_have_text(re.compile(r"2026: investering"))
    expect(
        result.locator('[data-testid=business-pocket-row][data-payer="gemeente_wpg"]')
    ).to_contain_text("Investeert meer dan het bespaart")
    assert_accessible(page)
    page.get_by_test_id("business-estimates").get_by_role("link", name="Hoog").click()
    expect(page.get_by_test_id("business-total-net")).to_have_text("€ 5.000")

    # Compare with the fictional example.
    page.get_by_role("link", name="Businesscase", exact=True).first.click()
    for row in page.get_by_test_id("business-row").all():
        row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Vergelijk gekozen scenario's").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenario's vergelijken")
    base = page.get_by_test_id("business-compare-base")
    expect(base).to_contain_text("Preconceptie in de wijk")
    expect(base).to_contain_text("Fictief voorbeeld")
    expect(base.get_by_test_id("business-compare-net")).to_have_count(2)
    assert_accessible(page)
