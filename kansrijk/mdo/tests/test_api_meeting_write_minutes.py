"""The minutes through the API (GET/PUT .../minutes/, POST .../minutes/generate/ and
.../minutes/finalise/), as the minutes pages: the chair generates, edits and makes them
final with the meeting's version; each write is in the audit trail; a stale version answers
409, empty minutes 400, both without storing anything; participants read them (not while
the meeting is a draft) but may not write (403); outsiders of the meeting get 403."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.core.models import AuditEvent
from kansrijk.mdo import services
from kansrijk.mdo.models import MdoMeeting, MeetingStatus
from kansrijk.mdo.services_decisions import item_discussion_save
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import plan_meeting, submit

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named family and an anonymous one, discussed."""
    held = setup_meeting(cast)
    services.meeting_attendance_record(
        actor=held.chair, meeting_pk=held.meeting.pk, present={held.chair.pk}
    )
    item_discussion_save(
        actor=held.chair,
        meeting_pk=held.meeting.pk,
        item_pk=held.named_item.pk,
        discussion="Zorgen over de huisvesting.",
    )
    return held


def _url(meeting, action: str = "") -> str:
    return f"/api/v1/mdo/meetings/{meeting.pk}/minutes/{action}"


def _send(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, data, content_type="application/json")


def _audit(meeting):
    return AuditEvent.objects.filter(object_type="mdo.MdoMeeting", object_id=str(meeting.pk))


def test_the_chair_generates_edits_and_finalises_the_minutes(held):
    meeting = held.meeting
    client = logged_in_client(held.chair)
    read = client.get(_url(meeting))
    assert read.status_code == 200
    body = read.json()
    assert (body["minutes"], body["may_write"], body["may_finalise"]) == ("", True, False)
    audited = _audit(meeting).filter(actor=held.chair).count()

    generated = _send(client, "post", _url(meeting, "generate/"), {"version": body["version"]})
    assert generated.status_code == 200, generated.json()
    body = generated.json()
    assert f"gezin {held.named.reference}" in body["minutes"]
    assert "Zorgen over de huisvesting." in body["minutes"]
    assert "(anoniem)" in body["minutes"]
    assert held.anonymous.reference not in body["minutes"]
    assert body["may_finalise"] is True

    text = body["minutes"] + "Afspraak: volgende keer evalueren.\n"
    edited = _send(client, "put", _url(meeting), {"minutes": text, "version": body["version"]})
    assert edited.status_code == 200, edited.json()
    assert "Afspraak: volgende keer evalueren." in edited.json()["minutes"]
    assert edited.json()["version"] == body["version"] + 1
    assert "volgende keer evalueren" in MdoMeeting.objects.get(pk=meeting.pk).minutes

    final = _send(client, "post", _url(meeting, "finalise/"), {"version": edited.json()["version"]})
    assert final.status_code == 200, final.json()
    assert final.json()["status"] == MeetingStatus.FINAL
    assert final.json()["may_write"] is False
    assert MdoMeeting.objects.get(pk=meeting.pk).status == MeetingStatus.FINAL
    # generated, saved, held and final: each write by the chair in the audit trail.
    assert _audit(meeting).filter(actor=held.chair).count() == audited + 4

    after = _send(
        client, "put", _url(meeting), {"minutes": "Nog iets.", "version": final.json()["version"]}
    )
    assert after.status_code == 400
    assert after.json()["errors"]["non_field_errors"] == [
        "Het verslag van dit overleg is definitief; er verandert niets meer."
    ]


def test_a_stale_version_is_a_conflict_and_nothing_changes(held):
    meeting = MdoMeeting.objects.get(pk=held.meeting.pk)
    client = logged_in_client(held.chair)
    first = _send(client, "put", _url(meeting), {"minutes": "Eerste.", "version": meeting.version})
    assert first.status_code == 200
    for method, action, data in [
        ("put", "", {"minutes": "Tweede.", "version": meeting.version}),
        ("post", "generate/", {"version": meeting.version}),
        ("post", "finalise/", {"version": meeting.version}),
    ]:
        stale = _send(client, method, _url(meeting, action), data)
        assert stale.status_code == 409, action
        assert stale["Content-Type"] == "application/problem+json"
        body = stale.json()
        assert (body["submitted_version"], body["current_version"]) == (
            meeting.version,
            meeting.version + 1,
        )
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.minutes, stored.status) == ("Eerste.\n", MeetingStatus.PUBLISHED)


