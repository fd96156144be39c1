"""Browser journey: record the family's consent, then withdraw it after confirming."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_record_and_withdraw_consent(page, cast, cast_family):
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    page.get_by_role("link", name="Toestemming vastleggen of intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming")
    assert_accessible(page)

    # Without choices: Dutch messages next to the fields.
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Kies waarvoor de toestemming geldt.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gegevens delen binnen het zorgteam").check()
    page.get_by_label("Ja, het gezin geeft toestemming").check()
    page.get_by_label("Schriftelijk").check()
    page.get_by_role("button", name="Vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("is vastgelegd")
    row = page.get_by_test_id("consent-care_team")
    expect(row).to_contain_text("Gegeven")
    expect(row).to_contain_text("Regisseur")
    expect(row).to_contain_text("Schriftelijk")

    page.get_by_role("link", name="Intrekken (Gegevens delen binnen het zorgteam)").click()
    expect(page).to_have_url(re.compile(r"/toestemming/care_team/intrekken/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, intrekken").click()

    expect(page.get_by_role("status")).to_contain_text("Dit geldt vanaf nu.")
    expect(page.get_by_test_id("consent-care_team")).to_contain_text("Niet gevraagd of ingetrokken")
    expect(page.get_by_test_id("consent-history")).to_contain_text("Regisseur")
