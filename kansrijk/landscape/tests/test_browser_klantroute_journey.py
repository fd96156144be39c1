"""Browser journey of the klantroute (issue 15): a coordinator opens the klantroute for
"Zwangeren in een kwetsbare situatie" from the menu, sees a gap in the day 8 - week 5 column
for one municipality, follows "Afspraak maken", records the agreement, sees it in its cell and
finds it in the governance report. axe checks every page, the poster included."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.landscape_klantroute import klantroute_world
from kansrijk.testing.monitoring_dashboard import fake_indicators  # noqa: F401 (fixture)

# The report's indicators are stand-ins: the journey is about the agreements section.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fake_indicators")]


def test_browser_a_coordinator_finds_a_gap_and_records_an_agreement(page, cast):
    world = klantroute_world(cast)
    due = timezone.localdate() + timedelta(days=60)

    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Klantroute", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klantroute")
    expect(page.get_by_test_id("klantroute-shown")).to_contain_text(
        "Zwangeren in een kwetsbare situatie"
    )
    expect(
        page.get_by_role("columnheader", name="Tussen kraamzorg en JGZ (dag 8 tot week 5)")
    ).to_be_visible()
    cell = page.locator('[data-testid=cell][data-phase="gap"][data-need="language"]')
    expect(cell.get_by_test_id("service")).to_contain_text("Taalspreekuur")
    gap = cell.locator('[data-testid=gap][data-municipality="Noorddorp"]')
    expect(gap).to_contain_text("Leemte in Noorddorp:")
    expect(gap).to_contain_text("niet beschikbaar")
    expect(cell.locator('[data-testid=offer][data-municipality="Noorddorp"]')).to_contain_text(
        "Noorddorp: niet beschikbaar"
    )
    assert_accessible(page)

    gap.get_by_role("link", name=re.compile("^Afspraak maken")).click()
    expect(page).to_have_url(re.compile(r"/klantroute/afspraken/nieuw/\?"))
    assert f"gemeente={world.noorddorp.pk}" in page.url
    assert_accessible(page)
    page.get_by_label("Wat spreken we af").fill("Het taalspreekuur komt ook naar Noorddorp.")
    page.get_by_label("Wie", exact=True).fill("Stichting Taalhuis")
    page.get_by_label("Wanneer klaar").fill(due.isoformat())
    page.get_by_role("button", name="Afspraak opslaan").click()

    # Back on the klantroute: the agreement is in its cell.
    expect(page).to_have_url(re.compile(r"/klantroute/\?"))
    cell = page.locator('[data-testid=cell][data-phase="gap"][data-need="language"]')
    expect(cell.get_by_test_id("agreement")).to_contain_text(
        "Het taalspreekuur komt ook naar Noorddorp."
    )
    expect(cell.get_by_test_id("agreement")).to_contain_text("Stichting Taalhuis")
    assert_accessible(page)

    # The poster, for the coalition meeting.
    page.get_by_role("link", name="Poster om af te drukken of te projecteren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Klantroute: Zwangeren in een kwetsbare situatie"
    )
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    assert_accessible(page)

    # The governance report lists it.
    page.goto("/monitoring/rapport/")
    report = page.get_by_test_id("monitoring-report")
    expect(report).to_contain_text("Het taalspreekuur komt ook naar Noorddorp.")
    expect(report).to_contain_text("Stichting Taalhuis")
    assert_accessible(page)
