"""The overview of an MDO series through the API: the chair sees exact figures, coordinators
see counts under 10 as "<10" and no median or share resting on fewer; everyone else of the
coalition 403, another coalition and an unknown series 404; no family in the answer; the
query count does not grow with the families."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import make_series

from .held_meetings import held_meeting, route_3_family, task_decision

pytestmark = pytest.mark.django_db


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


def _url(series) -> str:
    return f"/api/v1/mdo/series/{series.pk}/overview/"


def _discussed(cast, series, count: int, *, days_after_route: int = 10):
    families = [route_3_family(cast, decided_on=date(2027, 3, 1)) for _ in range(count)]
    return held_meeting(
        cast, series, families, held_on=date(2027, 3, 1) + timedelta(days=days_after_route)
    )


def test_the_chair_sees_exact_figures_without_families(cast, series):
    meeting = _discussed(cast, series, 2)
    items = list(meeting.items.all())
    task_decision(cast, items[0], due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    response = logged_in_client(cast.care_team_member).get(_url(series))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["series"] == {"id": series.pk, "name": series.name}
    assert body["exact"] is True
    assert (body["meetings_held"], body["families_discussed"], body["days_measured"]) == (
        1,
        "2",
        "2",
    )
    assert body["median_days_to_first_discussion"] == 10
    assert (body["decisions_on_time"], body["decisions_measured"], body["share_on_time"]) == (
        "1",
        "1",
        100,
    )
    assert items[0].family.reference not in response.content.decode()


def test_a_coordinator_sees_small_numbers_suppressed(cast, series):
    meeting = _discussed(cast, series, 3)
    task_decision(cast, meeting.items.first(), due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    body = logged_in_client(cast.coordinator).get(_url(series)).json()
    assert body["exact"] is False
    assert body["meetings_held"] == 1
    assert (body["families_discussed"], body["days_measured"]) == ("<10", "<10")
    assert body["median_days_to_first_discussion"] is None
    assert (body["decisions_on_time"], body["share_on_time"]) == (None, None)
    assert body["decisions_measured"] == "<10"


def test_from_ten_families_a_coordinator_sees_them(cast, series):
    _discussed(cast, series, 10, days_after_route=12)
    body = logged_in_client(cast.coordinator).get(_url(series)).json()
    assert (body["families_discussed"], body["median_days_to_first_discussion"]) == ("10", 12)


@pytest.mark.parametrize("actor", ["case_director", "outsider", "analyst", "administrator"])
def test_others_of_the_coalition_get_403(cast, series, actor):
    response = logged_in_client(getattr(cast, actor)).get(_url(series))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "voorzitter en de notulist" in response.json()["detail"]


def test_another_coalition_and_an_unknown_series_are_not_found(cast, series, client):
    other = logged_in_client(cast.other_coalition_professional).get(_url(series))
    assert other.status_code == 404
    assert other.json()["detail"] == "Dit MDO bestaat niet (meer)."
    missing = logged_in_client(cast.coordinator).get("/api/v1/mdo/series/999999/overview/")
    assert missing.status_code == 404
    assert client.get(_url(series)).status_code == 401


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("actor", ["coordinator", "care_team_member"])
def test_the_query_count_does_not_grow_with_the_families(cast, series, actor):
    client = logged_in_client(getattr(cast, actor))
    url = _url(series)
    meeting = _discussed(cast, series, 1)
    task_decision(cast, meeting.items.first(), due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    _queries(client, url)  # the first call of a session also touches the session
    one = _queries(client, url)
    more = _discussed(cast, series, 11)
    for item in more.items.all():
        task_decision(cast, item, due=date(2027, 4, 1), done_on=date(2027, 3, 30))
    # The series, who may see it (one or two queries) and the four of `series_overview`,
    # besides the session's: the same for 1 and for 12 families.
    assert _queries(client, url) == one
