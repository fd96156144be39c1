"""A family's assessments cost a fixed number of queries, whatever their number and the
number of route decisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.services import api_token_create
from kansrijk.signaling import services
from kansrijk.testing.actors import logged_in_client

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def _queries(client, path, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def _assessments(cast, family, count: int) -> None:
    """`count` assessments: finished ones with a route (two different decision makers)
    alternating with drafts, so every relation of a row is filled in."""
    for n in range(count):
        if n % 2:
            services.assessment_start(
                actor=cast.case_director, family_pk=family.pk, instrument_key=R4U
            )
            continue
        services.assessment_record(
            actor=cast.case_director if n % 4 else cast.care_team_member,
            family_pk=family.pk,
            instrument_key=JUDGEMENT,
            answers={"niveau": "vulnerable", "reden": f"Zorgen ({n})."},
            pregnancy_pk=family.pregnancies.get().pk,
            route=3,
        )


def test_the_list_costs_the_same_for_2_and_for_6_assessments(cast, pregnant_family):
    client = logged_in_client(cast.care_team_member)
    path = f"/api/v1/families/{pregnant_family.pk}/assessments/"
    client.get(path)  # the first request stamps the session's activity
    _assessments(cast, pregnant_family, 2)
    two = _queries(client, path)
    _assessments(cast, pregnant_family, 4)
    six = _queries(client, path)
    assert len(client.get(path).json()["results"]) == 6
    assert two == six
    # Session and user (2), the session's OTP device (1); the policy: the family among the
    # visible ones with the ground that holds (1) and its consent (1); the read event: the
    # membership that gives organisation and discipline (1), the insert (1); the count for
    # the pager (1), the page of assessments with who recorded them joined (1), their route
    # decisions with who decided joined (1). The policy may need one query more when it
    # checks the ground apart from the visibility (11 at most).
    assert six <= 11


def test_the_list_with_a_token_costs_the_same_for_2_and_for_6_assessments(
    client, cast, pregnant_family
):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    path = f"/api/v1/families/{pregnant_family.pk}/assessments/"
    client.get(path, **auth)  # the token's first use is written once
    _assessments(cast, pregnant_family, 2)
    two = _queries(client, path, **auth)
    _assessments(cast, pregnant_family, 4)
    assert _queries(client, path, **auth) == two
