"""Browser journey: the midwife chooses route 3 where the assessment proposes route 2; without
a reason she is asked for one, with a reason the file shows route 3 waiting for the MDO."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.signaling.services import assessment_record
from kansrijk.testing.browser import assert_accessible, login

from .conftest import R4U

pytestmark = pytest.mark.browser

REASON = "Geen netwerk in Nederland en een taalbarrière; we bespreken het gezin in het MDO."


@pytest.fixture
def assessment(cast, pregnant_family, answers):
    """A finished, potentially vulnerable assessment without a route yet."""
    return assessment_record(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=R4U,
        answers=answers("potentially_vulnerable"),
        pregnancy_pk=pregnant_family.pregnancies.get().pk,
    )


def test_browser_choosing_route_3_against_the_proposal_needs_a_reason(
    page, cast, pregnant_family, assessment
):
    family = pregnant_family
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{family.pk}/signalering/{assessment.pk}/")
    expect(page.get_by_test_id("result-level")).to_contain_text("Potentieel kwetsbaar")
    expect(page.get_by_test_id("route-proposal")).to_contain_text("Route 2 — potentieel kwetsbaar")

    page.get_by_label("Route 3 — kwetsbaar", exact=True).check()
    page.get_by_role("button", name="Route vastleggen").click()
    expect(
        page.get_by_text("Geef een reden waarom je van de voorgestelde route afwijkt.")
    ).to_be_visible()
    expect(page.get_by_label("Route 3 — kwetsbaar", exact=True)).to_be_checked()
    reason = page.get_by_label("Reden (verplicht als je afwijkt van het voorstel)")
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    reason.fill(REASON)
    page.get_by_role("button", name="Route vastleggen").click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Route 3 — kwetsbaar is vastgelegd")
    route = page.get_by_test_id("current-route")
    expect(route).to_contain_text("Route 3 — kwetsbaar")
    expect(route).to_contain_text("wacht op MDO")
    expect(route).not_to_contain_text("met voorrang")
    expect(route).to_contain_text(f"Afwijkend van het voorstel: {REASON}")
    expect(page.get_by_test_id("open-steps")).to_contain_text(
        "Gezin aanmelden voor het eerstvolgende MDO"
    )
