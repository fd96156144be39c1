"""The referral overview through the API: coordinators and analysts read the page's figures
per service, counts under 10 are "<10" and the median needs 10 answers, the period and the
order get Dutch messages, everyone else 403, another coalition 404, and the query count does
not grow with the referrals."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.socialmap.models import Referral
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
URL = "/api/v1/referrals/overview/"


@pytest.fixture
def world(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    small = make_service(side.service.organization, name="Aanbod klein")
    for number in range(12):
        referral = send_referral(cast, family, side.service)
        referral = move_referral(
            referral, "accept", receiver=side.receiver, sender=cast.case_director
        )
        Referral.objects.filter(pk=referral.pk).update(
            responded_at=referral.sent_at + timedelta(days=number + 1)
        )
    for _ in range(3):
        send_referral(cast, family, small)
    return side, small, family


def test_a_coordinator_reads_the_figures_per_service(cast, world):
    side, _small, _family = world
    response = logged_in_client(cast.coordinator).get(URL)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["sort"] == "name"
    rows = {row["name"]: row for row in body["services"]}
    assert list(rows) == ["Aanbod klein", "Schuldhulp Eerstedorp"]
    busy = rows["Schuldhulp Eerstedorp"]
    assert busy["service"] == str(side.service.pk)
    assert (busy["sent"], busy["accepted"], busy["started"], busy["completed"]) == (
        "12",
        "12",
        "<10",
        "<10",
    )
    assert busy["median_days_to_answer"] == 6.5
    quiet = rows["Aanbod klein"]
    assert (quiet["sent"], quiet["median_days_to_answer"]) == ("<10", None)


def test_sorting_on_sent_keeps_the_suppressed_ones_together(cast, world):
    body = logged_in_client(cast.analyst).get(URL, {"sort": "sent"}).json()
    assert [row["name"] for row in body["services"]] == ["Schuldhulp Eerstedorp", "Aanbod klein"]


def test_the_period_and_order_get_dutch_messages(cast):
    client = logged_in_client(cast.coordinator)
    today = timezone.localdate()
    wrong = client.get(URL, {"start": today.isoformat(), "end": (today - timedelta(1)).isoformat()})
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["end"] == ["De einddatum ligt vóór de begindatum."]
    bad_date = client.get(URL, {"start": "gisteren"})
    assert bad_date.json()["errors"]["start"] == [
        "Vul een geldige datum in, bijvoorbeeld 1-1-2026."
    ]
    order = client.get(URL, {"sort": "naam"})
    assert order.status_code == 400
    assert order.json()["errors"]["sort"] == [
        "Kies de volgorde name (op naam) of sent (op aantal verstuurd)."
    ]
    assert client.get(URL, {"start": "2020-01-01", "end": "2020-12-31"}).json()["services"] == []


def test_only_coordinators_and_analysts_of_the_coalition(cast, world, client):
    for actor in (cast.case_director, cast.outsider, cast.administrator):
        assert logged_in_client(actor).get(URL).status_code == 403
    assert client.get(URL).status_code == 401
    other = logged_in_client(cast.coordinator).get(URL, {"coalition": cast.other_coalition.pk})
    assert other.status_code == 404
    assert logged_in_client(cast.other_coalition_professional).get(URL).status_code == 403


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_referrals(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    client = logged_in_client(cast.coordinator)
    send_referral(cast, family, side.service)
    _queries(client)  # the first call of a session also touches the session
    one = _queries(client)
    other = make_service(side.service.organization, name="Tweede aanbod")
    for _ in range(5):
        send_referral(cast, family, side.service)
        send_referral(cast, family, other)
    # Session and user, the caller's coalitions, the coalition, and the two of
    # `referral_overview`: the same for 1 and for 11 referrals over two services.
    assert _queries(client) == one
