import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.actors import current_code
from kansrijk.testing.browser import assert_accessible
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_browser_login_with_password_and_code_lands_on_the_start_page(page, cast):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(r"/inloggen/code/$"))
    expect(page.get_by_role("heading", name="Code invoeren", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Code uit je authenticator-app").fill(current_code(cast.case_director))
    page.get_by_role("button", name="Inloggen", exact=True).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Welkom, Regisseur", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Kansrijke Start Eerstedorp")
    expect(page.get_by_test_id("active-coalition")).to_have_text("Kansrijke Start Eerstedorp")
    expect(page.get_by_test_id("user-name")).to_contain_text("Regisseur")
    expect(page.get_by_test_id("user-discipline")).to_have_text("Verloskundige")
    assert_accessible(page)
