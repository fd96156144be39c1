import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_the_header_switches_between_dutch_and_english(page, cast):
    login(page, cast.case_director)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()

    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    back = page.get_by_role("button", name="Nederlands")
    expect(back).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="English")).to_have_count(0)
    assert_accessible(page)

    # The choice sticks on the next page.
    page.get_by_test_id("user-name").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(html).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Nederlands").click()

    expect(html).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("heading", name="Mijn account", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_have_attribute("lang", "en")
