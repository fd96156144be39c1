"""In a browser: a coordinator shortens the retention period, sees how many files that makes
due, confirms, and gets a clear error for a value outside 1 to 100."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.families.models import Family, FamilyStatus
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_shortens_the_retention_period(page, cast):
    family = make_family(cast)
    Family.objects.filter(pk=family.pk).update(
        status=FamilyStatus.CLOSED, closed_at=timezone.now() - timedelta(days=6 * 366)
    )
    login(page, cast.coordinator)

    page.get_by_role("link", name="Beheer").first.click()
    page.get_by_role("link", name="Instellingen coalitie").first.click()
    expect(page.get_by_role("heading", name="Instellingen coalitie")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Nu is de bewaartermijn 20 jaar.")
    assert_accessible(page)

    field = page.get_by_label("Bewaartermijn in jaren")
    field.fill("101")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("main")).to_contain_text("De bewaartermijn is hoogstens 100 jaar.")
    expect(page.get_by_label("Bewaartermijn in jaren")).to_have_value("101")
    assert_accessible(page)

    page.get_by_label("Bewaartermijn in jaren").fill("5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Bewaartermijn verkorten?")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Met 5 jaar wordt bij de volgende run 1 dossier van deze coalitie geanonimiseerd."
    )
    assert_accessible(page)

    page.get_by_role("button", name="Ja, verkort naar 5 jaar").click()
    expect(page.get_by_role("status")).to_contain_text("De bewaartermijn is nu 5 jaar.")
    expect(page.get_by_label("Bewaartermijn in jaren")).to_have_value("5")
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 5
