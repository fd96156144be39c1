"""The incoming-handovers page and a family's handovers page cost the same number of queries
with 2 and with 10 handovers.

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

from kansrijk.care import services_handovers as services
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.queries import PAGE_OVERHEAD

from .test_handover_support import jgz_nurse, propose

pytestmark = pytest.mark.django_db

# The handovers waiting for the user (family, sender with organisation and receivers joined)
# and the running ones the user proposed (family and receivers joined).
INCOMING = 2
# The access policy finds the family with the grounds that hold and whether the family's
# consent for the log is in force (1), and writes the access event (1).
ACCESS_POLICY = 2
# The chain moments (1), the pregnancy dates for the suggested due dates (1), the handovers
# with everyone involved joined (1), the case director with organisation and phone (1),
# whether the user is on the care team (1), and the form's organisations (1). The form's
# professional is typed, not chosen from a list: no query (see test_professional_picker.py).
FAMILY_HANDOVERS = 6


def queries_for(client, url, *, rows: str, expected_rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(f'data-testid="{rows}"') == expected_rows
    return len(captured)


def test_the_incoming_page_does_not_grow_with_its_handovers(cast):
    nurse = jgz_nurse(cast)
    client = logged_in_client(nurse)
    url = reverse("care:handovers_incoming")
    client.get("/")

    def add(count):
        for _number in range(count):
            family = make_family(cast)
            propose(cast, family)  # to the nurse's organisation
            propose(cast, family, to_organisation=None, to_professional=nurse)
            # ...and one the nurse proposed, accepted by the care-team member.
            services.handover_accept(
                actor=nurse, handover_pk=propose(cast, family, to_professional=nurse).pk
            )
            services.handover_accept(
                actor=cast.care_team_member,
                handover_pk=propose(
                    cast, family, actor=nurse, to_professional=cast.care_team_member
                ).pk,
            )

    add(1)
    few = queries_for(client, url, rows="incoming-handover", expected_rows=2)
    add(4)
    many = queries_for(client, url, rows="incoming-handover", expected_rows=10)
    assert few == many == PAGE_OVERHEAD + INCOMING


def test_the_family_page_does_not_grow_with_its_handovers(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = reverse("care:handovers", args=[cast_family.pk])
    client.get("/")
    nurse = jgz_nurse(cast)

    def add(count):
        for number in range(count):
            handover = propose(cast, cast_family)
            if number % 2:
                services.handover_accept(actor=nurse, handover_pk=handover.pk)

    add(2)
    few = queries_for(client, url, rows="handover", expected_rows=2)
    add(8)
    many = queries_for(client, url, rows="handover", expected_rows=10)
    assert few == many == PAGE_OVERHEAD + ACCESS_POLICY + FAMILY_HANDOVERS
