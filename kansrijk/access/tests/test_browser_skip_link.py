import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import login

pytestmark = pytest.mark.browser


def test_browser_the_first_tab_reaches_the_skip_link_and_enter_moves_to_the_content(page, cast):
    login(page, cast.case_director)
    skip_link = page.get_by_role("link", name="Naar de inhoud")

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None
    assert box["width"] > 10, f"the focused skip link should be visible, its box is {box}"
    assert box["height"] > 10, f"the focused skip link should be visible, its box is {box}"

    page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_be_focused()
    expect(page).to_have_url(page.url.split("#")[0] + "#inhoud")
