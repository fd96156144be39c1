"""The families list costs the same number of queries for 5 families as for 50.

Every page request pays a fixed overhead before the list itself:
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships with coalition and organisation
     (`request.active`, used by the menu, the header and the create button),
  5. the unread notifications in the header,
  6. the running break-the-glass accesses for the banner.
The first request of a session also stores the time of last activity, so the test makes
one request before it counts.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.families.services import person_add, pregnancy_add
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.queries import PAGE_OVERHEAD

pytestmark = pytest.mark.django_db


def add_families(cast, count):
    for number in range(count):
        family = make_family(cast)
        person_add(
            actor=cast.case_director,
            family_pk=family.pk,
            data={"role": "client", "first_name": f"Cliënt{number}", "last_name": "Test"},
        )
        if number % 2:
            due_date = timezone.localdate() + timedelta(weeks=20)
            pregnancy_add(
                actor=cast.case_director, family_pk=family.pk, data={"due_date": due_date}
            )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_the_families_list_does_not_grow_with_its_rows(cast):
    client = logged_in_client(cast.case_director)
    assert client.get("/").status_code == 200  # stores the session's last activity
    url = reverse("families:list")
    add_families(cast, 5)
    few, response = queries_for(client, url)
    assert len(response.context["page_obj"].object_list) == 5
    add_families(cast, 45)
    many, response = queries_for(client, url)
    assert len(response.context["page_obj"].object_list) == 25
    # Overhead, the municipality choices of the filter, and one page of families with
    # client name, phase dates and the user's role annotated, the municipality joined in,
    # and the number of all families counted by the same query (no count of its own).
    assert few == many == PAGE_OVERHEAD + 2
