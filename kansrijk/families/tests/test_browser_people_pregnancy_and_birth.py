"""Browser journey: add a pregnancy, correct an impossible due date, record the birth and see
the child in the family; then the timeline shows it all. Axe on each page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_add_a_pregnancy_and_record_the_birth(page, cast, cast_family):
    today = timezone.localdate()
    login(page, cast.care_team_member)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    page.get_by_role("main").get_by_role("link", name="Zwangerschap toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwangerschap toevoegen")
    assert_accessible(page)

    too_far = (today + timedelta(weeks=46)).isoformat()
    page.get_by_label("À terme datum").fill(too_far)
    page.get_by_label("Graviditeit").fill("1")
    page.get_by_label("Pariteit").fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De à terme datum ligt meer dan 44 weken")).to_be_visible()
    expect(page.get_by_label("À terme datum")).to_have_value(too_far)
    assert_accessible(page)

    page.get_by_label("À terme datum").fill((today - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De zwangerschap is toegevoegd.")

    page.get_by_role("link", name="Bewerken (Zwangerschap").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwangerschap bewerken")
    assert_accessible(page)

    page.get_by_role("link", name="Geboorte of afloop vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geboorte vastleggen")
    assert_accessible(page)
    page.get_by_label("Datum van de bevalling").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Uitkomst").select_option(label="Levend geboren")
    page.get_by_label("Voornaam van het kind").fill("Noor")
    page.get_by_role("button", name="Vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("vastgelegd")
    expect(page.get_by_role("main")).to_contain_text("Noor")

    page.get_by_role("link", name="Tijdlijn").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdlijn")
    table = page.get_by_test_id("timeline-table")
    expect(table).to_contain_text("Geboorte vastgelegd")
    expect(table).to_contain_text("Levend geboren")
    expect(table).to_contain_text("Zwangerschap toegevoegd")
    assert_accessible(page)

    page.get_by_label("Soort gebeurtenis").select_option(label="Geboorte vastgelegd")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_test_id("timeline-table").locator("tbody tr")).to_have_count(1)
