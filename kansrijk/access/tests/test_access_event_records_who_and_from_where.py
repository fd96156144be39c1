"""Each access event says who (with organisation and discipline), whose data and from where."""

import hashlib

from django.test import RequestFactory

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user


def test_the_event_holds_user_capacity_and_access_point(cast, cast_family, client):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Firefox/140")
    client.force_login(cast.care_team_member)
    request.session = client.session

    get_family_for_user(cast.care_team_member, cast_family.pk, "R", request=request, persons=[3, 1])

    event = AccessEvent.objects.latest("id")
    assert event.user_display == "Teamlid Testpersoon (teamlid)"
    assert (event.organisation, event.discipline) == ("JGZ Eerstedorp", "Jeugdverpleegkundige")
    assert event.coalition == cast.coalition
    assert event.family == cast_family
    assert event.persons == [1, 3]
    assert event.ip_address == "192.0.2.7"
    assert event.user_agent == "Firefox/140"
    assert event.session_hash == hashlib.sha256(client.session.session_key.encode()).hexdigest()
    assert client.session.session_key not in event.session_hash


def test_the_log_is_indexed_per_family_and_per_user():
    indexed = {tuple(index.fields) for index in AccessEvent._meta.indexes}
    assert {("family", "-timestamp"), ("user", "-timestamp")} <= indexed
