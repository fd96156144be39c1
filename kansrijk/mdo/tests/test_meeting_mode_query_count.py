"""The meeting-mode agenda costs the same number of queries with 3 and with 30 items.

Every page request pays a fixed overhead (session, professional, TOTP device, memberships
for the header, unread notifications, running break-the-glass accesses: 6). Then:
  1. the meeting with its series and coalition,
  2. whether the user is a manager (chair or secretary of the meeting; for a non-manager
     also the coordinator check and whether they take part),
  3. the agenda rows (`selectors.agenda_rows`: the items with the consent test, the
     families' anonymous summaries, the families the viewer may see: 3),
  4. the number of decisions per item (1).
The first request of a session also stores the time of last activity, so each test makes
one request before it counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.mdo import services
from kansrijk.mdo.models import DecisionKind, MeetingStatus
from kansrijk.mdo.services_decisions import decision_record
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion, submit
from kansrijk.testing.queries import PAGE_OVERHEAD

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db

MEETING_MODE = 1 + 1 + 3 + 1


def queries_for(client, url, expected_rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="discuss-item"') == expected_rows
    return len(captured)


def test_the_meeting_mode_agenda_does_not_grow_with_its_items(cast):
    setup = setup_meeting(cast, publish=False, extra_named=1)
    services.meeting_transition(
        actor=cast.coordinator, meeting_pk=setup.meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    decision_record(
        actor=setup.chair, item_pk=setup.anonymous_item.pk, kind=DecisionKind.ADVICE, text="x"
    )
    client = logged_in_client(setup.chair)
    url = reverse("mdo:discuss", args=[setup.meeting.pk])
    client.get("/")
    three = queries_for(client, url, 3)
    assert three == PAGE_OVERHEAD + MEETING_MODE
    for number in range(27):
        family = make_family(cast)
        if number % 2:
            consent_to_named_discussion(cast, family)
        # Urgent items after publication: submitted as candidates, scheduled by the chair.
        item = submit(cast, family, setup.meeting)
        services.agenda_item_schedule(
            actor=setup.chair, meeting_pk=setup.meeting.pk, item_pk=item.pk
        )
    assert queries_for(client, url, 30) == three
