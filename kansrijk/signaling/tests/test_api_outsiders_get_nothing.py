"""Whoever has no ground for the family gets 404 on its assessments, for reading and for
submitting alike, and nothing is written: a professional of the same coalition off the care
team, one of another coalition, and a coordinator (roles give no family data)."""

import pytest

from kansrijk.care.models import Task
from kansrijk.signaling import services
from kansrijk.signaling.models import Assessment, RouteDecision
from kansrijk.testing.actors import logged_in_client

from .conftest import JUDGEMENT

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/assessments/"


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_the_list_is_not_found(actor, cast, cast_family):
    services.assessment_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        instrument_key=JUDGEMENT,
        answers={"niveau": "vulnerable", "reden": "Zorgen thuis."},
        route=3,
    )
    response = logged_in_client(getattr(cast, actor)).get(_path(cast_family))
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND["detail"]


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_submitting_is_not_found_and_writes_nothing(actor, cast, cast_family):
    response = logged_in_client(getattr(cast, actor)).post(
        _path(cast_family),
        {
            "instrument_key": JUDGEMENT,
            "answers": {"niveau": "vulnerable", "reden": "Zorgen thuis."},
            "route": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND["detail"]
    assert not Assessment.objects.exists()
    assert not RouteDecision.objects.exists()
    assert not Task.objects.exists()


def test_a_family_that_does_not_exist_answers_the_same(cast, cast_family):
    client = logged_in_client(cast.case_director)
    missing = f"/api/v1/families/{cast_family.pk + 1000}/assessments/"
    assert client.get(missing).json()["detail"] == NOT_FOUND["detail"]
    response = client.post(
        missing,
        {"instrument_key": JUDGEMENT, "answers": {"niveau": "none", "reden": "Goed."}},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND["detail"])
