"""Journey: a professional off the care team breaks the glass, sees the banner, opens the file."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.access.models import BreakTheGlass
from kansrijk.core.models import Notification
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.browser

EXPLANATION = "Cliënt belt 's avonds met bloedverlies, zorgteam niet bereikbaar."


def test_browser_an_outsider_breaks_the_glass_on_a_family_number(page, cast, cast_family):
    login(page, cast.outsider)
    expect(page.get_by_test_id("break-the-glass-banner")).to_have_count(0)

    page.goto(f"/gezinnen/{cast_family.pk}/noodtoegang/")
    expect(page.get_by_role("heading", name="Noodtoegang", level=1)).to_be_visible()
    expect(page.get_by_test_id("break-the-glass-warning")).to_contain_text("gemeld")
    assert_accessible(page)

    # Without a reason nothing starts, and the messages are in Dutch next to the fields.
    page.get_by_label("Toelichting").fill("kort")
    page.get_by_role("button", name="Ja, start noodtoegang").click()
    expect(page.get_by_text("Kies een reden voor de noodtoegang.")).to_be_visible()
    expect(page.get_by_text("minstens 10 tekens, nu 4")).to_be_visible()
    expect(page.get_by_label("Toelichting")).to_have_value("kort")
    assert_accessible(page)

    page.get_by_label("Reden").select_option(label="Zorgteam niet bereikbaar")
    page.get_by_label("Toelichting").fill(EXPLANATION)
    page.get_by_role("button", name="Ja, start noodtoegang").click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/$"))
    banner = page.get_by_test_id("break-the-glass-banner")
    expect(banner).to_contain_text("Noodtoegang actief")
    expect(banner).to_contain_text(cast_family.reference)
    expect(page.get_by_role("heading", name=f"Gezin {cast_family.reference}")).to_be_visible()
    assert_accessible(page)

    # The banner follows the professional to every page, with a link back to the file.
    page.goto("/")
    banner.get_by_role("link", name=cast_family.reference).click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/$"))

    glass = BreakTheGlass.objects.get()
    assert (glass.user, glass.reason) == (cast.outsider, "unreachable")
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "regisseur",
        "coordinator",
    }


def test_browser_an_outsider_asks_for_emergency_access_by_reference(page, cast):
    family = make_family(cast)
    login(page, cast.outsider)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Noodtoegang").click()
    expect(page.get_by_role("heading", name="Noodtoegang aanvragen", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Dossiernummer van het gezin").fill(family.reference)
    page.get_by_label("Reden").select_option(label="Acute zorgsituatie")
    page.get_by_label("Toelichting").fill(EXPLANATION)
    page.get_by_role("button", name="Ja, start noodtoegang").click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    expect(page.get_by_test_id("break-the-glass-banner")).to_contain_text(family.reference)
    expect(page.get_by_role("status").filter(has_text="Je hebt nu noodtoegang")).to_be_visible()
