import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible
from kansrijk.testing.factories import PASSWORD, MembershipFactory, ProfessionalFactory

pytestmark = pytest.mark.browser


def test_browser_a_professional_without_authenticator_is_led_to_set_one_up(page, cast):
    newcomer = ProfessionalFactory(username="nieuwkomer", first_name="Noor")
    MembershipFactory(professional=newcomer, coalition=cast.coalition)

    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("nieuwkomer")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(r"/inloggen/authenticator/$"))
    expect(page.get_by_role("heading", name="Authenticator-app instellen", level=1)).to_be_visible()
    expect(page.get_by_role("figure")).to_contain_text("QR-code voor je authenticator-app")
    assert_accessible(page)

    # What a person types into their authenticator app: the secret shown in groups of four.
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    code = totp(base64.b32decode(secret), step=30, t0=0, digits=6)
    page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen en inloggen").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Je authenticator-app is ingesteld.")
    expect(page.get_by_role("heading", name="Welkom, Noor", level=1)).to_be_visible()
    expect(page.get_by_test_id("active-coalition")).to_have_text("Kansrijke Start Eerstedorp")
    assert newcomer.totpdevice_set.filter(confirmed=True).count() == 1
