import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory, TOTPDeviceFactory

pytestmark = pytest.mark.browser


def test_browser_a_member_of_two_coalitions_switches_in_the_header(page, cast):
    commuter = ProfessionalFactory(username="pendelaar", first_name="Pim")
    MembershipFactory(professional=commuter, coalition=cast.coalition)
    MembershipFactory(professional=commuter, coalition=cast.other_coalition)
    TOTPDeviceFactory(user=commuter)
    login(page, commuter)

    switcher = page.get_by_label("Coalitie")
    # Memberships are ordered by coalition name, so the first coalition is active at first.
    expect(switcher).to_have_value(str(cast.coalition.pk))
    expect(page.get_by_role("main")).to_contain_text("Kansrijke Start Eerstedorp")
    assert_accessible(page)

    switcher.select_option(label="Kansrijke Start Tweededorp")
    page.get_by_role("button", name="Wissel").click()

    expect(page.get_by_role("status")).to_contain_text("Je werkt nu in Kansrijke Start Tweededorp.")
    expect(page.get_by_label("Coalitie")).to_have_value(str(cast.other_coalition.pk))
    expect(page.get_by_role("main")).to_contain_text(
        "Je werkt nu in de coalitie Kansrijke Start Tweededorp."
    )
    assert_accessible(page)
