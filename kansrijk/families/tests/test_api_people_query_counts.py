"""The persons and pregnancies lists cost a fixed number of queries, however many rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.families.models import Person, PersonRole, Pregnancy, PregnancyOutcome
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def _queries(client, path) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


def _persons(family, count: int) -> None:
    for n in range(count):
        pregnancy = Pregnancy.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            due_date=timezone.localdate() - timedelta(days=400 + n),
            birth_date=timezone.localdate() - timedelta(days=400 + n),
            outcome=PregnancyOutcome.LIVE_BIRTH,
        )
        Person.objects.create(
            family=family,
            coalition_id=family.coalition_id,
            role=PersonRole.CHILD,
            first_name=f"Kind {n}",
            bsn="111222333",
            pregnancy=pregnancy,
        )


def test_the_persons_list_costs_the_same_for_2_and_for_12_persons(cast, cast_family):
    client = logged_in_client(cast.case_director)
    path = f"/api/v1/families/{cast_family.pk}/persons/"
    client.get(path)  # the first request stamps the session's activity
    _persons(cast_family, 2)
    two, rows_two = _queries(client, path)
    _persons(cast_family, 10)
    twelve, rows_twelve = _queries(client, path)

    assert (len(rows_two), len(rows_twelve)) == (2, 12)
    assert two == twelve
    # Session and user (2), the session's OTP device (1); the family with the grounds that
    # hold and whether consent is in force for the event (1), the household (1), the access
    # event: the caller's organisation and discipline (1), the insert (1).
    assert twelve == 7


def test_the_pregnancies_list_costs_the_same_for_2_and_for_12_pregnancies(cast, cast_family):
    client = logged_in_client(cast.case_director)
    path = f"/api/v1/families/{cast_family.pk}/pregnancies/"
    client.get(path)
    _persons(cast_family, 2)
    two, rows_two = _queries(client, path)
    _persons(cast_family, 10)
    twelve, rows_twelve = _queries(client, path)

    assert (len(rows_two), len(rows_twelve)) == (2, 12)
    assert two == twelve
    # As the persons list, with the pregnancies (1) instead of the household.
    assert twelve == 7
