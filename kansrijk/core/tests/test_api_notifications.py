"""The notifications API: one's own notifications, newest first, filtered to the unread ones
on request, marked read one by one or all at once; another person's notification is "not
found" and stays unread; the list costs the same number of queries for 2 and 20 rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.core.models import Notification
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_hsds_transfer import token_client

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/"


def _notify(user, text, **extra):
    return Notification.objects.create(recipient=user, text=text, link="/toegangslog/", **extra)


def test_a_professional_reads_only_their_own_notifications_newest_first(cast):
    older = _notify(cast.case_director, "Eerste", coalition=cast.coalition)
    Notification.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    _notify(cast.case_director, "Tweede")
    _notify(cast.coordinator, "Voor de coördinator")

    body = token_client(cast.case_director).get(URL).json()

    assert body["count"] == 2
    assert body["unread"] == 2
    assert [row["text"] for row in body["results"]] == ["Tweede", "Eerste"]
    first = body["results"][1]
    assert first["coalition"] == {"id": cast.coalition.pk, "name": cast.coalition.name}
    assert first["link"] == "/toegangslog/"
    assert (first["read_at"], first["is_read"]) == (None, False)
    assert body["results"][0]["coalition"] is None


def test_marking_one_read_keeps_its_first_reading_time_and_filters_it_out(cast):
    notification = _notify(cast.case_director, "Overdracht")
    _notify(cast.case_director, "Nog een")
    client = logged_in_client(cast.case_director)

    first = client.post(f"{URL}{notification.pk}/read/").json()
    again = client.post(f"{URL}{notification.pk}/read/").json()

    assert first["is_read"] is True
    assert again["read_at"] == first["read_at"]
    unread = client.get(URL, {"unread": "true"}).json()
    assert [row["text"] for row in unread["results"]] == ["Nog een"]
    assert unread["unread"] == 1


def test_another_persons_notification_is_not_found_and_stays_unread(cast):
    notification = _notify(cast.case_director, "Voor de regisseur")

    response = token_client(cast.care_team_member).post(f"{URL}{notification.pk}/read/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    notification.refresh_from_db()
    assert notification.read_at is None


def test_all_are_marked_read_at_once_and_only_ones_own(cast):
    for text in ("Een", "Twee", "Drie"):
        _notify(cast.case_director, text)
    other = _notify(cast.coordinator, "Voor de coördinator")
    client = token_client(cast.case_director)

    assert client.post(f"{URL}read-all/").json() == {"marked": 3}
    assert client.post(f"{URL}read-all/").json() == {"marked": 0}
    assert client.get(URL).json()["unread"] == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_without_a_session_or_token_the_answer_is_401(db, client):
    assert client.get(URL).status_code == 401
    assert client.post(f"{URL}read-all/").status_code == 401


def _queries(client) -> int:
    client.get(URL)  # the token's use is recorded at most once a minute
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_2_and_20_notifications(cast):
    client = token_client(cast.case_director)
    for number in range(2):
        _notify(cast.case_director, f"Melding {number}", coalition=cast.coalition)
    two = _queries(client)
    for number in range(18):
        _notify(cast.case_director, f"Melding {number}", coalition=cast.other_coalition)

    assert _queries(client) == two
