"""Journeys: the care team sees who opened the file; the coordinator reviews the access."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.access.services import break_the_glass_open
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

EXPLANATION = "Cliënt belt 's avonds met bloedverlies, zorgteam niet bereikbaar."


@pytest.fixture
def glass(cast, cast_family):
    return break_the_glass_open(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="unreachable",
        explanation=EXPLANATION,
    )


def test_browser_the_case_director_sees_the_emergency_access(page, cast, cast_family, glass):
    login(page, cast.case_director)
    page.get_by_test_id("notifications-link").click()
    expect(page).to_have_url(re.compile(r"/meldingen/$"))
    expect(page.get_by_test_id("notifications-link")).to_contain_text("Meldingen (1")
    expect(page.get_by_test_id("notifications")).to_contain_text(cast_family.reference)
    assert_accessible(page)

    page.get_by_role("button", name="Markeer als gelezen").click()
    expect(page.get_by_test_id("notifications-link")).to_contain_text("Meldingen (0")

    page.get_by_role("link", name="Bekijken").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/toegang/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toegangsrapport")
    report = page.get_by_test_id("access-report")
    row = report.get_by_role("row").filter(has_text="Buitenstaander")
    expect(row.first).to_contain_text("Noodtoegang (break-the-glass)")
    expect(row.first).to_contain_text("Zorgteam niet bereikbaar")
    expect(row.first).to_contain_text("Verloskundigen Eerstedorp")
    # Opening the report is itself in the report.
    expect(report).to_contain_text("Toegangsrapport ingezien")
    assert_accessible(page)


def test_browser_the_care_team_member_opens_the_report_from_the_file(
    page, cast, cast_family, glass
):
    login(page, cast.care_team_member)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    page.get_by_role("link", name="Wie heeft dit dossier ingezien?").click()
    expect(page.get_by_test_id("access-report")).to_contain_text("Buitenstaander")
    assert_accessible(page)


def test_browser_the_coordinator_searches_the_log_and_reviews(page, cast, cast_family, glass):
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Toegangslog").click()
    expect(page.get_by_role("heading", name="Toegangslog", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("buitenstaander")
    page.get_by_label("Grondslag").select_option(label="Noodtoegang (break-the-glass)")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_test_id("access-log")).to_contain_text(cast_family.reference)

    page.get_by_label("Vanaf").fill("2030-03-10")
    page.get_by_label("Tot en met").fill("2030-03-01")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("De einddatum van de periode ligt voor de begindatum.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Noodtoegangen beoordelen").click()
    expect(page.get_by_test_id("break-the-glass-list")).to_contain_text(EXPLANATION)
    assert_accessible(page)
    page.get_by_label("Beoordeling").fill("Terecht, besproken met de verloskundige.")
    page.get_by_role("button", name="Markeer als beoordeeld").click()
    expect(page.get_by_role("status").filter(has_text="is beoordeeld")).to_be_visible()
    expect(page.get_by_text("Er zijn geen noodtoegangen meer te beoordelen.")).to_be_visible()
