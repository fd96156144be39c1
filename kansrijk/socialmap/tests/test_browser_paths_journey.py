"""Browser journey of care paths, in real time against the live server.

A coordinator makes a care path for money worries under Beheer → Zorgpaden, with a step and
a service of the social map for that step. A care-team member then opens the file of a
family whose plan has a concern about debts and finds the path, its step and the service
(with how to get in, in the family's municipality) under "Passend aanbod". axe checks every
page.
"""

import pytest
from playwright.sync_api import expect

from kansrijk.care.services_plan import concern_add
from kansrijk.socialmap.models import CarePath
from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.browser


def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1024, "height": 768}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context, context.new_page()


def test_browser_a_coordinator_makes_a_path_that_a_family_file_suggests(
    page, browser, live_server, cast, cast_family
):
    municipality = cast_family.municipality
    make_service(
        make_provider(cast.coalition, name="Welzijn Eerstedorp"),
        name="Schuldhulp Eerstedorp",
        access={municipality: AccessRoute.BUURTTEAM},
    )
    concern_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Schulden bij de energieleverancier",
    )

    # The coordinator: a new care path with one step and its service.
    login(page, cast.coordinator)
    page.goto("/sociale-kaart/zorgpaden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgpaden")
    expect(page.get_by_test_id("no-paths")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuw zorgpad").click()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()  # nothing filled in yet
    expect(page.get_by_text("Geef het zorgpad een naam.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Geldzorgen in de zwangerschap")
    page.get_by_label("Behoefte").select_option(label="Geld en schulden")
    page.get_by_label("Route").select_option(label="Route 2")
    page.get_by_label("Beschrijving").fill("Vroeg hulp bij schulden, voor de bevalling.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geldzorgen in de zwangerschap")
    expect(page.get_by_test_id("no-steps")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Stap toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Wat").fill("Aanmelden bij de schuldhulp")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("path-step")).to_contain_text("Aanmelden bij de schuldhulp")
    assert_accessible(page)

    page.get_by_role("link", name="Aanbod toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Aanbod").select_option(label="Schuldhulp Eerstedorp (Welzijn Eerstedorp)")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_test_id("step-service")).to_contain_text("Schuldhulp Eerstedorp")
    expect(page.get_by_test_id("step-service")).to_contain_text("alle gemeenten")
    assert_accessible(page)
    assert CarePath.objects.get().route == 2

    # The care-team member finds it on the family's file.
    context, member = second_page(browser, live_server)
    try:
        login(member, cast.care_team_member)
        member.goto(f"/gezinnen/{cast_family.pk}/")
        section = member.get_by_test_id("paths-section")
        expect(section.get_by_role("heading", level=2)).to_have_text("Passend aanbod")
        expect(section.get_by_test_id("paths-reasons")).to_contain_text(
            "zorgpunt: Schulden bij de energieleverancier"
        )
        expect(section.get_by_test_id("paths-path")).to_contain_text(
            "Geldzorgen in de zwangerschap"
        )
        expect(section.get_by_test_id("paths-path")).to_contain_text("Route 2")
        expect(section.get_by_test_id("paths-step")).to_contain_text("Aanmelden bij de schuldhulp")
        expect(section.get_by_test_id("paths-service")).to_contain_text("Schuldhulp Eerstedorp")
        expect(section.get_by_test_id("paths-service")).to_contain_text("via het buurtteam")
        assert_accessible(member)
    finally:
        context.close()
