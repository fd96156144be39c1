"""The families list, the file and the access report cost a fixed number of queries,
whatever the number of rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.access.services import api_token_create
from kansrijk.families.models import CareTeamMember, Family, Person, PersonRole, Pregnancy
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db


def _queries(client, path, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def _families(cast, count: int) -> None:
    today = timezone.localdate()
    for n in range(count):
        family = make_family(cast)
        Pregnancy.objects.create(
            family=family, coalition=cast.coalition, due_date=today + timedelta(days=n)
        )
        Person.objects.create(
            family=family, coalition=cast.coalition, role=PersonRole.CLIENT, first_name=f"C{n}"
        )


def test_the_list_costs_the_same_for_5_and_for_50_families(cast):
    client = logged_in_client(cast.care_team_member)
    client.get("/api/v1/families/")  # the first request stamps the session's activity
    _families(cast, 5)
    five = _queries(client, "/api/v1/families/")
    _families(cast, 45)
    fifty = _queries(client, "/api/v1/families/")
    assert Family.objects.count() == 50
    assert five == fifty
    # Session and user (2), the session's OTP device (1); the page of families, which
    # counts them all too, with their municipality joined and the dates that decide each
    # phase as subqueries (1); the search event: the caller's memberships as professional,
    # which give the coalition searched and the organisation and discipline (1), the
    # insert (1).
    assert fifty == 6


def test_the_list_with_a_token_costs_the_same_for_5_and_for_50_families(client, cast):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    _families(cast, 5)
    client.get("/api/v1/families/", **auth)  # the token's first use is written once
    five = _queries(client, "/api/v1/families/", **auth)
    _families(cast, 45)
    fifty = _queries(client, "/api/v1/families/", **auth)
    assert five == fifty


def test_the_file_costs_the_same_for_a_small_and_a_large_household(cast, cast_family):
    client = logged_in_client(cast.case_director)
    path = f"/api/v1/families/{cast_family.pk}/"
    client.get(path)  # the first request stamps the session's activity
    small = _queries(client, path)
    for n in range(8):
        Person.objects.create(
            family=cast_family, coalition=cast.coalition, role=PersonRole.CHILD, first_name=f"K{n}"
        )
        Pregnancy.objects.create(
            family=cast_family,
            coalition=cast.coalition,
            due_date=timezone.localdate() - timedelta(days=400 * n),
        )
    for member in cast.outsider, cast.analyst:
        CareTeamMember.objects.create(
            family=cast_family,
            coalition=cast.coalition,
            professional=member,
            membership=member.memberships.get(),
        )
    large = _queries(client, path)
    assert small == large
    # Session, user, OTP device (3); the policy: the family with its municipality, which
    # grounds hold and whether the consent is in force (1); the file, prefetched onto that
    # family: persons (also the event's persons concerned), pregnancies, care team with
    # accounts and organisations (3); the access event: membership, insert (2).
    assert large == 9
    assert len(client.get(path).json()["care_team"]) == 4


def test_the_access_report_costs_the_same_for_5_and_for_50_events(cast, cast_family):
    reader = logged_in_client(cast.care_team_member)
    client = logged_in_client(cast.case_director)
    path = f"/api/v1/families/{cast_family.pk}/access-log/"
    client.get(path)  # the first request stamps the session's activity
    for _ in range(5):
        reader.get(f"/api/v1/families/{cast_family.pk}/")
    five = _queries(client, path)
    for _ in range(45):
        reader.get(f"/api/v1/families/{cast_family.pk}/")
    fifty = _queries(client, path)
    assert five == fifty
    # Session, user, OTP device (3); on the care team (1); the policy and its access event
    # (5); the count and the page of events, which carry names as text, so no joins (2).
    assert fifty <= 11
