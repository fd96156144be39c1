import pytest
from django.conf import settings
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


def submit_login(page, password):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()


def test_browser_repeated_wrong_passwords_lock_the_account(page, cast):
    submit_login(page, "fout-wachtwoord")
    expect(page.get_by_role("alert")).to_have_text("Gebruikersnaam of wachtwoord klopt niet.")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login(page, "fout-wachtwoord")

    # Even the right password no longer gets past the lockout.
    submit_login(page, PASSWORD)
    expect(page.get_by_role("heading", name="Tijdelijk geblokkeerd", level=1)).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("te vaak een verkeerd wachtwoord")
    expect(page.get_by_test_id("user-name")).to_have_count(0)
    assert_accessible(page)
