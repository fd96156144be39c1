"""Browser journey: a half-answered questionnaire stays a draft the file links back to; the
midwife discards it after confirming. Axe on the confirmation page."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_continue_a_draft_from_the_file_and_discard_it(page, cast, pregnant_family):
    family = pregnant_family
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{family.pk}/signalering/")
    page.get_by_label("Instrument").select_option(
        label="Signalering Kansrijke Start (acht domeinen) — niet gevalideerd"
    )
    page.get_by_role("button", name="Signalering starten").click()
    page.get_by_role("group", name="Rookt de zwangere?").get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het concept is opgeslagen.")).to_be_visible()

    page.goto(f"/gezinnen/{family.pk}/")
    section = page.get_by_test_id("signaling-section")
    expect(section.get_by_test_id("current-level")).to_have_text("Nog niet gesignaleerd.")
    section.get_by_role("link", name="Verder met het concept").click()
    smoking = page.get_by_role("group", name="Rookt de zwangere?")
    expect(smoking.get_by_label("Nee", exact=True)).to_be_checked()

    page.get_by_role("link", name="Concept verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept verwijderen?")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, concept verwijderen").click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/signalering/$"))
    expect(page.get_by_text("Het concept is verwijderd.")).to_be_visible()
    expect(page.get_by_text("Dit gezin is nog niet gesignaleerd.")).to_be_visible()
