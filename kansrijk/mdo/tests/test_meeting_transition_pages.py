"""Publishing the agenda, marking a meeting held and cancelling it from the meeting page:
each asks for confirmation, goes through the one guard, and an illegal step is refused
with a Dutch message."""

import pytest
from django.urls import reverse

from kansrijk.mdo.models import ItemStatus, MeetingStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

from .agenda_support import publish

pytestmark = pytest.mark.django_db


def transition_url(meeting, action: str) -> str:
    return reverse("mdo:meeting_transition", args=[meeting.pk, action])


def test_publishing_asks_for_confirmation_and_then_publishes(cast):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)
    client = logged_in_client(cast.coordinator)
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert transition_url(meeting, "publiceren") in page
    assert transition_url(meeting, "gehouden") not in page  # not allowed from a draft
    confirm = client.get(transition_url(meeting, "publiceren"))
    assert confirm.status_code == 200
    assert "14 dagen na het overleg" in confirm.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    response = client.post(
        transition_url(meeting, "publiceren"), {"version": meeting.version}, follow=True
    )
    assert "De agenda is gepubliceerd." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.access_until is not None


def test_an_empty_agenda_is_not_published(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.coordinator)
    confirm = client.get(transition_url(meeting, "publiceren")).content.decode()
    assert "Er staat nog geen gezin op de agenda." in confirm
    response = client.post(
        transition_url(meeting, "publiceren"), {"version": meeting.version}, follow=True
    )
    assert "Zet eerst minstens één gezin op de agenda." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_an_illegal_transition_is_refused_with_a_message(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.coordinator)
    response = client.post(
        transition_url(meeting, "gehouden"), {"version": meeting.version}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mdo:meeting", args=[meeting.pk])
    assert "Een overleg met status “Concept-agenda” kan niet naar “Gehouden”." in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_an_unknown_step_does_not_exist(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.coordinator)
    assert client.get(transition_url(meeting, "definitief")).status_code == 404


def test_a_stale_confirmation_changes_nothing(cast):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        transition_url(meeting, "annuleren"), {"version": meeting.version + 5}, follow=True
    )
    assert "Iemand anders heeft dit overleg intussen gewijzigd." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_a_published_meeting_is_marked_held(cast):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)
    meeting = publish(cast, meeting)
    client = logged_in_client(cast.coordinator)
    response = client.post(transition_url(meeting, "gehouden"), {"version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert 'data-testid="meeting-actions"' in page
    assert transition_url(meeting, "annuleren") not in page


def test_cancelling_sends_the_agenda_back_to_candidates(cast):
    meeting = plan_meeting(cast, make_series(cast))
    item = submit(cast, make_family(cast), meeting)
    client = logged_in_client(cast.coordinator)
    confirm = client.get(transition_url(meeting, "annuleren")).content.decode()
    assert "Dit kan niet ongedaan worden." in confirm
    client.post(transition_url(meeting, "annuleren"), {"version": meeting.version})
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert item.status == ItemStatus.CANDIDATE


def test_a_participant_gets_no_transition_pages(cast):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)
    client = logged_in_client(cast.outsider)
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert "meeting-actions" not in page
    assert client.get(transition_url(meeting, "publiceren")).status_code == 403
    assert (
        client.post(transition_url(meeting, "publiceren"), {"version": meeting.version}).status_code
        == 403
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
