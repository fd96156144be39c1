"""Browser journey of inzage and erasure: the case director opens the family file, follows
"Inzage-export", downloads the PDF and the JSON, asks for erasure (first without a reason,
refused next to the field); a coordinator finds the request under Beheer and confirms it.
axe checks every page."""

import json

import pytest
from playwright.sync_api import expect

from kansrijk.care.services_handovers import case_director_set
from kansrijk.families.models import Family, Person
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.families import make_family
from kansrijk.testing.interop_export import add_household

pytestmark = pytest.mark.browser


def test_browser_inzage_export_and_erasure(page, browser, live_server, cast):
    family = make_family(cast)
    add_household(family)
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.case_director
    )

    login(page, cast.case_director)
    page.goto(f"/gezinnen/{family.pk}/")
    page.get_by_test_id("inzage-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inzage in dossier")
    assert_accessible(page)

    with page.expect_download() as pdf:
        page.get_by_test_id("inzage-pdf").click()
    assert pdf.value.suggested_filename == f"inzage-{family.reference}.pdf"
    with page.expect_download() as exported:
        page.get_by_test_id("inzage-json").click()
    with open(exported.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["dossiernummer"] == family.reference

    page.get_by_test_id("erasure-request-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wissen aanvragen")
    assert_accessible(page)
    page.get_by_test_id("erasure-request-submit").click()
    expect(page.locator("#reden-fout")).to_contain_text("Vul een reden in.")
    assert_accessible(page)
    page.get_by_label("Reden").fill("Het gezin vraagt om wissen")
    page.get_by_test_id("erasure-request-submit").click()
    expect(page.get_by_test_id("erasure-pending")).to_be_visible()

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    other = context.new_page()
    login(other, cast.coordinator)
    other.goto("/beheer/wisverzoeken/")
    expect(other.get_by_test_id("erasure-list")).to_contain_text("Het gezin vraagt om wissen")
    assert_accessible(other)
    other.get_by_test_id("erasure-list").get_by_role("link").first.click()
    expect(other.get_by_test_id("erasure-reason")).to_contain_text("Het gezin vraagt om wissen")
    assert_accessible(other)
    other.get_by_test_id("erasure-confirm").click()
    expect(other.get_by_test_id("erasure-list-empty")).to_be_visible()
    context.close()

    assert Family.objects.get(pk=family.pk).anonymised_at is not None
    assert not Person.objects.filter(family=family, first_name="Sara").exists()
