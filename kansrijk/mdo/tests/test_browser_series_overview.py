"""Browser: the coordinator and the chair read the overview of their MDO series (axe checks
the page). The coordinator sees a small number of families as "< 10", the chair exactly."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.mdo import make_series

from .held_meetings import held_meeting, route_3_family, task_decision

pytestmark = pytest.mark.browser


@pytest.fixture
def series_with_history(cast):
    series = make_series(cast)
    services.series_participant_add(
        actor=cast.coordinator,
        series=series,
        professional=cast.care_team_member,
        role=ParticipantRole.CHAIR,
    )
    today = timezone.localdate()
    families = [route_3_family(cast, decided_on=today - timedelta(days=40)) for _ in range(3)]
    meeting = held_meeting(cast, series, families, held_on=today - timedelta(days=30))
    item = meeting.items.filter(status="discussed").first()
    task_decision(cast, item, due=today - timedelta(days=10), done_on=today - timedelta(days=12))
    return series


def test_browser_the_coordinator_sees_aggregates_with_small_numbers_hidden(
    page, cast, series_with_history
):
    login(page, cast.coordinator)
    page.goto(f"/mdo/reeks/{series_with_history.pk}/overzicht/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overzicht MDO Zwangeren")
    expect(page.get_by_test_id("figure-meetings")).to_have_text("1")
    expect(page.get_by_test_id("figure-families")).to_have_text("< 10")
    expect(page.get_by_test_id("figure-median")).to_have_text("—")
    assert_accessible(page)


def test_browser_the_chair_sees_the_exact_figures(page, cast, series_with_history):
    login(page, cast.care_team_member)
    page.goto(f"/mdo/reeks/{series_with_history.pk}/overzicht/")
    expect(page.get_by_test_id("figure-families")).to_have_text("3")
    expect(page.get_by_test_id("figure-median")).to_contain_text("10 dagen")
    expect(page.get_by_test_id("figure-on-time")).to_contain_text("100%")
    assert_accessible(page)
