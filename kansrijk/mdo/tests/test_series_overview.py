"""The overview of an MDO series: its figures, the small-number rule for coordinators, who
may see it, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.mdo.selectors_overview import series_overview
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import make_series
from kansrijk.testing.queries import PAGE_OVERHEAD

from .held_meetings import held_meeting, route_3_family, task_decision

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2027, 3, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def series(cast):
    series = make_series(cast)
    services.series_participant_add(
        actor=cast.coordinator,
        series=series,
        professional=cast.care_team_member,
        role=ParticipantRole.CHAIR,
    )
    return series


def _discussed(cast, series, count: int, *, days_after_route: int = 10):
    """`count` route-3 families chosen on 1 March and discussed `days_after_route` later."""
    families = [route_3_family(cast, decided_on=date(2027, 3, 1)) for _ in range(count)]
    return held_meeting(
        cast, series, families, held_on=date(2027, 3, 1) + timedelta(days=days_after_route)
    )


def test_the_chair_sees_exact_figures(cast, series):
    first = _discussed(cast, series, 2, days_after_route=10)
    second = _discussed(cast, series, 1, days_after_route=30)
    items = list(first.items.all())
    task_decision(cast, items[0], due=date(2027, 4, 1), done_on=date(2027, 3, 30))  # on time
    task_decision(cast, items[1], due=date(2027, 4, 1), done_on=date(2027, 4, 2))  # late
    task_decision(cast, items[1], due=date(2027, 4, 1))  # open and overdue: late
    task_decision(cast, items[0], due=date(2027, 7, 1))  # still within its term
    task_decision(cast, items[0], due=date(2027, 4, 1), cancelled=True)  # left out
    assert second.items.filter(status="discussed").count() == 1

    overview = series_overview(series, exact=True, today=TODAY)

    assert overview.meetings_held == 2
    assert overview.families_discussed.value == 3
    assert overview.median_days_to_first_discussion == 10
    assert overview.days_measured.value == 3
    assert (overview.decisions_on_time.value, overview.decisions_measured.value) == (1, 3)
    assert overview.share_on_time == 33


def test_coordinators_see_small_numbers_suppressed(cast, series):
    _discussed(cast, series, 3)
    overview = series_overview(series, exact=False, today=TODAY)
    assert overview.meetings_held == 1  # meetings are no family data
    assert overview.families_discussed.suppressed
    assert overview.median_days_to_first_discussion is None
    assert overview.share_on_time is None


def test_from_ten_families_coordinators_see_the_figures(cast, series):
    _discussed(cast, series, 10, days_after_route=12)
    overview = series_overview(series, exact=False, today=TODAY)
    assert overview.families_discussed.value == 10
    assert overview.median_days_to_first_discussion == 12


def test_a_family_discussed_twice_counts_once_from_its_first_discussion(cast, series):
    family = route_3_family(cast, decided_on=date(2027, 3, 1))
    held_meeting(cast, series, [family], held_on=date(2027, 3, 8))
    held_meeting(cast, series, [family], held_on=date(2027, 4, 8))
    overview = series_overview(series, exact=True, today=TODAY)
    assert overview.families_discussed.value == 1
    assert overview.median_days_to_first_discussion == 7


def test_the_page_shows_the_figures_without_families(cast, series):
    meeting = _discussed(cast, series, 2)
    family = meeting.items.first().family
    response = logged_in_client(cast.care_team_member).get(
        reverse("mdo:series_overview", args=[series.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezinnen besproken" in html
    assert family.reference not in html

    coordinator = logged_in_client(cast.coordinator).get(
        reverse("mdo:series_overview", args=[series.pk])
    )
    assert "&lt; 10" in coordinator.content.decode()


@pytest.mark.parametrize(
    "actor",
    ["case_director", "outsider", "other_coalition_professional", "analyst", "administrator"],
)
def test_participants_and_others_may_not_see_it(cast, series, actor):
    # The outsider is a standing member of the series, the case director submits families.
    response = logged_in_client(getattr(cast, actor)).get(
        reverse("mdo:series_overview", args=[series.pk])
    )
    assert response.status_code == 403


def test_a_series_that_does_not_exist_is_not_found(cast):
    response = logged_in_client(cast.coordinator).get(reverse("mdo:series_overview", args=[999]))
    assert response.status_code == 404


# The series with its coalition (1); who may see it: chair or secretary (1) and, if not,
# coordinator (1); meetings held (1); first discussions per family (1); their route-3
# decisions (1); decisions carried out on time (1).
OVERVIEW = {"care_team_member": 6, "coordinator": 7}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("actor", ["coordinator", "care_team_member"])
def test_the_page_costs_the_same_queries_for_1_and_12_families(cast, series, actor):
    client = logged_in_client(getattr(cast, actor))
    url = reverse("mdo:series_overview", args=[series.pk])
    client.get("/")
    meeting = _discussed(cast, series, 1)
    task_decision(cast, meeting.items.first(), due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    assert _queries(client, url) == PAGE_OVERHEAD + OVERVIEW[actor]
    more = _discussed(cast, series, 11)
    for item in more.items.all():
        task_decision(cast, item, due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    assert _queries(client, url) == PAGE_OVERHEAD + OVERVIEW[actor]
