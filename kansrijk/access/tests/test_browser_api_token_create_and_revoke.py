import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_browser_a_professional_creates_an_api_token_and_revokes_it(
    page, cast, live_server, playwright
):
    # A separate HTTP client without the browser's session cookie: only the token counts.
    api = playwright.request.new_context(base_url=live_server.url)

    def me(key):
        return api.get("/api/v1/me/", headers={"Authorization": f"Token {key}"})

    login(page, cast.case_director)
    page.get_by_test_id("user-name").click()
    expect(page.get_by_role("heading", name="Mijn account", level=1)).to_be_visible()
    expect(page.get_by_text("Je hebt nog geen API-tokens.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Naam van de token").fill("koppeling praktijksysteem")
    page.get_by_role("button", name="Token maken").click()

    new_token = page.get_by_test_id("new-token")
    expect(new_token).to_be_visible()
    key = new_token.inner_text().strip()
    table = page.get_by_test_id("token-table")
    expect(table).to_contain_text("koppeling praktijksysteem")
    expect(table).to_contain_text(key[:8])
    assert_accessible(page)

    response = me(key)
    assert response.status == 200, response.text()
    assert response.json()["username"] == "regisseur"

    # The key is shown only once: opening the page again does not show it.
    page.get_by_test_id("user-name").click()
    expect(page.get_by_test_id("new-token")).to_have_count(0)

    page.get_by_role("link", name="Intrekken (koppeling praktijksysteem)").click()
    expect(page).to_have_url(re.compile(r"/account/tokens/\d+/intrekken/$"))
    expect(page.get_by_role("heading", name="Token intrekken", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, intrekken").click()

    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "De token 'koppeling praktijksysteem' is ingetrokken."
    )
    expect(page.get_by_test_id("token-table")).to_contain_text("Ingetrokken")
    expect(page.get_by_role("link", name=re.compile("Intrekken"))).to_have_count(0)

    assert me(key).status == 401
    api.dispose()
