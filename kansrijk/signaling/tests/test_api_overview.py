"""The signaling overview through the API: coordinators and analysts read the page's
figures, counts under 10 are "<10", the period gets the page's Dutch messages, everyone else
403, another coalition 404, and the query count does not grow with the assessments."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.families.models import Pregnancy
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
URL = "/api/v1/signaling/overview/"


def _signal(cast, *, weeks: int = 12, level: Level = Level.VULNERABLE, route: int = 3):
    family = make_family(cast)
    on = timezone.localdate()
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
    RouteDecision.objects.create(
        family=family,
        coalition=cast.coalition,
        assessment=assessment,
        proposed_route=route,
        route=route,
        decided_by=cast.case_director,
    )


def test_a_coordinator_reads_the_figures_with_small_numbers_suppressed(cast):
    for _ in range(10):
        _signal(cast, weeks=12)
    _signal(cast, weeks=20, level=Level.URGENT)
    response = logged_in_client(cast.coordinator).get(URL)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["coalition"] == {"id": cast.coalition.pk, "name": cast.coalition.name}
    assert (body["assessments"], body["families"], body["first_signalings"]) == ("11", "11", "11")
    assert body["median_weeks_at_first"] == 12.0
    assert (body["share_before_16_weeks"], body["before_16_weeks"]) == (91, "10")
    levels = {row["level"]: row["count"] for row in body["by_level"]}
    assert levels == {
        "none": "0",
        "potentially_vulnerable": "0",
        "vulnerable": "10",
        "urgent": "<10",
    }
    routes = {row["route"]: (row["count"], row["overridden"]) for row in body["by_route"]}
    assert routes == {1: ("0", "0"), 2: ("0", "0"), 3: ("11", "0")}
    assert "Gezin" not in str(body)


def test_few_assessments_show_no_number_median_or_share(cast):
    for _ in range(3):
        _signal(cast)
    body = logged_in_client(cast.analyst).get(URL).json()
    assert (body["assessments"], body["families"]) == ("<10", "<10")
    assert body["median_weeks_at_first"] is None
    assert body["share_before_16_weeks"] is None
    assert body["before_16_weeks"] is None


def test_the_period_is_checked_with_the_pages_messages(cast):
    client = logged_in_client(cast.coordinator)
    today = timezone.localdate()
    wrong = client.get(URL, {"start": today.isoformat(), "end": (today - timedelta(1)).isoformat()})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert wrong.json()["errors"]["end"] == ["De einddatum ligt voor de begindatum."]
    assert client.get(URL, {"start": "gisteren"}).status_code == 400
    earlier = client.get(URL, {"start": "2020-01-01", "end": "2020-12-31"}).json()
    assert (earlier["start"], earlier["end"], earlier["assessments"]) == (
        "2020-01-01",
        "2020-12-31",
        "0",
    )


def test_only_coordinators_and_analysts_of_the_coalition(cast, client):
    for actor in (cast.case_director, cast.outsider, cast.administrator):
        response = logged_in_client(actor).get(URL)
        assert response.status_code == 403
        assert "coördinatoren en analisten" in response.json()["detail"]
    assert client.get(URL).status_code == 401
    other = logged_in_client(cast.coordinator).get(URL, {"coalition": cast.other_coalition.pk})
    assert other.status_code == 404


def test_someone_in_two_coalitions_names_one(cast):
    MembershipFactory(
        professional=cast.coordinator, coalition=cast.other_coalition, is_coordinator=True
    )
    client = logged_in_client(cast.coordinator)
    response = client.get(URL)
    assert response.status_code == 400
    assert response.json()["errors"]["coalition"] == [
        "Je werkt in meer dan één coalitie: geef de coalitie op."
    ]
    named = client.get(URL, {"coalition": cast.other_coalition.pk}).json()
    assert named["coalition"]["id"] == cast.other_coalition.pk


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_assessments(cast):
    client = logged_in_client(cast.coordinator)
    _signal(cast)
    _queries(client)  # the first call of a session also touches the session
    one = _queries(client)
    for _ in range(12):
        _signal(cast)
    # Session and user, the caller's coalitions, the coalition, and the four of
    # `coalition_overview`: the same for 1 and for 13 assessments.
    assert _queries(client) == one
