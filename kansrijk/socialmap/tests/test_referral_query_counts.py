"""The inbox, the family file's referral section and the overview cost the same number of
queries with few and with many referrals.

Every page request pays a fixed overhead (the session, the professional, the TOTP device,
the memberships for the menu, the notifications, the break-the-glass banner); the first
request of a session also stores the time of last activity and the menu's referral check,
so each test makes one request before it counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.queries import PAGE_OVERHEAD
from kansrijk.testing.socialmap import make_service
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    move_referral,
    send_referral,
)

pytestmark = pytest.mark.django_db

# The page of referrals with service, receiver and sender joined (1) and its count (1).
INBOX = 2
# The counts per service (1) and the answer times of the answered referrals (1).
OVERVIEW = 2


def _count(client, url, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _send(cast, family, side, number: int, *, services=()) -> None:
    for index in range(number):
        service = services[index % len(services)] if services else side.service
        referral = send_referral(cast, family, service)
        if index % 3 == 1:
            move_referral(referral, "receive", receiver=side.receiver, sender=cast.case_director)
        if index % 3 == 2:
            referral = move_referral(
                referral, "accept", receiver=side.receiver, sender=cast.case_director
            )


def test_the_inbox_does_not_grow_with_its_referrals(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    client = logged_in_client(side.receiver)
    client.get("/")
    url = reverse("socialmap:referral_inbox")
    _send(cast, family, side, 3)
    few, html_few = _count(client, url)
    _send(cast, family, side, 30)
    many, html_many = _count(client, url)
    assert html_few.count('data-testid="incoming-referral"') == 3
    assert html_many.count('data-testid="incoming-referral"') == 25  # one page
    assert few == many == PAGE_OVERHEAD + INBOX


def test_the_file_section_does_not_grow_with_its_referrals(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    client = logged_in_client(cast.case_director)
    client.get("/")
    url = reverse("families:detail", args=[family.pk])
    _send(cast, family, side, 1)
    few, html_few = _count(client, url)
    _send(cast, family, side, 20)
    many, html_many = _count(client, url)
    assert html_few.count('data-testid="family-referral"') == 1
    assert html_many.count('data-testid="family-referral"') == 21
    assert few == many


def test_the_overview_does_not_grow_with_services_or_referrals(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    extra = [make_service(side.service.organization, name=f"Aanbod {n}") for n in range(5)]
    client = logged_in_client(cast.coordinator)
    client.get("/")
    url = reverse("socialmap:referral_overview")
    _send(cast, family, side, 2)
    few, html_few = _count(client, url)
    _send(cast, family, side, 25, services=extra)
    many, html_many = _count(client, url)
    assert html_few.count('data-testid="overview-row"') == 1
    assert html_many.count('data-testid="overview-row"') == 6
    assert few == many == PAGE_OVERHEAD + OVERVIEW
