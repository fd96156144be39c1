"""Browser journey: open a family file with a pregnancy, see its phase, edit it, read the
history; axe checks on the list, create, file, edit and history pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_create_a_family_with_a_pregnancy_and_edit_it(page, cast):
    login(page, cast.case_director)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gezinnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gezinnen")
    expect(page.get_by_test_id("empty-state")).to_contain_text("zorgteam")
    assert_accessible(page)

    page.get_by_role("link", name="Nieuw gezin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw gezin")
    assert_accessible(page)

    # A first try without a name: the message is next to the field, the input stays.
    page.get_by_label("Gemeente").select_option(label="Eerstedorp")
    page.get_by_label("Postcode").fill("1234ab")
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.get_by_text("Vul de voornaam van de cliënt in.")).to_be_visible()
    expect(page.get_by_label("Postcode")).to_have_value("1234ab")
    assert_accessible(page)

    due = timezone.localdate() + timedelta(weeks=20)
    page.get_by_label("Voertaal").fill("Nederlands")
    page.get_by_label("Jouw rol bij dit gezin").fill("verloskundige")
    page.get_by_label("Voornaam").fill("Samira")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("Geboortedatum").fill("1996-04-12")
    page.get_by_label("Telefoon").fill("06 12345678")
    page.get_by_label("À terme datum").fill(due.isoformat())
    page.get_by_label("Graviditeit").fill("1")
    page.get_by_label("Pariteit").fill("0")
    page.get_by_role("button", name="Dossier aanmaken").click()

    expect(page).to_have_url(re.compile(r"/gezinnen/\d+/$"))
    expect(page.get_by_text("is aangemaakt. Je staat in het zorgteam.")).to_be_visible()
    expect(page.get_by_test_id("family-phase")).to_have_text(
        "Zwangerschap, 2e trimester (20+0 weken)"
    )
    expect(page.get_by_test_id("persons-table")).to_contain_text("Samira El Amrani")
    expect(page.get_by_test_id("care-team-table")).to_contain_text("verloskundige")
    assert_accessible(page)

    page.get_by_role("link", name="Gezinsgegevens bewerken").click()
    assert_accessible(page)
    page.get_by_label("Wat gaat goed").fill("Partner is betrokken en steunend.")
    page.get_by_label("Laag inkomen (minima)").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gezinsgegevens zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Partner is betrokken en steunend.")).to_be_visible()

    page.get_by_role("link", name="Wijzigingsgeschiedenis").click()
    expect(page.get_by_test_id("history-table")).to_contain_text(
        "Wat gaat goed: — → Partner is betrokken en steunend."
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gezinnen").click()
    expect(page.get_by_test_id("family-table")).to_contain_text("Samira El Amrani")
    expect(page.get_by_test_id("family-table")).to_contain_text("20+0 weken")
    assert_accessible(page)
