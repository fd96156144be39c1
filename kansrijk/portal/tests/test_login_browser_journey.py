"""Browser journey on a phone (390x844): the case director invites Sanne from the family file;
Sanne logs in with her e-mail address, date of birth and the code from the e-mail, and lands
on the portal's home. axe checks every page on the way."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_client_person

from .login_world import code_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_browser_the_case_director_invites_sanne_and_she_logs_in(page, browser, live_server, cast):
    family = make_family(cast)
    make_client_person(family, cast.case_director)

    # The case director, on a phone too.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    director = context.new_page()
    try:
        login(director, cast.case_director)
        director.goto(reverse("families:detail", args=[family.pk]))
        section = director.get_by_test_id("portal-section")
        expect(section).to_contain_text("Sanne: Niet uitgenodigd")
        section.get_by_role("link", name="Gezinsleden uitnodigen voor Mijn gezin").click()
        expect(director.get_by_role("heading", level=1)).to_have_text(
            "Mijn gezin: toegang voor het gezin"
        )
        assert_accessible(director)
        director.get_by_role("button", name="Sanne uitnodigen").click()
        expect(director.get_by_role("status")).to_contain_text("Sanne is uitgenodigd.")
        expect(director.get_by_test_id("portal-member-state")).to_contain_text("nog niet ingelogd")
        assert_accessible(director)
    finally:
        context.close()
    invitation = mail.outbox[-1]
    assert invitation.to == ["sanne@example.org"]
    assert "/mijn/inloggen/" in invitation.body

    # Sanne, on her phone.
    page.set_viewport_size(PHONE)
    page.goto(reverse("portal:login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Mijn gezin")
    assert_accessible(page)
    page.get_by_label("Je e-mailadres").fill("sanne@example.org")
    page.get_by_label("Je geboortedatum").fill("1994-05-17")
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page).to_have_url(re.compile(r"/mijn/inloggen/code/$"))
    expect(page.get_by_test_id("portal-code-sent")).to_contain_text(
        "Als je gegevens kloppen, krijg je binnen een paar minuten een e-mail met een code."
    )
    assert_accessible(page)

    # A wrong code first: a clear error beside the field, and she may try again.
    page.get_by_label("Code uit de e-mail").fill("12345")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("De code bestaat uit zes cijfers.")).to_be_visible()
    assert_accessible(page)

    code = code_in(mail.outbox[-1])
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/mijn/$"))
    expect(page.get_by_test_id("portal-person")).to_have_text("Sanne")
    assert_accessible(page)
