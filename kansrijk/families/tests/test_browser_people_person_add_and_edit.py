"""Browser journey: add the partner with a BSN, see it masked, and edit a field."""

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_add_a_person_and_edit_them(page, cast, cast_family):
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/personen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoon toevoegen")
    assert_accessible(page)

    page.get_by_label("Rol in het gezin").select_option(label="Partner")
    page.get_by_label("Voornaam").fill("Bram")
    page.get_by_label("Burgerservicenummer (BSN)").fill("123456789")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is geen geldig burgerservicenummer")).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Bram")
    assert_accessible(page)

    page.get_by_label("Burgerservicenummer (BSN)").fill("111222333")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Bram is toegevoegd.")
    expect(page.get_by_role("main")).not_to_contain_text("111222333")

    person = cast_family.persons.get(first_name="Bram")
    page.goto(f"/gezinnen/{cast_family.pk}/personen/{person.pk}/bewerken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bram bewerken")
    expect(page.get_by_role("main")).to_contain_text("*****2333")
    expect(page.get_by_label("Burgerservicenummer (BSN)")).to_have_value("")
    assert_accessible(page)
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("zijn opgeslagen")
