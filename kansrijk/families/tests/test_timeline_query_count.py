from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.families.services import timeline_record
from kansrijk.testing.actors import logged_in_client


def _queries_for(cast, family, events: int) -> int:
    family.timeline_events.all().delete()
    actors = [cast.case_director, cast.care_team_member]
    for number in range(events):
        timeline_record(
            family=family,
            kind="family_changed",
            actor=actors[number % 2],
            summary=f"wijziging {number}",
            changes={"postcode": ["1234 AB", "4321 BA"]},
        )
    client = logged_in_client(cast.case_director)
    url = reverse("families:timeline", args=[family.pk])
    client.get(url)  # warm the session and the caches of the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.context["page_obj"]) == events
    return len(queries)


def test_the_timeline_costs_the_same_number_of_queries_for_5_and_50_events(cast, cast_family):
    # Session, user, coalition context, the access check and its event, then a count and
    # one select of the page with the actor joined: never a query per row.
    assert _queries_for(cast, cast_family, 5) == _queries_for(cast, cast_family, 50)
