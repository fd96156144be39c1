"""The meetings a family can be submitted for, through the API: the upcoming meetings of the
coalition's active series, soonest first, for the family's care team only; reading them is
logged, and to everyone without a ground the family does not exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import break_the_glass_start
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting

pytestmark = pytest.mark.django_db
NOT_FOUND = "Niet gevonden of geen toegang."


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/mdo-meetings/"


def test_the_care_team_sees_the_upcoming_meetings_soonest_first(cast, cast_family):
    series = make_series(cast)
    later = plan_meeting(cast, series, in_days=14)
    sooner = plan_meeting(cast, series, in_days=3)

    response = logged_in_client(cast.care_team_member).get(_path(cast_family))

    assert response.status_code == 200, response.content
    body = response.json()
    assert [row["id"] for row in body["results"]] == [sooner.pk, later.pk]
    row = body["results"][0]
    assert row["series"] == {"id": series.pk, "name": "MDO Zwangeren Eerstedorp"}
    assert (row["status"], row["status_display"]) == ("draft", "Concept-agenda")
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action, event.detail) == (
        cast.care_team_member,
        AccessEvent.Action.READ,
        "Aanmelden voor het MDO",
    )


def test_without_a_series_the_list_is_empty(cast, cast_family):
    response = logged_in_client(cast.case_director).get(_path(cast_family))
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_break_the_glass_reads_the_file_but_does_not_submit(cast, cast_family):
    break_the_glass_start(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="acute_care",
        explanation="Acute situatie, zorgteam niet bereikbaar.",
    )
    response = logged_in_client(cast.outsider).get(_path(cast_family))
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen een lid van het zorgteam kan het gezin aanmelden."


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst"]
)
def test_outsiders_get_nothing(cast, cast_family, actor):
    make_series(cast)
    response = logged_in_client(getattr(cast, actor)).get(_path(cast_family))
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.authorisation) == (getattr(cast, actor), False)


def _count(client, family) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_path(family)).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_meetings(cast):
    # The family through the policy with its access event, the care-team check, a count and
    # one select of the meetings with their series joined.
    family = make_family(cast)
    series = make_series(cast)
    plan_meeting(cast, series, in_days=3)
    client = logged_in_client(cast.case_director)
    _count(client, family)  # warm the session
    one = _count(client, family)
    for days in (5, 9, 12):
        plan_meeting(cast, make_series(cast, name=f"MDO {days}"), in_days=days)
    assert _count(client, family) == one
