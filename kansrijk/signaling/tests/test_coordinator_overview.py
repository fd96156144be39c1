"""The coordinator's overview: counts per period, small numbers suppressed, fixed queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.families.models import Pregnancy
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision
from kansrijk.signaling.selectors import coalition_overview
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db


def _signal(cast, *, weeks: int, level: Level, route: int | None = None, days_ago: int = 0):
    """A family with a pregnancy and one finished assessment at `weeks` of gestation."""
    family = make_family(cast)
    on = timezone.localdate() - timedelta(days=days_ago)
    pregnancy = Pregnancy.objects.create(
        family=family, coalition=cast.coalition, due_date=on + timedelta(days=280 - weeks * 7)
    )
    assessment = Assessment.objects.create(
        family=family,
        coalition=cast.coalition,
        pregnancy=pregnancy,
        instrument_key="r4u-kansrijk",
        instrument_version=1,
        status=AssessmentStatus.FINAL,
        level=level,
        assessed_on=on,
        gestational_age_days=weeks * 7,
        recorded_by=cast.case_director,
        finished_at=timezone.now(),
    )
    if route is not None:
        RouteDecision.objects.create(
            family=family,
            coalition=cast.coalition,
            assessment=assessment,
            proposed_route=route,
            route=route,
            decided_by=cast.case_director,
        )
    return assessment


def test_counts_under_ten_are_not_shown(cast):
    for _ in range(3):
        _signal(cast, weeks=12, level=Level.VULNERABLE, route=3)
    overview = coalition_overview(
        cast.coalition, start=timezone.localdate() - timedelta(days=30), end=timezone.localdate()
    )
    assert overview.assessments.suppressed
    assert dict(overview.by_level)[Level.VULNERABLE].suppressed
    assert dict(overview.by_level)[Level.NONE].value == 0
    assert overview.median_weeks_at_first is None
    assert overview.share_before_16_weeks is None


def test_figures_for_a_period_with_enough_assessments(cast):
    weeks = [8, 9, 10, 11, 12, 14, 15, 18, 20, 26]
    for week in weeks:
        _signal(cast, weeks=week, level=Level.POTENTIALLY_VULNERABLE, route=2)
    _signal(cast, weeks=30, level=Level.NONE, days_ago=400)  # outside the period
    overview = coalition_overview(
        cast.coalition, start=timezone.localdate() - timedelta(days=365), end=timezone.localdate()
    )
    assert overview.assessments.value == 10
    assert overview.families.value == 10
    assert dict(overview.by_level)[Level.POTENTIALLY_VULNERABLE].value == 10
    assert overview.first_signalings.value == 10
    assert overview.median_weeks_at_first == 13.0
    assert overview.share_before_16_weeks == 70
    routes = {route: figure for route, figure, _overridden in overview.by_route}
    assert routes[2].value == 10


def test_a_re_assessment_does_not_count_as_a_first_signaling(cast):
    first = _signal(cast, weeks=10, level=Level.NONE, days_ago=100)
    Assessment.objects.create(
        family=first.family,
        coalition=cast.coalition,
        pregnancy=first.pregnancy,
        instrument_key="r4u-kansrijk",
        instrument_version=1,
        status=AssessmentStatus.FINAL,
        level=Level.VULNERABLE,
        assessed_on=timezone.localdate(),
        gestational_age_days=24 * 7,
        recorded_by=cast.case_director,
        finished_at=timezone.now(),
    )
    overview = coalition_overview(
        cast.coalition, start=timezone.localdate() - timedelta(days=30), end=timezone.localdate()
    )
    assert overview.first_signalings.value == 0


def test_the_overview_page_costs_the_same_queries_for_more_assessments(cast):
    client = logged_in_client(cast.coordinator)
    url = reverse("signaling:overview")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    _signal(cast, weeks=10, level=Level.NONE, route=1)
    queries()  # the first request of a session also updates the session
    few = queries()
    for week in range(8, 20):
        _signal(cast, weeks=week, level=Level.VULNERABLE, route=3)
    # Session, user, OTP device, memberships, notifications (page overhead) plus the
    # overview's three aggregate queries and the first-signaling ages: none per assessment.
    assert queries() == few


def test_the_page_shows_figures_and_rejects_a_reversed_period(cast):
    client = logged_in_client(cast.coordinator)
    for week in range(8, 20):
        _signal(cast, weeks=week, level=Level.VULNERABLE, route=3)
    content = client.get(reverse("signaling:overview")).content.decode()
    assert re.search(r'data-testid="figure-assessments">\s*12\s*<', content)
    assert "Kwetsbaar" in content
    response = client.get(
        reverse("signaling:overview"), {"start": "2027-03-01", "end": "2027-01-01"}
    )
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
