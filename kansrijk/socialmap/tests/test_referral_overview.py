"""The overview per service and period: for coordinators and analysts, aggregates only; every
count under 10 shown as "<10", the median response time only from 10 answered referrals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.socialmap.models import Referral
from kansrijk.socialmap.selectors_referrals import referral_overview
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap import make_service
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    move_referral,
    send_referral,
)

pytestmark = pytest.mark.django_db


def _answered_after(referral: Referral, days: float) -> None:
    Referral.objects.filter(pk=referral.pk).update(
        responded_at=referral.sent_at + timedelta(days=days)
    )


@pytest.fixture
def world(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    small = make_service(side.service.organization, name="Aanbod klein")
    busy = []
    for number in range(12):
        referral = send_referral(cast, family, side.service)
        referral = move_referral(
            referral, "accept", receiver=side.receiver, sender=cast.case_director
        )
        if number < 10:
            referral = move_referral(
                referral, "start", receiver=side.receiver, sender=cast.case_director
            )
        _answered_after(referral, number + 1)  # 1..12 days: median 6.5
        busy.append(referral)
    for _number in range(3):
        send_referral(cast, family, small)
    return side, small


def test_counts_under_ten_are_suppressed_and_the_median_needs_ten_answers(cast, world):
    _side, _small = world
    today = timezone.localdate()
    figures = {
        f.name: f
        for f in referral_overview(cast.coalition, start=today - timedelta(days=1), end=today)
    }
    busy = figures["Schuldhulp Eerstedorp"]
    assert (busy.sent, busy.accepted, busy.started, busy.completed) == (12, 12, 10, 0)
    assert (busy.sent_shown, busy.accepted_shown, busy.started_shown) == ("12", "12", "10")
    assert busy.completed_shown == "<10"
    assert busy.median_shown == "6,5"
    quiet = figures["Aanbod klein"]
    assert quiet.sent_shown == "<10"
    assert quiet.accepted_shown == "<10"
    assert quiet.median_shown is None


def test_the_page_shows_only_aggregates_for_coordinators_and_analysts(cast, world):
    for actor in (cast.coordinator, cast.analyst):
        page = logged_in_client(actor).get(reverse("socialmap:referral_overview"))
        html = page.content.decode()
        assert page.status_code == 200
        assert html.count('data-testid="overview-row"') == 2
        assert "&lt;10" in html
        assert "6,5" in html
        assert "Anna" not in html  # no family data
    assert (
        logged_in_client(cast.case_director).get(reverse("socialmap:referral_overview")).status_code
        == 403
    )


def test_the_period_filters_and_the_sort_orders(cast, world):
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:referral_overview")
    old = client.get(url, {"start": "2020-01-01", "end": "2020-12-31"})
    assert old.content.decode().count('data-testid="overview-row"') == 0
    by_sent = client.get(url, {"sorteer": "verstuurd"}).content.decode()
    assert by_sent.index("Schuldhulp Eerstedorp") < by_sent.index("Aanbod klein")
    by_name = client.get(url, {"sorteer": "naam"}).content.decode()
    assert by_name.index("Aanbod klein") < by_name.index("Schuldhulp Eerstedorp")
    wrong = client.get(url, {"start": "2026-12-31", "end": "2026-01-01"})
    assert wrong.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in wrong.content.decode()
