"""Browser journey of the meeting itself, in real time against the live server.

A route-3 family (consent for named discussion) is on the published agenda (set up with the
services). The chair opens meeting mode, writes down the discussion, confirms the route and
assigns a new case director, records attendance, generates the minutes and makes them
final, and opens the print version. The new case director, in a second browser, accepts the
casusregie handover and is shown as case director on the family file. axe checks every new
page.
"""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.care.models import CaseDirector
from kansrijk.mdo.models import MdoMeeting, MeetingStatus
from kansrijk.organisations.models import Discipline
from kansrijk.signaling.models import RouteDecision
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)

from .meeting_fixtures import (
    make_professional,
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.browser


def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context, context.new_page()


def test_browser_the_chair_records_decisions_and_the_new_case_director_takes_over(
    page, browser, live_server, cast
):
    setup = setup_meeting(cast)
    director = make_professional(cast, "nieuweregisseur", discipline=Discipline.YOUTH_NURSE)
    meeting = setup.meeting

    # Meeting mode: the agenda, big.
    login(page, setup.chair)
    page.goto(f"/mdo/overleg/{meeting.pk}/bespreken/")
    agenda = page.get_by_test_id("discuss-agenda")
    expect(agenda.get_by_test_id("discuss-item")).to_have_count(2)
    expect(agenda).to_contain_text(setup.named.reference)
    expect(agenda).not_to_contain_text(setup.anonymous.reference)
    assert_accessible(page)
    page.get_by_role("link", name="Punt 1 openen").click()

    # The named item: the family's summary, then the discussion and the decisions.
    expect(page.get_by_role("heading", level=1)).to_have_text("Punt 1 van 2")
    expect(page.get_by_test_id("item-details")).to_contain_text(setup.named.reference)
    expect(page.get_by_test_id("panel-chain-signals")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat is er besproken?").fill("Moeder heeft weinig steun; regie bij de JGZ.")
    page.get_by_role("button", name="Bespreking opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De bespreking is opgeslagen.")
    page.get_by_label("Soort besluit").select_option("route_confirmed")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Besluit vastgelegd: Route bevestigd.")
    # A case director without choosing who: the error stays next to the field.
    page.get_by_label("Soort besluit").select_option("case_director")
    page.get_by_label("Toelichting").fill("De JGZ neemt de regie.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Kies de professional die casusregisseur wordt.")).to_be_visible()
    expect(page.get_by_label("Toelichting")).to_have_value("De JGZ neemt de regie.")
    assert_accessible(page)
    # The name typed in part; the one match is accepted without choosing a suggestion.
    page.get_by_label("Professional").fill("nieuweregis")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Casusregisseur aangewezen")
    expect(page.get_by_test_id("decision-handover")).to_contain_text("Voorgesteld".lower())
    assert not RouteDecision.objects.filter(family=setup.named).latest("decided_at").awaiting_mdo

    # The anonymous item: advice only.
    page.get_by_test_id("next-item").click()
    expect(page.get_by_test_id("item-anonymous-note")).to_be_visible()
    page.get_by_label("Soort besluit").select_option("advice")
    page.get_by_label("Toelichting").fill("Overweeg VoorZorg.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_test_id("decisions")).to_contain_text("Overweeg VoorZorg.")

    # Attendance.
    page.get_by_role("navigation", name="Onderdelen van het overleg").get_by_role(
        "link", name="Aanwezigheid"
    ).click()
    assert_accessible(page)
    page.get_by_role("checkbox", name=re.compile("Voorzitter Testpersoon")).check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De aanwezigheid is opgeslagen.")

    # The minutes: generated, made final.
    page.get_by_role("navigation", name="Onderdelen van het overleg").get_by_role(
        "link", name="Verslag"
    ).click()
    assert_accessible(page)
    page.get_by_test_id("minutes-generate").click()
    minutes = page.get_by_label("Verslag", exact=True)
    expect(minutes).to_contain_text(f"Casus 1: gezin {setup.named.reference}")
    expect(minutes).to_contain_text("Casus 2 (anoniem)")
    page.get_by_test_id("minutes-finalise-link").click()
    assert_accessible(page)
    page.get_by_test_id("minutes-finalise").click()
    expect(page.get_by_role("status")).to_contain_text("Het verslag is definitief.")
    expect(page.get_by_test_id("minutes-text")).to_contain_text("Casus 2 (anoniem)")
    assert MdoMeeting.objects.get(pk=meeting.pk).status == MeetingStatus.FINAL
    page.get_by_test_id("minutes-print-link").click()
    expect(page.get_by_test_id("print-item-details")).to_have_count(1)
    assert_accessible(page)

    # The new case director accepts the casusregie and is case director on the file.
    context, other = second_page(browser, live_server)
    try:
        login(other, director)
        other.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Overdrachten"
        ).click()
        other.get_by_test_id("incoming-handovers").get_by_role(
            "link", name=re.compile("^Bekijken en accepteren")
        ).click()
        other.get_by_label("Jouw rol bij dit gezin").fill("jeugdverpleegkundige")
        other.get_by_role("button", name="Overdracht accepteren").click()
        expect(other.get_by_role("status")).to_contain_text("Je hebt de overdracht geaccepteerd")
        other.goto(f"/gezinnen/{setup.named.pk}/")
        expect(
            other.get_by_test_id("handover-section").get_by_test_id("case-director")
        ).to_contain_text("Nieuweregisseur Testpersoon")
        current = CaseDirector.objects.current().get(family=setup.named)
        assert current.professional == director
    finally:
        context.close()
