import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_browser_a_professional_logs_out_everywhere_else(page, cast):
    # A session on another device: the laptop left logged in at the office.
    other_device = logged_in_client(cast.case_director)
    assert other_device.get("/account/").status_code == 200

    login(page, cast.case_director)
    page.get_by_test_id("user-name").click()
    expect(page.get_by_role("heading", name="Overal uitloggen", level=2)).to_be_visible()
    assert_accessible(page)

    # A wrong password: a clear message at the field, nothing ended.
    form = page.get_by_test_id("end-other-sessions")
    form.get_by_label("Je wachtwoord").fill("niet-het-goede")
    form.get_by_role("button", name="Overal anders uitloggen").click()
    expect(page.get_by_text("Dit wachtwoord klopt niet.")).to_be_visible()
    assert_accessible(page)
    assert other_device.get("/account/").status_code == 200

    form = page.get_by_test_id("end-other-sessions")
    form.get_by_label("Je wachtwoord").fill(PASSWORD)
    form.get_by_role("button", name="Overal anders uitloggen").click()

    expect(page).to_have_url(re.compile(r"/account/(#sessies)?$"))
    expect(page.get_by_role("status")).to_contain_text("Je bent nu overal uitgelogd, behalve hier.")
    # This browser stays logged in; the other device is sent to the login page.
    page.goto("/")
    expect(page.get_by_test_id("user-name")).to_be_visible()
    response = other_device.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
