"""The management lists cost the same number of queries for 5 rows as for 30.

Every page request pays a fixed overhead before the list itself:
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships with coalition and organisation
     (`request.active`, used by the role check, the header and the menu),
  5. the unread notification count in the header,
  6. the professional's running break-the-glass accesses (the banner).
The first request of a session also stores the time of last activity (three more queries:
savepoint, update, release), so each test makes one request before it counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory, ProfessionalFactory
from kansrijk.testing.queries import PAGE_OVERHEAD

pytestmark = pytest.mark.django_db


def warm_up(client) -> None:
    assert client.get("/").status_code == 200


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_organisations(cast, count):
    for _ in range(count):
        OrganisationFactory(coalitions=[cast.coalition])


def add_memberships(cast, count):
    organisation = Organisation.objects.get(name="JGZ Eerstedorp")
    for _ in range(count):
        MembershipFactory(coalition=cast.coalition, organisation=organisation)


def add_audit_events(cast, count):
    for number in range(count):
        audit_record(
            actor=cast.coordinator,
            action=AuditEvent.Action.UPDATE,
            summary=f"Wijziging {number}",
            coalition=cast.coalition,
            object_type="organisations.Organisation",
        )


def add_accounts(cast, count):
    add_memberships(cast, count // 2)
    for _ in range(count - count // 2):
        ProfessionalFactory()  # not yet linked to a coalition


def test_the_organisation_list(cast, coordinator_client):
    warm_up(coordinator_client)
    url = reverse("organisations:organisation_list")
    add_organisations(cast, 2)  # 5 with the cast's three
    few = queries_for(coordinator_client, url)
    add_organisations(cast, 25)
    many = queries_for(coordinator_client, url)
    # Overhead, the paginator's count, and one page of organisations with their member
    # count annotated.
    assert few == many == PAGE_OVERHEAD + 2


def test_the_membership_list(cast, coordinator_client):
    warm_up(coordinator_client)
    url = reverse("organisations:membership_list")
    few = queries_for(coordinator_client, url)  # the cast's 6 memberships here
    add_memberships(cast, 24)
    many = queries_for(coordinator_client, url)
    # Overhead, the organisation choices of the filter, the paginator's count, and one page
    # of memberships with professional and organisation joined in.
    assert few == many == PAGE_OVERHEAD + 3


def test_the_account_list(cast, administrator_client):
    warm_up(administrator_client)
    url = reverse("organisations:professional_list")
    few = queries_for(administrator_client, url)
    add_accounts(cast, 25)
    many = queries_for(administrator_client, url)
    # Overhead, the paginator's count, one page of accounts (second factor annotated), and
    # one prefetch of their memberships in this coalition with the organisation joined in.
    assert few == many == PAGE_OVERHEAD + 3


def test_the_audit_trail(cast, coordinator_client):
    warm_up(coordinator_client)
    url = reverse("organisations:audit_trail")
    add_audit_events(cast, 5)
    few = queries_for(coordinator_client, url)
    add_audit_events(cast, 25)
    many = queries_for(coordinator_client, url)
    # Overhead, the paginator's count, and one page of events with their actor joined in.
    assert few == many == PAGE_OVERHEAD + 2
