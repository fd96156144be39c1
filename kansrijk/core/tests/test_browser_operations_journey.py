"""An administrator finds a failed task and a mail that was not sent under Beheer, and tries
both again."""

import pytest
from playwright.sync_api import expect

from kansrijk.testing.browser import assert_accessible, login

from .operations_rows import failed_mail, failed_task

pytestmark = pytest.mark.browser


def test_browser_administrator_retries_a_failed_task_and_mail(page, cast):
    failed_task()
    failed_mail(cast.administrator.memberships.get().coalition)
    login(page, cast.administrator)
    page.goto("/beheer/")
    page.get_by_role("link", name="Taken en e-mails").first.click()
    expect(page.get_by_role("heading", name="Taken en e-mails", level=1)).to_be_visible()
    tasks = page.get_by_test_id("failed-tasks")
    expect(tasks).to_contain_text("recompute_stale")
    expect(tasks).to_contain_text("OperationalError: server closed the connection")
    mails = page.get_by_test_id("failed-mails")
    expect(mails).to_contain_text("Herinnering ketensignalen")
    expect(mails).not_to_contain_text("verpleegkundige@example.org")
    assert_accessible(page)

    tasks.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.get_by_text("De taak recompute_stale wordt opnieuw uitgevoerd.")).to_be_visible()
    expect(page.get_by_test_id("failed-tasks-empty")).to_be_visible()

    page.get_by_test_id("failed-mails").get_by_role("button", name="Opnieuw proberen").click()
    expect(page.get_by_text("wordt opnieuw verstuurd")).to_be_visible()
    expect(page.get_by_test_id("failed-mails-empty")).to_be_visible()
    assert_accessible(page)
