"""The work queue (professional and coordinator) and "my tasks" cost the same number of
queries with 5 rows as with 100.

Every page request pays a fixed overhead first (as on the families list):
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships (`request.active`, for the menu and header),
  5. the unread notifications in the header,
  6. the running break-the-glass accesses for the banner.
The first request of a session also stores the time of last activity, so each test makes
one request before it counts.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.care.models import Task
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.queries import PAGE_OVERHEAD
from kansrijk.worklist.rules import RULES

from .builders import born_on, choose_route

pytestmark = pytest.mark.django_db

# The coalition's thresholds (1), one query per rule, each over all the families it is given
# however many signals it finds, and one for what the signals show of their families
# (`selectors.chain_signals`). A professional's own families are read first, as a list of
# ids (1); a coordinator's are the coalition's, a filter.
SIGNALS = 1 + len(RULES) + 1
OWN_FAMILIES = {"case_director": 1, "coordinator": 0}
# The ids of the families the policy gives the professional, the paginator's count, then one
# page of tasks with family, owner and organisation joined.
TASKS = 3

START = date(2027, 3, 3)
DAY = START + timedelta(days=12)


def signal_families(cast, count: int) -> None:
    """`count` families, each with three signals: no consent, in the gap, urgent untouched."""
    with time_machine.travel(START, tick=False):
        for _ in range(count):
            family = make_family(cast)
            born_on(cast, family, START, today=START)
            choose_route(cast, family, level="urgent")


def count_queries(client, url: str, **params) -> int:
    client.get(url, params)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("actor", ["case_director", "coordinator"])
def test_the_work_queue_costs_the_same_for_5_and_100_rows(cast, actor):
    counts = {}
    for size, extra in ((5, 5), (100, 95)):
        signal_families(cast, extra)
        with time_machine.travel(DAY, tick=False):
            client = logged_in_client(getattr(cast, actor))
            counts[size] = count_queries(client, "/werkvoorraad/")
            page = client.get("/werkvoorraad/", {"volgorde": "oudste"}).content.decode()
            assert page.count('data-testid="signal-') >= min(size, 25)
    assert counts[5] == counts[100] == PAGE_OVERHEAD + OWN_FAMILIES[actor] + SIGNALS, counts


def test_my_tasks_costs_the_same_for_5_and_100_rows(cast):
    with time_machine.travel(START, tick=False):
        family = make_family(cast)
    jgz = cast.care_team_member.memberships.get().organisation
    counts = {}
    for size, extra in ((5, 5), (100, 95)):
        Task.objects.bulk_create(
            Task(
                family=family,
                coalition=family.coalition,
                title=f"Taak {number}",
                # Half the nurse's own, half her organisation's.
                owner=cast.care_team_member if number % 2 else None,
                owner_organisation=None if number % 2 else jgz,
                due_date=START + timedelta(days=number - 20),
            )
            for number in range(extra)
        )
        with time_machine.travel(DAY, tick=False):
            client = logged_in_client(cast.care_team_member)
            counts[size] = count_queries(client, "/taken/")
    assert counts[5] == counts[100] == PAGE_OVERHEAD + TASKS, counts
