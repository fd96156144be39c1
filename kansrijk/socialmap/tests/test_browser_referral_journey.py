"""Browser journey of a closed-loop referral, in real time against the live server.

A care-team member opens the family file, clicks "Verwijzen" and refers the mother to the
buurtteam's debt counselling, with the family's consent. A professional of the buurtteam,
in a second browser, finds it under "Verwijzingen", opens it (only what is shared), and
accepts: she joins the care team. The care-team member sees the status in the file. axe
checks every page.
"""

import pytest
from playwright.sync_api import expect

from kansrijk.socialmap.models import Referral, ReferralStatus
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)
from kansrijk.testing.socialmap_referrals import family_member, make_receiving_side

pytestmark = pytest.mark.browser


def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context, context.new_page()


def test_browser_a_referral_is_sent_accepted_and_seen_by_the_sender(
    page, browser, live_server, cast, cast_family
):
    family_member(cast_family, first_name="Sanne")
    side = make_receiving_side(cast)

    # The care-team member refers from the family file.
    login(page, cast.care_team_member)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    expect(page.get_by_test_id("referral-section")).to_be_visible()
    page.get_by_test_id("refer-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verwijzen")
    assert_accessible(page)
    page.get_by_label("Voor wie").select_option(label="Sanne Test (Zwangere / cliënt)")
    page.get_by_label("Aanbod").select_option(label="Schuldhulp Eerstedorp — Buurtteam Eerstedorp")
    page.get_by_label("Reden van verwijzing").fill("Schulden lopen op; moeder wil hulp.")
    page.get_by_label("Gedeelde gegevens").fill("Huurachterstand van drie maanden.")
    page.get_by_role("button", name="Verwijzing versturen").click()
    # Without consent: a clear error, the input kept.
    expect(page.get_by_text("Zonder toestemming van het gezin").first).to_be_visible()
    expect(page.get_by_label("Reden van verwijzing")).to_have_value(
        "Schulden lopen op; moeder wil hulp."
    )
    assert_accessible(page)
    page.get_by_label("Het gezin geeft toestemming").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("status")).to_contain_text("is verstuurd")
    expect(page.get_by_test_id("referral-status")).to_have_text("Verstuurd")
    assert_accessible(page)
    referral = Referral.objects.get()

    # The buurtteam's professional finds it under "Verwijzingen" and accepts.
    context, receiver = second_page(browser, live_server)
    try:
        login(receiver, side.receiver)
        receiver.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Verwijzingen"
        ).click()
        expect(receiver.get_by_role("heading", level=1)).to_have_text("Verwijzingen")
        expect(receiver.get_by_test_id("incoming-referral")).to_have_count(1)
        assert_accessible(receiver)
        receiver.get_by_role("link", name=f"Verwijzing {referral.pk}").click()
        expect(receiver.get_by_test_id("referral-shared")).to_have_text(
            "Huurachterstand van drie maanden."
        )
        expect(receiver.get_by_test_id("receiver-note")).to_be_visible()
        assert_accessible(receiver)
        receiver.get_by_test_id("referral-action-accept").get_by_role(
            "button", name="Accepteren"
        ).click()
        expect(receiver.get_by_role("status")).to_contain_text("zit nu in het zorgteam")
        expect(receiver.get_by_test_id("referral-status")).to_have_text("Geaccepteerd")
        assert_accessible(receiver)
    finally:
        context.close()

    # The sender sees the status in the family file.
    page.goto(f"/gezinnen/{cast_family.pk}/")
    expect(page.get_by_test_id("family-referral")).to_contain_text("Geaccepteerd")
    assert_accessible(page)
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
