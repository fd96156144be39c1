"""The API's interactive documentation (Swagger UI) for a logged-in professional: served from
our own static files under the Content-Security-Policy, listing the endpoints."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import FAILING_IMPACTS, _axe, _describe, login

pytestmark = pytest.mark.browser


def test_browser_a_professional_reads_the_api_documentation(page, cast):
    login(page, cast.case_director)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("kansrijk API")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    expect(page.locator('[data-path="/api/v1/families/"]').first).to_be_visible()
    # The families tag opens on a click and shows the Idempotency-Key header on the create.
    create = page.locator("#operations-gezinnen-families_create")
    create.locator(".opblock-summary-control").click()
    expect(create).to_contain_text("Idempotency-Key")
    _assert_accessible_but_swagger_ui_own_markup(page)


# Swagger UI's own markup (the sidecar package's build, not ours) has violations we cannot
# fix without patching it: buttons with a link inside (nested-interactive), its grey-on-white
# method labels and descriptions (color-contrast) and code examples in a scrollable <pre>
# without tabindex (scrollable-region-focusable). Everything outside Swagger UI is checked in
# full; inside it every other rule still applies.
SWAGGER_UI_OWN_VIOLATIONS = ("nested-interactive", "color-contrast", "scrollable-region-focusable")


def _assert_accessible_but_swagger_ui_own_markup(page):
    page.wait_for_load_state("load")
    outside = _axe.run(page, context={"exclude": [["#swagger-ui"]]})
    inside = _axe.run(
        page,
        context={"include": [["#swagger-ui"]]},
        options={"rules": {rule: {"enabled": False} for rule in SWAGGER_UI_OWN_VIOLATIONS}},
    )
    violations = [
        violation
        for results in (outside, inside)
        for violation in results.response["violations"]
        if violation.get("impact") in FAILING_IMPACTS
    ]
    assert not violations, "\n".join(_describe(v) for v in violations)


def test_browser_someone_not_logged_in_is_sent_to_the_login_page(page):
    page.goto("/api/v1/docs/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
