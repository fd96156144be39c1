"""Browser journey of the regional landscape.

A coordinator opens "Landschap" in the main menu, finds no partnerships yet, records the
central reporting point of her municipality (first without a name: the error stands next to
the field), adds a VSV covering both municipalities of the region, sees it in the coverage
table, and opens the VSV comparison, where the one service on her coalition's map is marked
as differing. From there she opens the agreements list (empty) and records an agreement.
axe checks every page.
"""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.landscape.models import Agreement, CentralPoint, Partnership
from kansrijk.organisations.models import Municipality
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_records_a_central_point_adds_a_vsv_and_compares(page, cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    make_service(
        make_provider(cast.coalition, name="Maatjesproject"),
        name="Buddy voor jonge ouders",
        access={municipality: "direct"},
    )
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Landschap").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regionaal landschap")
    expect(page.get_by_test_id("no-partnerships")).to_be_visible()
    assert_accessible(page)

    # The central reporting point: first without a name.
    page.get_by_role("link", name=re.compile(f"^Meldpunt vastleggen.*{municipality.name}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Centraal meldpunt van {municipality.name}"
    )
    assert_accessible(page)
    page.get_by_label("Telefoon").fill("0301 111 111")
    page.get_by_role("button", name="Meldpunt opslaan").click()
    expect(page.get_by_text("Geef het meldpunt een naam.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Meldpunt Kansrijke Start Eerstedorp")
    page.get_by_role("button", name="Meldpunt opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    expect(page.get_by_test_id("central-points")).to_contain_text(
        "Meldpunt Kansrijke Start Eerstedorp"
    )
    assert CentralPoint.objects.get().municipality == municipality

    # A VSV covering both municipalities of the region.
    page.get_by_role("link", name="Nieuw samenwerkingsverband").click()
    assert_accessible(page)
    page.get_by_label("Soort").select_option("vsv")
    page.get_by_label("Naam").fill("VSV Testregio")
    page.get_by_label("Eerstedorp (Kansrijke Start Eerstedorp)").check()
    page.get_by_label("Tweededorp (Kansrijke Start Tweededorp)").check()
    page.get_by_role("button", name="Samenwerkingsverband opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("VSV Testregio is opgeslagen")
    expect(page.get_by_test_id("partnership-list")).to_contain_text("VSV Testregio")
    assert Partnership.objects.get().municipalities.count() == 2
    assert_accessible(page)

    # The comparison.
    page.get_by_role("link", name=re.compile("^Gemeenten vergelijken.*VSV Testregio")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gemeenten van VSV Testregio naast elkaar"
    )
    row = page.get_by_test_id("compare-row")
    expect(row).to_contain_text("Buddy voor jonge ouders")
    expect(row.get_by_test_id("compare-differs")).to_have_text("Verschilt")
    expect(row).to_contain_text("Meldpunt Kansrijke Start Eerstedorp")
    expect(row).to_contain_text("Niet op de sociale kaart")
    assert_accessible(page)

    # The agreements.
    page.get_by_role("link", name="Regionaal landschap").click()
    page.get_by_role("link", name="Verbeterafspraken").first.click()
    expect(page.get_by_test_id("no-agreements")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe afspraak").click()
    assert_accessible(page)
    page.get_by_label("Doelgroep").select_option("zwangeren_kwetsbaar")
    page.get_by_label("Fase").select_option("gap")
    page.get_by_label("Behoefte").select_option("parenting")
    page.get_by_label("Wat spreken we af").fill("Extra huisbezoek tussen dag 8 en week 5.")
    page.get_by_label("Wie", exact=True).fill("JGZ Eerstedorp")
    page.get_by_label("Wanneer klaar").fill("2031-01-31")
    page.get_by_role("button", name="Afspraak opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De afspraak is opgeslagen.")
    assert Agreement.objects.get().who == "JGZ Eerstedorp"
    assert_accessible(page)
