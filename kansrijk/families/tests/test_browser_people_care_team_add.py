"""Browser journey: add a professional to the care team with a phone number, then end the
membership after confirming."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_add_and_end_a_care_team_member(page, cast, cast_family):
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    page.get_by_role("link", name="Zorgteam beheren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgteam")
    expect(page.get_by_test_id("care-team-current")).to_contain_text("JGZ Eerstedorp")
    assert_accessible(page)

    page.get_by_role("button", name="Toevoegen").click()
    expect(
        page.get_by_text("Kies de professional die je aan het zorgteam toevoegt.")
    ).to_be_visible()
    assert_accessible(page)

    # Typing part of the name suggests the professional (a native datalist).
    page.get_by_label("Professional").press_sequentially("buitenst")
    label = "Buitenstaander Testpersoon — Verloskundigen Eerstedorp (Verloskundige)"
    expect(page.locator("#id_professional_suggesties option")).to_have_attribute("value", label)
    page.get_by_label("Professional").fill(label)
    page.get_by_label("Rol bij dit gezin").fill("verloskundige")
    page.get_by_label("Telefoon (direct bereikbaar)").fill("06 44455566")
    page.get_by_role("button", name="Toevoegen").click()

    expect(page.get_by_role("status")).to_contain_text("is toegevoegd aan het zorgteam")
    current = page.get_by_test_id("care-team-current")
    expect(current).to_contain_text("Buitenstaander Testpersoon")
    expect(current.get_by_role("link", name="06 44455566")).to_have_attribute(
        "href", "tel:0644455566"
    )

    page.get_by_role("link", name="Beëindigen (Buitenstaander Testpersoon)").click()
    expect(page).to_have_url(re.compile(r"/zorgteam/\d+/beeindigen/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, beëindigen").click()

    expect(page.get_by_role("status")).to_contain_text("zit niet meer in het zorgteam")
    expect(page.get_by_test_id("care-team-former")).to_contain_text("Buitenstaander Testpersoon")
