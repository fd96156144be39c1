"""Browser journey of the federation: a coordinator publishes the coalition's figures for a
quarter, downloads the signed file and trusts the coalition as a publisher of the region; an
analyst of the region uploads that file, imports the other coalition's document from an
address (a web server on the loopback), sees both side by side and summed, and opens the
national view with the region's total. axe checks every page."""

import json
import re

import pytest
from playwright.sync_api import expect

from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import build_document, publisher_id
from kansrijk.monitoring.indicators import Cell
from kansrijk.monitoring.periods import Period
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.monitoring_federation import fake_indicators_fixture, loopback_fixture, trust  # noqa: F401

pytestmark = pytest.mark.browser


def test_browser_a_coalition_publishes_and_the_region_sees_it_side_by_side(
    page, cast, fake_indicators, loopback, tmp_path
):
    # The other coalition (same installation, so the same key) publishes 30 families.
    fake_indicators.set(
        cast.other_coalition, "fake_families", [Cell("all", "Alle gezinnen", numerator=30)]
    )
    other = build_document(cast.other_coalition, Period.parse("2026-Q3"), version=1)
    loopback.files["/tweededorp-q3.json"] = json.dumps(signing.signed_file(other)).encode()
    trust(cast.coalition.region, publisher_id(cast.other_coalition), signing.public_key_text())

    # The coordinator publishes the quarter.
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Regio", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regio Testregio")
    expect(page.get_by_test_id("federation-no-figures")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cijfers van je coalitie publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers publiceren voor de regio")
    assert_accessible(page)
    page.get_by_label("Periode").fill("2026-Q3")
    page.get_by_role("button", name="Publiceren").click()
    expect(
        page.get_by_text("De cijfers van 2026-Q3 zijn gepubliceerd als versie 1.")
    ).to_be_visible()
    expect(page.get_by_test_id("federation-published-row")).to_have_count(1)
    assert_accessible(page)
    own_id = page.get_by_test_id("federation-publisher-id").inner_text()
    own_key = page.get_by_test_id("federation-public-key").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download 2026-Q3 versie 1 (JSON)").click()
    path = tmp_path / "eerstedorp-q3.json"
    download.value.save_as(path)

    # ... and trusts the coalition as a publisher of the region.
    page.get_by_role("link", name="Terug naar de regio").click()
    page.get_by_role("link", name="Uitgever toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Uitgever-id").fill(own_id)
    page.get_by_label("Publieke sleutel").fill(own_key)
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_test_id("federation-publisher")).to_have_count(2)

    # An analyst of the region imports both documents.
    page.context.clear_cookies()
    login(page, cast.analyst)
    page.goto("/monitoring/regio/")
    page.get_by_role("link", name="Document inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Document inlezen")
    assert_accessible(page)
    page.get_by_label("Bestand").set_input_files(path)
    page.get_by_role("button", name="Inlezen").click()
    expect(
        page.get_by_text(re.compile(r"Het document van .* over 2026-Q3 is ingelezen"))
    ).to_be_visible()

    page.get_by_role("link", name="Document inlezen").click()
    page.get_by_label("Of een adres").fill(loopback.url("/tweededorp-q3.json"))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_test_id("federation-import")).to_have_count(2)

    families = page.locator('[data-testid=federation-table][data-indicator="fake_families"]')
    expect(families.get_by_role("columnheader")).to_contain_text(
        ["Cel", "Kansrijke Start Eerstedorp", "Kansrijke Start Tweededorp", "Regio samen"]
    )
    expect(families.get_by_test_id("federation-total")).to_have_text("72")
    # Levels 25 / 4 / 13 in each: the 4 is "<10", the 13 hidden as "x" (complementary).
    levels = page.locator('[data-testid=federation-table][data-indicator="fake_levels"]')
    vulnerable = levels.locator('[data-key="vulnerable"]')
    expect(vulnerable).to_contain_text("<10 van 42")
    expect(vulnerable.get_by_test_id("federation-total")).to_have_text("onderdrukt van 84")
    none = levels.locator('[data-key="none"]').get_by_test_id("federation-total")
    expect(none).to_have_text("50 van 84 (59,5%)")
    assert_accessible(page)

    # The national view: the region's column and the country's total.
    page.get_by_role("link", name="Landelijk overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landelijk overzicht")
    national = page.locator('[data-testid=national-table][data-indicator="fake_families"]')
    expect(national.get_by_role("columnheader")).to_contain_text(["Cel", "Testregio", "Landelijk"])
    expect(national.get_by_test_id("national-total")).to_have_text("72")
    assert_accessible(page)
