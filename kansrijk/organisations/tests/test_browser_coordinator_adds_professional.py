import re

import pytest
from playwright.sync_api import expect

from kansrijk.organisations.models import Membership
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_adds_an_existing_professional_to_an_organisation(page, cast):
    newcomer = cast.other_coalition_professional  # has an account, not yet in this coalition
    login(page, cast.coordinator)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", name="Beheer", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Medewerkers", exact=True).click()
    expect(page.get_by_role("heading", name="Medewerkers", level=1)).to_be_visible()
    expect(page.get_by_test_id("membership-table")).not_to_contain_text(newcomer.username)
    assert_accessible(page)

    page.get_by_role("link", name="Professional toevoegen aan organisatie").click()
    expect(page).to_have_url(re.compile(r"/beheer/medewerkers/nieuw/$"))
    assert_accessible(page)

    page.get_by_label("Een professional die al een account heeft").check()
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(newcomer.username)
    page.get_by_label("Organisatie", exact=True).select_option(label="JGZ Eerstedorp")
    page.get_by_label("Discipline", exact=True).select_option(label="Jeugdverpleegkundige")
    page.get_by_role("button", name="Toevoegen").click()

    expect(page).to_have_url(re.compile(r"/beheer/medewerkers/$"))
    expect(page.get_by_role("status")).to_contain_text("is toegevoegd aan JGZ Eerstedorp.")
    row = (
        page.get_by_test_id("membership-table")
        .get_by_role("row")
        .filter(has_text=newcomer.username)
    )
    expect(row).to_contain_text("JGZ Eerstedorp")
    expect(row).to_contain_text("Jeugdverpleegkundige")
    assert_accessible(page)
    assert Membership.objects.filter(
        professional=newcomer, coalition=cast.coalition, organisation__name="JGZ Eerstedorp"
    ).exists()
