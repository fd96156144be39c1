"""Browser journey: a professional on the care team opens the family file of a minima family
with a kraamzorg calculation, sees the financing section with the kraamzorg estimate, opens the
financing page from it (its tab in the family's navigation current) and reads what the
family pays for kraamzorg (€ 4,20 per hour) and where it can get that back. axe checks both
pages.

The figures are this calendar year's (the live server runs on the real clock).
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.families.models import Family
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.financing import make_compensation
from kansrijk.testing.financing_family import make_calculation, make_usual_rules

pytestmark = pytest.mark.browser


@pytest.fixture
def minima_family(cast, cast_family) -> Family:
    year = timezone.localdate().year
    Family.objects.filter(pk=cast_family.pk).update(
        low_income=True,
        health_insurer="Zorgverzekeraar Noord",
        interpreter_needed=True,
        interpreter_language="Arabisch",
    )
    make_usual_rules(cast.coalition, year)
    make_compensation(
        cast.coalition,
        cast_family.municipality,
        name="Bijzondere bijstand Eerstedorp",
        conditions="Inkomen tot 120% van het sociaal minimum.",
        how_to_apply="Via het Werkplein, met de rekening van de kraamzorg.",
    )
    make_calculation(cast_family, cast.case_director, year=year, chosen_hours=49)
    return cast_family


def test_browser_a_care_team_member_explains_who_pays(page, cast, minima_family):
    login(page, cast.care_team_member)
    page.goto(f"/gezinnen/{minima_family.pk}/")

    section = page.get_by_test_id("financing-section")
    expect(section.get_by_role("heading", name="Financiering")).to_be_visible()
    expect(section.get_by_test_id("financing-section-kraamzorg")).to_contain_text(
        "eigen bijdrage ongeveer € 205,80"
    )
    expect(section.get_by_test_id("financing-section-interpreter")).to_contain_text("Arabisch")
    assert_accessible(page)

    section.get_by_role("link", name="Wie betaalt wat voor dit gezin").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{minima_family.pk}/financiering/$"))
    tab = page.get_by_role("navigation", name="Gezinsdossier").get_by_role(
        "link", name="Financiering"
    )
    expect(tab).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie betaalt wat in")
    kraamzorg = page.get_by_test_id("financing-item").filter(has_text="Kraamzorg").last
    expect(kraamzorg.get_by_test_id("financing-contribution")).to_have_text("€ 4,20 per uur")
    expect(kraamzorg.get_by_test_id("financing-hours")).to_have_text("49 uur kraamzorg")
    route = kraamzorg.get_by_test_id("financing-route")
    expect(route).to_contain_text("Bijzondere bijstand Eerstedorp")
    expect(route).to_contain_text("Via het Werkplein, met de rekening van de kraamzorg.")
    expect(page.get_by_test_id("financing-explanation").last).to_contain_text(
        "Met een laag inkomen kunt u dit terugvragen via Bijzondere bijstand Eerstedorp."
    )
    expect(page.get_by_test_id("financing-total")).to_have_text("€ 205,80 aan eigen bijdragen")
    expect(page.get_by_test_id("financing-interpreter")).to_contain_text("Arabisch")
    assert_accessible(page)
