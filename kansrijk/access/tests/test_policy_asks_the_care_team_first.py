"""The policy asks the care team first: one query for a care-team member's read, a second
one, for the other grounds, only when the care team does not give the family."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.testing.interop_export import open_break_the_glass


def _family_queries(user, family, action="R") -> int:
    with CaptureQueriesContext(connection) as queries:
        found = get_family_for_user(user, family.pk, action)
    assert found == family
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT")
        and 'FROM "families_family"' in query["sql"]
    )


def test_a_care_team_member_is_granted_on_one_query(cast, cast_family):
    assert _family_queries(cast.care_team_member, cast_family) == 1
    assert AccessEvent.objects.latest("id").ground == "care_team"


def test_another_ground_is_asked_in_a_second_query_and_logged(cast, cast_family):
    open_break_the_glass(cast.outsider, cast_family)
    assert _family_queries(cast.outsider, cast_family) == 2
    event = AccessEvent.objects.latest("id")
    assert event.ground == "break_the_glass"
    assert event.emergency


def test_without_any_ground_the_answer_is_not_found_and_the_attempt_logged(cast, cast_family):
    with pytest.raises(Http404):
        get_family_for_user(cast.outsider, cast_family.pk, "R")
    event = AccessEvent.objects.latest("id")
    assert event.family_id == cast_family.pk
    assert not event.authorisation


def test_a_family_that_does_not_exist_costs_no_second_query(cast):
    with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
        get_family_for_user(cast.care_team_member, 987654321, "R")
    family_reads = [q for q in queries.captured_queries if 'FROM "families_family"' in q["sql"]]
    assert len(family_reads) == 2  # the policy's, and the refusal's check whether it exists
    assert not AccessEvent.objects.filter(family_id=987654321).exists()
