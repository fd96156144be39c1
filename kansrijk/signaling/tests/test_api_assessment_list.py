"""A family's assessments through the API: final and draft, newest first, each with the
routes chosen after it; reading them is logged as a read of the family."""

from datetime import timedelta

import pytest
from django.test import Client

from kansrijk.access.models import AccessEvent
from kansrijk.signaling import services
from kansrijk.signaling.levels import Level
from kansrijk.testing.actors import logged_in_client

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/assessments/"


def test_it_lists_final_and_draft_assessments_newest_first_with_their_routes(
    cast, pregnant_family, answers, today
):
    older = services.assessment_record(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=R4U,
        answers=answers(Level.POTENTIALLY_VULNERABLE),
        pregnancy_pk=pregnant_family.pregnancies.get().pk,
        assessed_on=today - timedelta(days=14),
        route=2,
    )
    newer = services.assessment_record(
        actor=cast.care_team_member,
        family_pk=pregnant_family.pk,
        instrument_key=JUDGEMENT,
        answers={"niveau": "urgent", "reden": "Acute zorgen over de veiligheid thuis."},
        assessed_on=today - timedelta(days=1),
        route=3,
    )
    draft = services.assessment_start(
        actor=cast.case_director, family_pk=pregnant_family.pk, instrument_key=R4U
    )

    response = logged_in_client(cast.care_team_member).get(_path(pregnant_family))

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    rows = data["results"]
    assert [row["id"] for row in rows] == [draft.pk, newer.pk, older.pk]
    assert [row["status"] for row in rows] == ["draft", "final", "final"]
    assert [row["level"] for row in rows] == [None, "urgent", "potentially_vulnerable"]
    assert rows[0]["result"] is None
    assert rows[0]["route_decisions"] == []
    [urgent] = rows[1]["route_decisions"]
    assert (urgent["proposed_route"], urgent["proposed_priority"]) == (3, True)
    assert (urgent["route"], urgent["priority"], urgent["awaiting_mdo"]) == (3, True, True)
    assert urgent["decided_by"] == {
        "id": cast.care_team_member.pk,
        "name": cast.care_team_member.get_full_name(),
    }
    [route_2] = rows[2]["route_decisions"]
    assert route_2["route"] == 2
    assert rows[2]["gestational_age_days"] == 56
    assert rows[2]["recorded_by"]["id"] == cast.case_director.pk
    assert rows[1]["answers"] == {
        "niveau": "urgent",
        "reden": "Acute zorgen over de veiligheid thuis.",
    }


def test_reading_the_assessments_writes_a_read_event(cast, cast_family):
    before = AccessEvent.objects.count()
    logged_in_client(cast.case_director).get(_path(cast_family))
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.family, event.user) == (
        AccessEvent.Action.READ,
        cast_family,
        cast.case_director,
    )
    assert (event.ground, event.authorisation) == ("care_team", True)
    assert "Signaleringen" in event.detail


def test_a_family_without_assessments_gives_an_empty_page(cast, cast_family):
    response = logged_in_client(cast.case_director).get(_path(cast_family))
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_anonymous_callers_get_401(cast, cast_family):
    assert Client().get(_path(cast_family)).status_code == 401
    response = Client().post(
        _path(cast_family),
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "none"}},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not cast_family.assessments.exists()
