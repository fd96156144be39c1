"""The dashboard, the exports and the report cost the same number of queries with one family
and with many, spread over the months of the trend (DESIGN.md §6).

Per page: the session and the user's memberships, the coalition's municipalities, and per
fake indicator one aggregate query for the period, one for the previous period and one per
computed month of the trend; none of it depends on the number of families."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.monitoring.selectors_dashboard import default_period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.monitoring_dashboard import (  # noqa: F401 (fixture)
    fake_indicators,
    registered_families,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_indicators")]


def queries_for(client, url: str, data=None) -> int:
    """The queries of a request that reads the kept figures (not the cache's copy)."""
    client.get(url, data)  # the first request of a session stores its last activity
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("monitoring:dashboard", None),
        ("monitoring:export", {"format": "xlsx"}),
        ("monitoring:report", None),
    ],
)
def test_the_cost_does_not_grow_with_the_number_of_families(cast, name, data):
    client = logged_in_client(cast.coordinator)
    period = default_period()
    registered_families(cast.coalition, cast.coordinator, period.first, 1)
    one = queries_for(client, reverse(name), data)

    for month in (*period.months(), *period.previous().months()):
        registered_families(
            cast.coalition, cast.coordinator, month.first + timedelta(days=2), 12, low_income=True
        )

    assert queries_for(client, reverse(name), data) == one


def test_a_second_look_comes_from_the_cache_until_a_figure_changes(cast):
    client = logged_in_client(cast.coordinator)
    registered_families(cast.coalition, cast.coordinator, default_period().first, 12)
    read = queries_for(client, reverse("monitoring:dashboard"))

    with CaptureQueriesContext(connection) as cached:
        first = client.get(reverse("monitoring:dashboard"))
    registered_families(cast.coalition, cast.coordinator, default_period().first, 3)
    with CaptureQueriesContext(connection) as changed:
        second = client.get(reverse("monitoring:dashboard"))

    assert len(cached) < read
    assert len(changed) > len(cached)  # a new family marked the figures stale: read again
    assert 'data-testid="cell-numerator">12<' in first.content.decode()
    assert 'data-testid="indicator-stale"' in second.content.decode()


INDICATOR_PART = "monitoring/dashboard_part_indicator.html"


def _indicators(response) -> str:
    html = response.content.decode()
    return html[html.index('<section class="kr-monitor-group"') : html.index("</main>")]


def _rendered(response) -> list[str]:
    return [template.name for template in response.templates]


def test_the_rendered_indicators_are_kept_as_long_as_their_figures(cast):
    client = logged_in_client(cast.coordinator)
    registered_families(cast.coalition, cast.coordinator, default_period().first, 12)
    url = reverse("monitoring:dashboard")
    client.get(url)  # the first request of a session stores its last activity
    cache.clear()

    first = client.get(url)
    again = client.get(url)
    assert INDICATOR_PART in _rendered(first)
    assert INDICATOR_PART not in _rendered(again)  # the page's figures from the cache
    assert _indicators(again) == _indicators(first)
    assert 'data-testid="cell-numerator">12<' in _indicators(again)

    registered_families(cast.coalition, cast.coordinator, default_period().first, 3)
    changed = client.get(url)
    assert INDICATOR_PART in _rendered(changed)
    assert 'data-testid="indicator-stale"' in changed.content.decode()
    # The language is part of what is kept: the same figures in English are rendered anew.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # as the header's language button
    english = client.get(url)
    assert INDICATOR_PART in _rendered(english)
    assert "Version 1" in _indicators(english)
    assert "Versie 1" in _indicators(changed)
