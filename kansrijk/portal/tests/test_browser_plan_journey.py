"""Browser journey of the family portal's own pages on a phone (390x844): Sanne opens her
plan, her care team and her phase of the 1000 days, then fills in her own Positive Health
scores (forgetting one first) and sees them on the spider web. axe checks every page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible
from kansrijk.testing.portal import portal_client

from .plan_world import plan_rows, plan_world

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_browser_a_family_member_reads_the_plan_and_fills_in_scores(page, live_server, cast):
    world = plan_world(cast)
    plan_rows(cast, world.family, 2)
    # The login itself has its own journey: start from a portal session.
    cookie = portal_client(world.account).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.set_viewport_size(PHONE)

    page.goto("/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons plan")
    expect(page.get_by_test_id("portal-strengths")).to_contain_text("lieve buren")
    expect(page.get_by_test_id("portal-actions")).to_contain_text("Actie 1")
    expect(page.get_by_test_id("spider-web-svg")).to_be_visible()
    assert_accessible(page)

    nav = page.get_by_role("navigation", name="Mijn gezin")
    nav.get_by_role("link", name="Ons team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons team")
    expect(page.get_by_test_id("portal-case-director")).to_be_visible()
    assert_accessible(page)

    nav.get_by_role("link", name="Onze 1000 dagen").click()
    expect(page.get_by_test_id("portal-phase")).to_contain_text("Nu: Voor de zwangerschap")
    expect(page.get_by_test_id("portal-phase-current")).to_contain_text("hier zijn jullie nu")
    assert_accessible(page)

    nav.get_by_role("link", name="Hoe gaat het?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe gaat het?")
    assert_accessible(page)
    choices = {
        "Lichaamsfuncties": "8",
        "Mentaal welbevinden": "5",
        "Zingeving": "9",
        "Kwaliteit van leven": "7",
        "Meedoen": "2",
    }
    for dimension, value in choices.items():
        page.get_by_role("group", name=dimension).get_by_role(
            "radio", name=value, exact=True
        ).check()
    page.get_by_role("button", name="Cijfers opslaan").click()
    # One forgotten: a Dutch message next to it, the other choices kept.
    expect(page.get_by_role("group", name="Dagelijks functioneren")).to_contain_text(
        "Kies een cijfer van 0 tot en met 10 voor Dagelijks functioneren."
    )
    expect(
        page.get_by_role("group", name="Meedoen").get_by_role("radio", name="2", exact=True)
    ).to_be_checked()
    assert_accessible(page)
    # With the keyboard: focus the first choice of the group and move with the arrow keys.
    group = page.get_by_role("group", name="Dagelijks functioneren")
    group.get_by_role("radio", name="0", exact=True).focus()
    for _step in range(6):
        page.keyboard.press("ArrowRight")
    expect(group.get_by_role("radio", name="6", exact=True)).to_be_checked()
    page.get_by_role("button", name="Cijfers opslaan").click()

    expect(page).to_have_url(re.compile(r"/mijn/gezondheid/$"))
    expect(page.get_by_text("Je cijfers zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_test_id("spider-own")).to_be_attached()
    expect(page.get_by_test_id("spider-professional")).to_be_attached()
    row = page.get_by_test_id("portal-health-table").get_by_role("row", name=re.compile("Meedoen"))
    expect(row.get_by_role("cell").first).to_have_text("2")
    expect(page.get_by_test_id("portal-health-history")).to_contain_text("Sanne")
    assert_accessible(page)
