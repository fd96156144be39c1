"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

A test that asks for the `page` fixture gets a fresh browser context (no cookies, Dutch
locale) on the running app, and is marked `browser` automatically, so `pytest -m browser`
runs exactly these and `pytest -m "not browser"` skips them. Data is created in the test
with the usual factories or the `cast`; the live server implies `transactional_db`, so the
server thread sees it.

    pytestmark = pytest.mark.browser

    def test_browser_something(page, cast):
        login(page, cast.case_director)
        assert_accessible(page)

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there
unless DJANGO_ALLOW_ASYNC_UNSAFE is set, which the `browser` fixture does while browsers run.
"""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from .actors import current_code
from .factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Modest timeouts, so that a broken page fails the test within seconds instead of hanging.
TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 15_000
# axe impacts that fail a test (DESIGN.md §6: no serious or critical violations).
FAILING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# Module scope: between its calls Playwright's sync API leaves its event loop marked as running
# in the test's thread, and `playwright` lets Django's ORM work there anyway
# (DJANGO_ALLOW_ASYNC_UNSAFE). Stopped at the end of each module, neither is left over for the
# tests that a parallel worker (make test) runs after it: there the test client refused to call
# an async view (/healthz/) "in the same thread as an async event loop".
@pytest.fixture(scope="module")
def playwright() -> Playwright:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    expect.set_options(timeout=TIMEOUT_MS)
    yield manager
    manager.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Browser:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files from the source tree.

    pytest-django serves them through the staticfiles finders only when
    "django.contrib.staticfiles" is named literally in INSTALLED_APPS; kansrijk installs it as
    `KansrijkStaticFilesConfig`, so the browser would get whatever an earlier `collectstatic`
    left in STATIC_ROOT (stale, or nothing at all on a fresh checkout).
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = StaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(browser: Browser, live_server) -> Page:
    """A fresh context and page on the live server; relative URLs work in `page.goto`.

    The test fails when the page breaks the Content-Security-Policy (an inline style or
    script slipped into a template) or throws a JavaScript error.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    yield page
    context.close()
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def login(page: Page, professional, *, password: str = PASSWORD) -> None:
    """Log in like a person: username and password, then the code from the authenticator.

    A TOTP code works only once per device per 30 seconds, so log each person in only once
    per test.
    """
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(professional.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"/inloggen/code/$"))
    page.get_by_label("Code uit je authenticator-app").fill(current_code(professional))
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_test_id("user-name")).to_be_visible()


def _describe(violation: dict) -> str:
    lines = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}",
        f"  {violation['helpUrl']}",
    ]
    for node in violation["nodes"]:
        lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
        if node.get("failureSummary"):
            summary = node["failureSummary"].replace("\n", "\n      ")
            lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe finds serious or critical violations."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]
    if violations:
        report = "\n".join(_describe(v) for v in violations)
        pytest.fail(
            f"axe found {len(violations)} serious or critical accessibility violation(s) "
            f"on {page.url}:\n{report}",
            pytrace=False,
        )
