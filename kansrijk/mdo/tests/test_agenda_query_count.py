"""The meeting page (the agenda) costs the same number of queries with 3 and with 30 items,
for a manager of a draft meeting and for a participant of a published one; so does the
MDO area's start page with its lists.

Every page request pays a fixed overhead (as on the families list):
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships (`request.active`, for the menu and header),
  5. the unread notifications in the header,
  6. the running break-the-glass accesses for the banner.
The first request of a session also stores the time of last activity, so each test makes
one request before it counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.mdo.models import MeetingStatus
from kansrijk.mdo.services import agenda_candidates_sync
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit
from kansrijk.testing.queries import PAGE_OVERHEAD

from .agenda_support import family_with_summary, publish

pytestmark = pytest.mark.django_db

# The meeting with its series (1); the participants with organisation (1); the agenda rows
# (`selectors.agenda_rows`): the items with their named-consent flag (1), the families'
# anonymous summaries (1) and which of them the viewer may see (1).
MEETING = 5
# A participant: is the user a manager, chair or secretary of the meeting or coordinator of
# the series' coalition? One query, whichever they are (`services.is_manager`).
PARTICIPANT_CHECKS = 1
# A coordinator: the same one check; then, on a draft, the route-3 candidates and reviews
# arrive (`services.agenda_candidates_sync`, a fixed number of queries of its own, counted
# apart below because the decisions add to it).
MANAGER_CHECKS = 1


def add_items(cast, meeting, count: int) -> None:
    for number in range(count):
        family = family_with_summary(cast, age=17 + number)
        if number % 2:
            consent_to_named_discussion(cast, family)
        submit(cast, family, meeting, f"Vraag {number}")


def queries_for(client, meeting, *, items: int) -> int:
    url = reverse("mdo:meeting", args=[meeting.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="agenda-item"') == items
    return len(captured)


def test_the_managers_draft_agenda_does_not_grow_with_its_items(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.coordinator)
    client.get("/")
    add_items(cast, meeting, 3)
    few = queries_for(client, meeting, items=3)
    add_items(cast, meeting, 27)
    many = queries_for(client, meeting, items=30)
    assert meeting.status == MeetingStatus.DRAFT
    with CaptureQueriesContext(connection) as sync:
        agenda_candidates_sync(meeting=meeting)
    assert few == many == PAGE_OVERHEAD + MEETING + MANAGER_CHECKS + len(sync)


def test_the_participants_published_agenda_does_not_grow_with_its_items(cast):
    meeting = plan_meeting(cast, make_series(cast))
    add_items(cast, meeting, 3)
    meeting = publish(cast, meeting)
    client = logged_in_client(cast.outsider)
    client.get("/")
    few = queries_for(client, meeting, items=3)
    # After publication, families arrive as candidates; the chair adds them as urgent.
    add_items(cast, meeting, 27)
    meeting.items.filter(status="candidate").update(status="on_agenda", urgent=True)
    many = queries_for(client, meeting, items=30)
    assert few == many == PAGE_OVERHEAD + MEETING + PARTICIPANT_CHECKS


def test_the_mdo_start_page_does_not_grow_with_meetings_and_series(cast):
    client = logged_in_client(cast.coordinator)
    client.get("/")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("mdo:home")).status_code == 200
        return len(captured)

    plan_meeting(cast, make_series(cast))
    few = count()
    for number in range(5):
        series = make_series(cast, name=f"MDO {number}")
        plan_meeting(cast, series, in_days=3 + number)
    # The coalition's series with their participants counted (1) and its upcoming meetings
    # with their series and item counts (1).
    assert few == count() == PAGE_OVERHEAD + 2
