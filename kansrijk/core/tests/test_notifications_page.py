"""The notifications page: one's own notifications, marked read on POST."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.models import Notification
from kansrijk.testing.actors import logged_in_client

URL = reverse("core:notifications")


def _notify(user, text="Iemand heeft noodtoegang gestart tot gezin KS-TEST01.", **extra):
    return Notification.objects.create(recipient=user, text=text, link="/toegangslog/", **extra)


def test_anonymous_is_sent_to_the_login(db):
    assert Client().get(URL)["Location"].startswith("/inloggen/?next=")


@pytest.mark.parametrize(
    "actor",
    [
        "case_director",
        "care_team_member",
        "outsider",
        "other_coalition_professional",
        "coordinator",
        "analyst",
        "administrator",
    ],
)
def test_everyone_sees_only_their_own_notifications(cast, actor):
    _notify(cast.case_director, "Voor de regisseur")
    _notify(cast.coordinator, "Voor de coördinator")
    user = getattr(cast, actor)
    page = logged_in_client(user).get(URL).content.decode()
    own = {"case_director": "Voor de regisseur", "coordinator": "Voor de coördinator"}
    for text in own.values():
        assert (text in page) == (own.get(actor) == text)
    if actor not in own:
        assert "Je hebt geen meldingen." in page


def test_the_header_counts_unread_and_a_post_marks_one_read(cast):
    first = _notify(cast.case_director, "Eerste", coalition=cast.coalition)
    _notify(cast.case_director, "Tweede")
    client = logged_in_client(cast.case_director)
    page = client.get(URL).content.decode()
    assert "Meldingen (2" in page
    assert "Kansrijke Start Eerstedorp" in page

    response = client.post(URL, {"melding": first.pk})
    assert response.status_code == 302
    assert response["Location"] == URL
    first.refresh_from_db()
    assert first.read_at is not None
    assert "Meldingen (1" in client.get(URL).content.decode()


def test_mark_all_read_keeps_earlier_read_times(cast):
    earlier = _notify(cast.case_director, "Al gelezen")
    Notification.objects.filter(pk=earlier.pk).mark_read()
    earlier.refresh_from_db()
    _notify(cast.case_director, "Nieuw")
    client = logged_in_client(cast.case_director)
    client.post(URL, {"alle": "1"})
    assert not Notification.objects.unread().exists()
    assert Notification.objects.get(pk=earlier.pk).read_at == earlier.read_at
    assert "Meldingen (0" in client.get(URL).content.decode()


def test_someone_elses_notification_cannot_be_marked(cast):
    theirs = _notify(cast.coordinator)
    client = logged_in_client(cast.outsider)
    assert client.post(URL, {"melding": theirs.pk}).status_code == 302
    assert client.post(URL, {"melding": "geen-nummer"}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_notifications(cast):
    client = logged_in_client(cast.case_director)
    client.get(URL)  # the first request also refreshes the session
    for _ in range(3):
        _notify(cast.case_director, coalition=cast.coalition)
    few = _queries(client)
    for _ in range(30):
        _notify(cast.case_director, coalition=cast.coalition)
    assert _queries(client) == few
