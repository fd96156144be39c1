"""Browser journey of the financing rules.

An administrator opens Beheer → Financiering, finds no rules yet and loads the shipped
figures of 2020 (the kraamzorg own contribution of € 4,20 per hour, with its source), copies
2020 to 2026, tries to save the 2026 kraamzorg rule without an amount (the error stands next
to the field), then changes the amount and sees it in the 2026 table while 2020 keeps
€ 4,20. axe checks every page.
"""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.financing.models import FinancingRule
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_an_administrator_loads_copies_and_edits_the_financing_rules(page, cast):
    login(page, cast.administrator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Financiering").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financiering: wie betaalt wat")
    expect(page.get_by_test_id("financing-empty")).to_be_visible()
    assert_accessible(page)

    # The shipped figures of 2020.
    page.get_by_role("button", name="Standaardcijfers laden").click()
    expect(page.get_by_role("status")).to_contain_text("De standaardcijfers van 2020 zijn geladen")
    kraamzorg = page.locator('tr[data-care-kind="kraamzorg"]')
    expect(kraamzorg.get_by_test_id("rule-contribution")).to_contain_text("€ 4,20")
    expect(page.get_by_test_id("kraamzorg-standard")).to_have_text("45 of 49 uur")
    kraamzorg.get_by_text("Uitleg, bron en tolk").click()
    expect(kraamzorg).to_contain_text("knelpunt 1.3")
    assert_accessible(page)

    # Copy 2020 to 2026.
    page.get_by_test_id("year-copy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaar 2020 kopiëren")
    assert_accessible(page)
    page.get_by_label("Naar jaar").fill("2026")
    page.get_by_role("button", name="Ja, kopiëren").click()
    expect(page.get_by_role("status")).to_contain_text("2020 is gekopieerd naar 2026")
    expect(page).to_have_url(re.compile(r"\?jaar=2026"))
    expect(page.get_by_test_id("financing-years").locator('[aria-current="page"]')).to_have_text(
        "2026"
    )
    assert_accessible(page)

    # Edit the 2026 kraamzorg rule: first without an amount, then with one.
    kraamzorg = page.locator('tr[data-care-kind="kraamzorg"]')
    kraamzorg.get_by_test_id("rule-edit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kraamzorg 2026")
    assert_accessible(page)
    amount = page.get_by_label("Bedrag eigen bijdrage (€)")
    expect(amount).to_have_value("4,20")
    amount.fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_contribution_amount_error")).to_have_text(
        "Vul het bedrag van de eigen bijdrage in."
    )
    assert_accessible(page)
    amount.fill("4,90")
    page.locator("#id_source").fill("Eigen opgave voor de oefening (2026)")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Regel Kraamzorg 2026 is opgeslagen.")
    kraamzorg = page.locator('tr[data-care-kind="kraamzorg"]')
    expect(kraamzorg.get_by_test_id("rule-contribution")).to_contain_text("€ 4,90")
    assert_accessible(page)

    # 2020 keeps its figure.
    page.get_by_test_id("financing-years").get_by_role("link", name="2020").click()
    kraamzorg = page.locator('tr[data-care-kind="kraamzorg"]')
    expect(kraamzorg.get_by_test_id("rule-contribution")).to_contain_text("€ 4,20")
    rules = FinancingRule.objects.filter(coalition=cast.coalition, care_kind="kraamzorg")
    assert sorted((r.year, str(r.contribution_amount)) for r in rules) == [
        (2020, "4.20"),
        (2026, "4.90"),
    ]
