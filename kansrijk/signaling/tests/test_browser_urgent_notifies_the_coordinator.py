"""Browser journey: the midwife records an urgent professional judgement and accepts route 3
with priority; the coordinator is notified, then looks at the overview, switches an
instrument off and on and adds a route step. Axe on every page the coordinator opens."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

REASON = "Moeder vertelt over geweld door haar ex-partner, die haar nog steeds opzoekt."


def test_browser_an_urgent_judgement_notifies_the_coordinator(page, cast, pregnant_family):
    family = pregnant_family
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{family.pk}/")
    page.get_by_test_id("signaling-section").get_by_role(
        "link", name="Signaleren", exact=True
    ).click()
    page.get_by_label("Instrument").select_option(label="Professioneel oordeel — niet gevalideerd")
    page.get_by_role("button", name="Signalering starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Professioneel oordeel")

    page.get_by_label("Waarom kies je dit niveau?").fill(REASON)
    page.get_by_role("group", name="Welk niveau van kwetsbaarheid zie je?").get_by_label(
        "Urgent", exact=True
    ).check()
    # Finishing while an autosave is still underway would rightly be a conflict.
    expect(page.locator("#autosave-status")).to_contain_text("opgeslagen")
    page.get_by_role("button", name="Afronden en uitkomst bekijken").click()

    expect(page.get_by_test_id("result-level")).to_have_text("Urgent")
    expect(page.get_by_test_id("route-proposal")).to_contain_text(
        "Route 3 — kwetsbaar — met voorrang (urgent)"
    )
    urgent = page.get_by_label("Route 3 — kwetsbaar, met voorrang (urgent)", exact=True)
    expect(urgent).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Route vastleggen").click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    route = page.get_by_test_id("current-route")
    expect(route).to_contain_text("Route 3 — kwetsbaar")
    expect(route).to_contain_text("met voorrang")
    expect(route).not_to_contain_text("Afwijkend")
    expect(page.get_by_test_id("open-steps").get_by_text("urgent", exact=True)).to_have_count(2)
    page.get_by_role("button", name="Uitloggen").click()

    # The coordinator: a notification with the family's reference.
    login(page, cast.coordinator)
    expect(page.get_by_test_id("notifications-link")).to_contain_text("Meldingen (1")
    page.get_by_test_id("notifications-link").click()
    expect(page).to_have_url(re.compile(r"/meldingen/$"))
    notifications = page.get_by_test_id("notifications")
    expect(notifications).to_contain_text(
        f"Urgente signalering: gezin {family.reference} krijgt route 3 met voorrang"
    )
    assert_accessible(page)

    notifications.get_by_role("link", name="Bekijken").click()
    expect(page).to_have_url(re.compile(r"/signalering/overzicht/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalering in de coalitie")
    expect(page.get_by_test_id("figure-assessments")).to_have_text("< 10")
    expect(page.get_by_test_id("overview-figures")).not_to_contain_text(family.reference)
    assert_accessible(page)

    # Instruments: switch the judgement off and on again.
    page.goto("/beheer/instrumenten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaleringsinstrumenten")
    assert_accessible(page)
    judgement = page.get_by_test_id("instrument-professioneel-oordeel")
    judgement.get_by_role("button", name="Uitzetten").click()
    expect(page.get_by_role("status")).to_contain_text("Het instrument staat uit.")
    expect(judgement.get_by_role("cell").nth(3)).to_have_text("Nee")
    assert_accessible(page)
    judgement.get_by_role("button", name="In gebruik nemen").click()
    expect(page.get_by_role("status")).to_contain_text("Het instrument is in gebruik genomen.")
    expect(judgement.get_by_role("cell").nth(3)).to_have_text("Ja")

    page.get_by_role("link", name="Signalering Kansrijke Start (acht domeinen)").click()
    expect(page).to_have_url(re.compile(r"/signalering/instrumenten/r4u-kansrijk/v1/$"))
    expect(page.get_by_test_id("thresholds")).to_contain_text("score 4 tot en met 9")
    assert_accessible(page)

    # Route steps: a route-1 step of its own.
    page.goto("/beheer/routestappen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routestappen")
    expect(page.get_by_test_id("defaults-note")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Stap toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routestap toevoegen")
    assert_accessible(page)
    page.get_by_label("Route", exact=True).select_option(label="Route 1 — zelfredzaam")
    page.get_by_label("Taak", exact=True).fill("Folder meegeven")
    page.get_by_label("Termijn (werkdagen)").fill("3")
    page.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(r"/beheer/routestappen/$"))
    expect(page.get_by_role("status")).to_contain_text("De routestap is opgeslagen.")
    row = page.get_by_test_id("route-steps").get_by_role("row").filter(has_text="Folder meegeven")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Route 1 — zelfredzaam")
    expect(row).to_contain_text("3 werkdagen")
    expect(page.get_by_test_id("defaults-note")).to_have_count(0)
    assert_accessible(page)

    row.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routestap bewerken")
    expect(page.get_by_label("Taak", exact=True)).to_have_value("Folder meegeven")
    assert_accessible(page)
