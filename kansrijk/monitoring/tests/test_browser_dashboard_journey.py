"""Browser journey of the monitoring dashboard: a coordinator opens it from the menu, chooses
another period and a municipality, opens an indicator's definition and downloads the CSV,
in which no count is under 10. axe checks every page."""

import csv
import re
from datetime import timedelta
from io import StringIO

import pytest
from playwright.sync_api import expect

from kansrijk.monitoring.selectors_dashboard import default_period
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring_dashboard import (  # noqa: F401 (fixture)
    fake_indicators,
    registered_families,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fake_indicators")]


def test_browser_a_coordinator_filters_the_dashboard_and_downloads_it(page, cast):
    period = default_period()
    month = period.months()[0]
    other = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9512", name="Derdedorp")
    day = month.first + timedelta(days=3)
    registered_families(cast.coalition, cast.coordinator, day, 14)
    registered_families(cast.coalition, cast.coordinator, day, 4, low_income=True)
    # Every month of the quarter in both municipalities, so that no month (and no
    # municipality) gives another away: an empty month would be "<10" that the quarter minus
    # the other months reveals, and its neighbours would be hidden to protect it (12, not
    # 10: of ten families "<10" with a low income and the rest at least 10 can only be 0).
    for each in period.months()[1:]:
        registered_families(cast.coalition, cast.coordinator, each.first + timedelta(days=3), 12)
    for each in period.months():
        registered_families(
            cast.coalition, cast.coordinator, each.first + timedelta(days=3), 11, municipality=other
        )

    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Monitoring", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring")
    expect(page.get_by_test_id("dashboard-shown")).to_contain_text(period.label)
    new = page.locator('[data-testid=indicator][data-code="test-nieuw"]')
    expect(new.get_by_test_id("cell-numerator")).to_have_text("75")
    expect(new.locator("svg[role=img] title").first).to_contain_text("per maand")
    assert_accessible(page)

    # The first month of the quarter, in one municipality.
    page.get_by_label(re.compile(r"^Periode")).select_option(month.code)
    page.get_by_label("Gemeente").select_option(label="Derdedorp")
    page.get_by_role("button", name="Tonen").click()
    shown = page.get_by_test_id("dashboard-shown")
    expect(shown).to_contain_text(month.label)
    expect(shown).to_contain_text("gemeente Derdedorp")
    expect(new.get_by_test_id("cell-numerator")).to_have_text("11")
    income = page.locator('[data-testid=indicator][data-code="test-inkomen"]')
    expect(income.get_by_test_id("indicator-total")).to_contain_text("11")
    assert_accessible(page)

    # A typed period that is no period.
    page.get_by_label("Of typ een periode").fill("2026-Q9")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("Geef een periode als jaar (2026)")).to_be_visible()
    expect(page.get_by_test_id("dashboard-shown")).to_contain_text(period.label)
    assert_accessible(page)

    # The definition, and back.
    new.get_by_test_id("definition-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe gezinnen")
    expect(page.get_by_test_id("definition-version")).to_have_text("Indicator test-nieuw, versie 2")
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar de monitoring").click()

    # The CSV of all municipalities: 4 with a low income is hidden, and so is its complement.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = list(csv.reader(StringIO(content), delimiter=";"))
    start = next(index for index, row in enumerate(rows) if row and row[0] == "Groep")
    body = [row for row in rows[start + 1 :] if row]
    for row in body:
        for value in row[5:7]:
            assert value in ("", "<10", "x") or int(value.replace(".", "")) >= 10, row
    by_cell = {(row[1], row[4]): row for row in body}
    assert by_cell[("test-inkomen", "Laag inkomen")][5] == "<10"
    assert by_cell[("test-nieuw", "Nieuwe gezinnen")][5] == "75"
