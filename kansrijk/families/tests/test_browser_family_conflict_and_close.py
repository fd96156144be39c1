"""Browser journey: a concurrent edit shows the conflict page, then close and reopen the
file; axe checks on the conflict, close and reopen pages."""

import pytest
from playwright.sync_api import expect

from kansrijk.families.services import family_update
from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_conflict_page_then_close_and_reopen(page, cast, cast_family):
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/bewerken/")
    page.get_by_label("Wat gaat goed").fill("Oma woont om de hoek.")
    # Meanwhile the care-team member saves a change.
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"strengths": "Vader is betrokken."},
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Iemand anders heeft dit gezin intussen gewijzigd"
    )
    expect(page.get_by_test_id("conflict-table")).to_contain_text("Vader is betrokken.")
    expect(page.get_by_label("Wat gaat goed")).to_have_value("Oma woont om de hoek.")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gezinsgegevens zijn opgeslagen.")).to_be_visible()

    page.get_by_role("link", name="Dossier sluiten").click()
    assert_accessible(page)
    page.get_by_label("Reden van sluiten").fill("Gezin is verhuisd.")
    page.get_by_role("button", name="Ja, dossier sluiten").click()
    expect(page.get_by_test_id("family-status")).to_contain_text("Gezin is verhuisd.")

    page.get_by_role("link", name="Dossier heropenen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, dossier heropenen").click()
    expect(page.get_by_test_id("family-status")).to_have_text("Open")
