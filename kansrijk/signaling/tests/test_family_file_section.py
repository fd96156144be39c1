"""The top of the family file: current level and route, open steps, the level history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.signaling import services
from kansrijk.signaling.levels import Level
from kansrijk.testing.actors import logged_in_client

from .conftest import R4U

pytestmark = pytest.mark.django_db


def _record(cast, family, answers, level, route):
    return services.assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key=R4U,
        answers=answers(level),
        pregnancy_pk=family.pregnancies.get().pk,
        route=route,
        reason="Bespreken in het MDO." if route == 3 and level != Level.VULNERABLE else "",
    )


def test_a_family_without_signaling_says_so(cast, pregnant_family):
    content = (
        logged_in_client(cast.care_team_member)
        .get(reverse("families:detail", args=[pregnant_family.pk]))
        .content.decode()
    )
    assert "Nog niet gesignaleerd." in content
    assert "Nog geen route gekozen." in content


def test_the_file_shows_the_latest_level_route_and_history(cast, pregnant_family, answers):
    _record(cast, pregnant_family, answers, Level.NONE, 1)
    _record(cast, pregnant_family, answers, Level.VULNERABLE, 3)
    content = (
        logged_in_client(cast.care_team_member)
        .get(reverse("families:detail", args=[pregnant_family.pk]))
        .content.decode()
    )
    assert 'data-level="vulnerable"' in content
    assert "Route 3 — kwetsbaar" in content
    assert "wacht op MDO" in content
    assert "Gezin aanmelden voor het eerstvolgende MDO" in content
    assert 'data-testid="level-history"' in content
    assert "(instrument niet gevalideerd)" in content


def test_the_file_costs_the_same_queries_with_more_assessments_and_steps(
    cast, pregnant_family, answers
):
    client = logged_in_client(cast.case_director)
    url = reverse("families:detail", args=[pregnant_family.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, 2)
    queries()  # the first request of a session also updates the session
    few = queries()
    for level, route in [(Level.VULNERABLE, 3), (Level.NONE, 1), (Level.POTENTIALLY_VULNERABLE, 2)]:
        _record(cast, pregnant_family, answers, level, route)
    # The signaling section reads assessments, the newest route and its open steps: three
    # queries, however many there are.
    assert queries() == few
