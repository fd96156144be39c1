"""Browser journey of the MDO agenda, in real time against the live server.

A coordinator sets up an MDO series, adds a midwife of the coalition as standing member (by
typing part of her name) and plans a meeting. A care-team member submits a family from its
file with a question. The coordinator sees the family (anonymously: no consent for named
discussion) on the agenda and publishes it; the midwife finds the meeting under "MDO". axe
checks every page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.mdo.models import MdoMeeting, MeetingStatus
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)

pytestmark = pytest.mark.browser


def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1024, "height": 768}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context, context.new_page()


def test_browser_a_coordinator_plans_an_mdo_and_publishes_a_submitted_family(
    page, browser, live_server, cast, cast_family
):
    starts_at = (timezone.localtime() + timedelta(days=10)).replace(hour=14, minute=0)

    # The coordinator: a new series under "MDO".
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="MDO").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MDO")
    expect(page.get_by_test_id("no-series")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe MDO-reeks").click()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("MDO Zwangeren Eerstedorp")
    page.get_by_label("Hoe vaak").select_option(label="Elke maand")
    page.get_by_label("Vaste plaats").fill("Wijkcentrum De Brug")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Zwangeren Eerstedorp is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("MDO Zwangeren Eerstedorp")
    assert_accessible(page)

    # The outsider (a midwife of the coalition, off the family's care team) joins: the
    # coordinator types part of the name; the suggestion (a native datalist) is the midwife,
    # and choosing it sends her membership along.
    page.get_by_role("link", name="Vaste deelnemer toevoegen").click()
    assert_accessible(page)
    participant = page.get_by_label("Professional")
    participant.press_sequentially("buitenst")
    label = "Buitenstaander Testpersoon — Verloskundigen Eerstedorp (Verloskundige)"
    expect(page.locator("#id_professional_suggesties option")).to_have_count(1)
    expect(page.locator("#id_professional_suggesties option")).to_have_attribute("value", label)
    participant.fill(label)
    expect(page.locator("input[name='professional_keuze']")).to_have_value(
        str(cast.outsider.memberships.get().pk)
    )
    page.get_by_label("Rol").select_option(label="Deelnemer")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_test_id("series-participant")).to_contain_text("Buitenstaander")

    # A meeting in ten days.
    page.get_by_role("link", name="Overleg plannen").click()
    expect(page.get_by_label("Plaats")).to_have_value("Wijkcentrum De Brug")
    assert_accessible(page)
    page.get_by_label("Datum en tijd").fill(starts_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("Concept-agenda")
    expect(page.get_by_test_id("empty-agenda")).to_be_visible()
    expect(page.get_by_test_id("meeting-participant")).to_contain_text("Buitenstaander")
    assert_accessible(page)
    meeting = MdoMeeting.objects.get()

    # The care-team member submits the family from its file.
    context, member = second_page(browser, live_server)
    try:
        login(member, cast.care_team_member)
        member.goto(f"/gezinnen/{cast_family.pk}/")
        section = member.get_by_test_id("mdo-section")
        section.get_by_role("link", name="Aanmelden voor het MDO").click()
        expect(member.get_by_role("heading", level=1)).to_have_text("Aanmelden voor het MDO")
        assert_accessible(member)
        member.get_by_role("button", name="Aanmelden").click()  # no question yet
        expect(member.get_by_text("Schrijf op wat je aan het MDO wilt vragen.")).to_be_visible()
        member.get_by_label("Je vraag aan het MDO").fill(
            "Wie neemt de regie rond de bevalling, en is VoorZorg passend?"
        )
        member.get_by_role("button", name="Aanmelden").click()
        expect(member.get_by_role("status")).to_contain_text(
            "Het gezin staat op de agenda van het MDO."
        )
        expect(member.get_by_test_id("mdo-items")).to_contain_text("op de agenda")
        assert_accessible(member)
    finally:
        context.close()

    # The coordinator sees the family anonymously and publishes the agenda.
    page.reload()
    item = page.get_by_test_id("agenda-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Anoniem")
    expect(item).to_contain_text("Wie neemt de regie rond de bevalling")
    expect(item).not_to_contain_text(cast_family.reference)
    page.get_by_role("link", name="Agenda publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda publiceren")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("De agenda is gepubliceerd.")
    expect(page.get_by_test_id("meeting-status")).to_have_text("Agenda gepubliceerd")
    assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED

    # The midwife finds the meeting under "MDO", on a tablet.
    context, midwife = second_page(browser, live_server)
    try:
        login(midwife, cast.outsider)
        midwife.goto("/mdo/")
        expect(midwife.get_by_test_id("meeting-row")).to_contain_text("MDO Zwangeren Eerstedorp")
        expect(midwife.get_by_test_id("meeting-row")).to_contain_text("Agenda gepubliceerd")
        assert_accessible(midwife)
        midwife.get_by_test_id("meeting-row").get_by_role("link").click()
        expect(midwife.get_by_test_id("agenda-item")).to_contain_text("Anoniem")
        expect(midwife.get_by_test_id("meeting-actions")).to_have_count(0)
        assert_accessible(midwife)
    finally:
        context.close()