def test_empty_minutes_are_refused_with_a_dutch_message(held):
    meeting = MdoMeeting.objects.get(pk=held.meeting.pk)
    client = logged_in_client(held.chair)
    audited = _audit(meeting).count()
    empty = _send(client, "put", _url(meeting), {"minutes": "", "version": meeting.version})
    assert empty.status_code == 400
    assert empty.json()["errors"]["minutes"] == ["Schrijf het verslag of genereer het eerst."]
    no_version = _send(client, "post", _url(meeting, "generate/"), {})
    assert no_version.status_code == 400
    assert no_version.json()["errors"]["version"] == [
        "Laad de pagina opnieuw: de versie ontbreekt."
    ]
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.minutes, stored.version) == ("", meeting.version)
    assert _audit(meeting).count() == audited


def test_a_participant_reads_the_minutes_but_does_not_write_them(cast, held):
    meeting = MdoMeeting.objects.get(pk=held.meeting.pk)
    member = logged_in_client(cast.outsider)
    read = member.get(_url(meeting))
    assert read.status_code == 200
    assert (read.json()["may_write"], read.json()["may_finalise"]) == (False, False)
    for method, action, data in [
        ("put", "", {"minutes": "Mijn verslag.", "version": meeting.version}),
        ("post", "generate/", {"version": meeting.version}),
        ("post", "finalise/", {"version": meeting.version}),
    ]:
        assert _send(member, method, _url(meeting, action), data).status_code == 403
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.minutes, stored.status) == ("", MeetingStatus.PUBLISHED)


def test_a_participant_does_not_see_a_draft_meeting(cast):
    draft = setup_meeting(cast, publish=False)
    assert logged_in_client(cast.outsider).get(_url(draft.meeting)).status_code == 403
    assert logged_in_client(cast.coordinator).get(_url(draft.meeting)).status_code == 200


@pytest.mark.parametrize(
    "actor", ["case_director", "other_coalition_professional", "analyst", "administrator"]
)
def test_who_is_not_in_the_meeting_gets_403(cast, held, actor):
    client = logged_in_client(getattr(cast, actor))
    meeting = held.meeting
    assert client.get(_url(meeting)).status_code == 403
    assert _send(client, "post", _url(meeting, "finalise/"), {"version": 1}).status_code == 403
    assert MdoMeeting.objects.get(pk=meeting.pk).status == MeetingStatus.PUBLISHED


def test_a_meeting_that_does_not_exist_is_not_found(cast):
    client = logged_in_client(cast.coordinator)
    assert client.get("/api/v1/mdo/meetings/0/minutes/").status_code == 404
    missing = _send(client, "post", "/api/v1/mdo/meetings/0/minutes/generate/", {"version": 1})
    assert missing.status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("actor", ["outsider", "coordinator"])
def test_reading_the_minutes_and_a_discussion_costs_a_fixed_number_of_queries(cast, actor):
    """Authentication (session, user, OTP device: 3), the caller's memberships (1), the
    meeting with its series (1), its participants (1); a discussion also reads the item (1).
    The same for a meeting with 2 items and one with 12."""
    small = setup_meeting(cast)
    large_meeting = plan_meeting(cast, small.meeting.series, in_days=14)
    items = [submit(cast, make_family(cast), large_meeting) for _number in range(12)]
    large = services.meeting_transition(
        actor=cast.coordinator, meeting_pk=large_meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    client = logged_in_client(getattr(cast, actor))
    client.get(_url(small.meeting))  # the session's first request stores its activity
    few = _queries(client, _url(small.meeting))
    many = _queries(client, _url(large))
    assert few == many <= 7
    item_url = "/api/v1/mdo/meetings/{}/items/{}/discussion/"
    few = _queries(client, item_url.format(small.meeting.pk, small.named_item.pk))
    many = _queries(client, item_url.format(large.pk, items[-1].pk))
    assert few == many <= 8
