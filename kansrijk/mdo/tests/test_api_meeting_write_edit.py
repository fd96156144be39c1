"""Changing a meeting through the API (PATCH /api/v1/mdo/meetings/{id}/), as the page
"Overleg bewerken": its managers change date, place or video link with the meeting's
version, until it is held; the change is in the audit trail. A stale version answers 409,
invalid input 400 with the page's Dutch messages, both without storing anything; a
participant who does not manage and everyone outside the meeting get 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.mdo import services
from kansrijk.mdo.models import MdoMeeting, MeetingStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    series = make_series(cast, default_place="Stadskantoor")
    return plan_meeting(cast, series)


def _patch(client, meeting, data):
    return client.patch(
        f"/api/v1/mdo/meetings/{meeting.pk}/", data, content_type="application/json"
    )


def _audit(meeting):
    return AuditEvent.objects.filter(
        object_type="mdo.MdoMeeting", object_id=str(meeting.pk), action="update"
    )


def test_the_coordinator_changes_the_place_and_the_time(cast, meeting):
    client = logged_in_client(cast.coordinator)
    only_place = _patch(client, meeting, {"place": "Bibliotheek", "version": meeting.version})
    assert only_place.status_code == 200, only_place.json()
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.place, stored.starts_at) == ("Bibliotheek", meeting.starts_at)
    assert set(_audit(meeting).get().changes) == {"place"}
    meeting = stored
    starts_at = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    response = _patch(
        client,
        meeting,
        {
            "place": "Gemeentehuis, zaal 2",
            "starts_at": starts_at.isoformat(),
            "version": meeting.version,
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["place"] == "Gemeentehuis, zaal 2"
    assert body["version"] == meeting.version + 1
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.place, stored.starts_at) == ("Gemeentehuis, zaal 2", starts_at)
    assert _audit(meeting).filter(actor=cast.coordinator).count() == 2
    # Only what is sent changes; an empty place is the series' default, as on the page.
    emptied = _patch(client, meeting, {"place": "", "version": stored.version})
    assert emptied.status_code == 200
    assert emptied.json()["place"] == "Stadskantoor"
    assert MdoMeeting.objects.get(pk=meeting.pk).starts_at == starts_at


def test_a_stale_version_is_a_conflict_and_nothing_changes(cast, meeting):
    client = logged_in_client(cast.coordinator)
    assert (
        _patch(client, meeting, {"place": "Eerst", "version": meeting.version}).status_code == 200
    )
    stale = _patch(client, meeting, {"place": "Daarna", "version": meeting.version})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    body = stale.json()
    assert (body["submitted_version"], body["current_version"]) == (
        meeting.version,
        meeting.version + 1,
    )
    assert body["current_status"] == MeetingStatus.DRAFT
    assert MdoMeeting.objects.get(pk=meeting.pk).place == "Eerst"


def test_invalid_input_is_refused_with_dutch_messages(cast, meeting):
    client = logged_in_client(cast.coordinator)
    link = _patch(client, meeting, {"video_link": "geen link", "version": meeting.version})
    assert link.status_code == 400
    assert link.json()["errors"]["video_link"] == [
        "Vul een volledige link in, bijvoorbeeld https://…"
    ]
    when = _patch(client, meeting, {"starts_at": "volgende week", "version": meeting.version})
    assert when.status_code == 400
    assert when.json()["errors"]["starts_at"] == [
        "Vul een datum en tijd in, bijvoorbeeld 2027-03-12T14:00:00+01:00."
    ]
    long_place = _patch(client, meeting, {"place": "x" * 201, "version": meeting.version})
    assert long_place.status_code == 400
    assert "place" in long_place.json()["errors"]
    stored = MdoMeeting.objects.get(pk=meeting.pk)
    assert (stored.place, stored.video_link, stored.version) == (
        meeting.place,
        meeting.video_link,
        meeting.version,
    )
    assert not _audit(meeting).exists()


def test_a_held_meeting_does_not_change(cast, meeting):
    submit(cast, make_family(cast), meeting)
    for status in (MeetingStatus.PUBLISHED, MeetingStatus.HELD):
        meeting = services.meeting_transition(
            actor=cast.coordinator, meeting_pk=meeting.pk, to_status=status
        )
    response = _patch(
        logged_in_client(cast.coordinator), meeting, {"place": "Later", "version": meeting.version}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "Een gehouden of geannuleerd overleg verandert niet meer."
    ]
    assert MdoMeeting.objects.get(pk=meeting.pk).place == meeting.place


@pytest.mark.parametrize(
    "actor",
    ["outsider", "case_director", "other_coalition_professional", "analyst", "administrator"],
)
def test_who_does_not_manage_the_meeting_gets_403(cast, meeting, actor):
    # The outsider is a participant (standing member) who does not manage.
    response = _patch(
        logged_in_client(getattr(cast, actor)), meeting, {"place": "X", "version": meeting.version}
    )
    assert response.status_code == 403
    assert MdoMeeting.objects.get(pk=meeting.pk).place == meeting.place
    assert not _audit(meeting).exists()


def test_a_meeting_that_does_not_exist_is_not_found(cast, client):
    coordinator = logged_in_client(cast.coordinator)
    missing = coordinator.patch(
        "/api/v1/mdo/meetings/0/", {"version": 1}, content_type="application/json"
    )
    assert missing.status_code == 404
    assert client.patch("/api/v1/mdo/meetings/0/", {}).status_code == 401
