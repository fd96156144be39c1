import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.ratelimits import one_second_into_a_window

pytestmark = pytest.mark.browser

LIMIT = 2


def test_browser_too_many_searches_get_a_clear_dutch_page(page, cast, settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "search": {**settings.RATE_LIMITS["search"], "requests": LIMIT, "seconds": 300},
    }
    with one_second_into_a_window(300):
        login(page, cast.case_director)

        for _ in range(LIMIT):
            response = page.goto("/gezinnen/?naam=Jansen")
            assert response.status == 200
        response = page.goto("/gezinnen/?naam=Jansen")

        assert response.status == 429
        assert 1 <= int(response.headers["retry-after"]) <= 300
        expect(page.get_by_role("heading", name="Even wachten", level=1)).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(
            "Je hebt in korte tijd heel vaak gezocht."
        )
        expect(page.get_by_text("seconden opnieuw")).to_be_visible()
        assert_accessible(page)
        # The rest of kansrijk stays open.
        page.get_by_test_id("user-name").click()
        expect(page.get_by_role("heading", name="Mijn account", level=1)).to_be_visible()
