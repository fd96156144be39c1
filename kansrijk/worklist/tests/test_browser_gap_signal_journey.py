"""In a real browser, in real time: the coordinator's work queue shows a family in the gap
between kraamzorg and JGZ; the JGZ nurse on its care team plans the JGZ contact from her own
work queue; the coordinator's queue no longer shows it. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

from .builders import born_on, family_with_consent

pytestmark = pytest.mark.browser


def menu(page, label: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=label)


@pytest.fixture
def family_in_the_gap(cast):
    """Born ten days ago (relative to today: the live server keeps real time)."""
    today = timezone.localdate()
    family = family_with_consent(cast)
    born_on(cast, family, today - timedelta(days=10), today=today)
    return family


def test_browser_the_gap_signal_goes_away_when_the_jgz_plans_a_contact(
    page, browser, live_server, cast, family_in_the_gap
):
    reference = family_in_the_gap.reference
    row_id = f"signal-gap_without_jgz_contact-{reference}"

    # The coordinator sees the family in the gap, with the minimum: no names, no file link.
    login(page, cast.coordinator)
    menu(page, "Werkvoorraad").click()
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    row = page.get_by_test_id(row_id)
    expect(row).to_contain_text("Tussen kraamzorg en JGZ")
    expect(row).to_contain_text("In het gat zonder JGZ-contact")
    expect(row.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
    page.goto("/beheer/ketensignalen/")
    expect(page.get_by_role("heading", name="Ketensignalen")).to_be_visible()
    assert_accessible(page)

    # The JGZ nurse on the care team plans the contact from her own work queue.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    try:
        nurse = context.new_page()
        login(nurse, cast.care_team_member)
        menu(nurse, "Werkvoorraad").click()
        nurse_row = nurse.get_by_test_id(row_id)
        expect(nurse_row).to_contain_text("de kraamzorg is voorbij")
        assert_accessible(nurse)
        nurse_row.get_by_role("button", name=f"Plan JGZ-contact ({reference})").click()
        expect(nurse.get_by_text(f"JGZ-contact gepland voor gezin {reference}")).to_be_visible()
        expect(nurse.get_by_test_id(row_id)).to_have_count(0)
        menu(nurse, "Mijn taken").click()
        expect(nurse.get_by_test_id("task-table")).to_contain_text(
            "Eerste JGZ-contact na de kraamperiode"
        )
        assert_accessible(nurse)
    finally:
        context.close()

    # The coordinator's queue no longer shows it.
    page.goto("/werkvoorraad/")
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    expect(page.get_by_test_id(row_id)).to_have_count(0)
