"""Browser journey of the professional picker on a family's handovers page: a name that
matches two JGZ nurses brings the form back with just those two to choose from, the summary
kept; choosing one proposes the handover to her. axe checks the page with the choice."""

import pytest
from playwright.sync_api import expect

from kansrijk.care.models import Handover
from kansrijk.testing.browser import assert_accessible, login

from .test_handover_support import jgz_nurse

pytestmark = pytest.mark.browser


def test_browser_an_ambiguous_name_is_narrowed_to_a_choice(page, cast, cast_family):
    jgz_nurse(cast, "jgzanna")
    bert = jgz_nurse(cast, "jgzbert")
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/overdrachten/")

    page.get_by_label("Of aan een professional").fill("jgz")
    page.get_by_label("Samenvatting voor de ontvanger").fill("Graag samen op huisbezoek.")
    page.get_by_role("button", name="Overdracht voorstellen").click()

    expect(
        page.get_by_text("Er zijn meer professionals met deze naam: kies er een.")
    ).to_be_visible()
    expect(page.get_by_label("Samenvatting voor de ontvanger")).to_have_value(
        "Graag samen op huisbezoek."
    )
    choice = page.get_by_label("Welke professional bedoel je?")
    expect(choice.locator("option")).to_have_count(3)
    assert_accessible(page)
    choice.select_option(label="Jgzbert Testpersoon — JGZ Eerstedorp (Jeugdverpleegkundige)")
    page.get_by_role("button", name="Overdracht voorstellen").click()

    expect(page.get_by_role("status")).to_contain_text("is voorgesteld")
    assert Handover.objects.get().to_professional == bert
