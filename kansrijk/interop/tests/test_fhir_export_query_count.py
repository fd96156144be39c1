"""The FHIR export costs a fixed number of queries, whatever the number of persons,
assessments, goals, referrals, handovers, consents and care-team members."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_export import add_household, grow_file

pytestmark = pytest.mark.django_db

# Session and account of the logged-in caller (session, user, TOTP device); the session's
# last activity was saved by the warm-up request.
OVERHEAD = 3
# The policy: the family with its grounds and the care-team consent, the household's
# persons and the caller's membership for the event, the event itself.
ACCESS = 4
# The BSN rule: the policy's `decide` (grounds and consent, in one query).
BSN_RULE = 1
# The file (`export_data.family_file_for_export`): persons, pregnancies, care team; case
# director, assessments, route, plan, goals, referrals, handovers, consents.
READS = 11


@pytest.fixture(autouse=True)
def june_2026():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        yield


def count(client, family) -> tuple[int, dict]:
    url = reverse("api:family_fhir", args=[family.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), json.loads(response.content)


def test_a_large_file_costs_as_many_queries_as_a_small_one(cast, cast_family):
    add_household(cast_family)
    client = logged_in_client(cast.case_director)
    client.get("/")
    grow_file(cast, cast_family, size=1)
    few, small = count(client, cast_family)

    grow_file(cast, cast_family, size=5, start=1)
    many, large = count(client, cast_family)

    assert len(large["entry"]) > len(small["entry"]) + 5 * 6
    assert few == many == OVERHEAD + ACCESS + BSN_RULE + READS
