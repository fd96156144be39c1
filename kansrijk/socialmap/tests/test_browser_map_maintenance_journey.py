"""Browser journeys of the social map's maintenance.

A coordinator opens Beheer → Sociale kaart bijhouden, adds a provider linked to a chain
partner, adds a service to it with a need and the access for the coalition's municipality,
marks it checked and finds it in the overview, checked today by them. A coordinator
delegates a midwife as editor of a provider and removes her again after the confirmation
page. axe checks every page.
"""

import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from kansrijk.socialmap.models import MapEditor, MunicipalityAccess, Service
from kansrijk.socialmap.terms import service_terms
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.socialmap import make_provider

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_adds_a_service_and_marks_it_checked(page, cast):
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Sociale kaart bijhouden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart beheren")
    assert_accessible(page)

    # A provider, whose referrals go to the coalition's neighbourhood team partner.
    page.get_by_role("link", name="Aanbieder toevoegen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbieder toevoegen")
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Welzijn Eerstedorp")
    page.get_by_label("Beschrijving").fill("Welzijnswerk en schuldhulp.")
    page.get_by_label("Ketenpartner in kansrijk").select_option(label="JGZ Eerstedorp")
    page.get_by_role("button", name="Aanbieder toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Aanbieder 'Welzijn Eerstedorp' is toegevoegd."
    )
    assert_accessible(page)

    # A service with a need and the access in Eerstedorp; a first try without a name.
    page.get_by_role("link", name="Aanbod toevoegen (Welzijn Eerstedorp)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Aanbod toevoegen bij Welzijn Eerstedorp"
    )
    assert_accessible(page)
    page.get_by_label("Beschrijving").fill("Samen orde in de geldzaken.")
    page.get_by_role("group", name="Behoeften").get_by_label("Geld en schulden").check()
    page.get_by_label("Toegang in Eerstedorp").select_option(label="Via het buurtteam")
    page.get_by_label("Wachttijd in Eerstedorp (weken)").fill("3")
    page.get_by_role("button", name="Aanbod toevoegen").click()
    expect(page.locator("#id_name_error")).to_have_text("Geef het aanbod een naam.")
    expect(page.get_by_label("Beschrijving")).to_have_value("Samen orde in de geldzaken.")
    expect(page.get_by_label("Toegang in Eerstedorp")).to_have_value("buurtteam")
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Budgetcoaching Eerstedorp")
    page.get_by_role("button", name="Aanbod toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Aanbod 'Budgetcoaching Eerstedorp' is toegevoegd."
    )
    expect(page.get_by_test_id("service-checked")).to_contain_text("Nog nooit gecontroleerd")
    expect(page.get_by_test_id("unchecked-flag")).to_be_visible()
    assert_accessible(page)

    # Checked today.
    page.get_by_role("button", name="Gecontroleerd", exact=True).click()
    today = date_format(timezone.localdate(), "j F Y")
    expect(page.get_by_role("status")).to_contain_text("is gemarkeerd als gecontroleerd")
    expect(page.get_by_test_id("service-checked")).to_contain_text(
        f"{today} door Coordinator Testpersoon"
    )
    expect(page.get_by_test_id("unchecked-flag")).to_have_count(0)

    # In the overview, checked and not flagged.
    page.get_by_role("navigation", name="Beheer sociale kaart").get_by_role(
        "link", name="Aanbod"
    ).click()
    expect(page).to_have_url(re.compile(r"/sociale-kaart/beheer/$"))
    row = page.get_by_test_id("map-service-row").filter(has_text="Budgetcoaching Eerstedorp")
    expect(row).to_contain_text("Welzijn Eerstedorp")
    expect(row).to_contain_text(f"{today} door Coordinator Testpersoon")
    expect(row.get_by_test_id("unchecked-flag")).to_have_count(0)
    assert_accessible(page)

    service = Service.objects.get(name="Budgetcoaching Eerstedorp")
    assert service_terms([service.pk])[service.pk]["needs"] == ["finances"]
    access = MunicipalityAccess.objects.get(service=service)
    assert (access.municipality.name, access.route, access.waiting_weeks) == (
        "Eerstedorp",
        "buurtteam",
        3,
    )
    assert service.assured_by == cast.coordinator


def test_browser_a_coordinator_delegates_an_editor_and_removes_them_again(page, cast):
    make_provider(cast.coalition, name="Welzijn Eerstedorp")
    login(page, cast.coordinator)
    page.goto("/sociale-kaart/beheer/aanbieders/")
    assert_accessible(page)
    page.get_by_role("link", name="Redacteuren (Welzijn Eerstedorp)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redacteuren van Welzijn Eerstedorp")
    expect(page.get_by_test_id("no-map-editors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Professional").select_option(label="Buitenstaander Testpersoon")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Buitenstaander Testpersoon mag nu")
    expect(page.get_by_test_id("map-editor")).to_contain_text("Buitenstaander Testpersoon")
    assert MapEditor.objects.filter(professional=cast.outsider).exists()

    page.get_by_role("link", name="Verwijderen (Buitenstaander Testpersoon)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redacteur verwijderen")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text("houdt het aanbod van Welzijn Eerstedorp")
    expect(page.get_by_test_id("no-map-editors")).to_be_visible()
    assert not MapEditor.objects.exists()
