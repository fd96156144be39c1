"""The minutes: generated from attendance, discussions and decisions, edited with the
meeting's version check, and made final."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kansrijk.mdo import services
from kansrijk.mdo.models import DecisionKind, MdoMeeting, MeetingStatus
from kansrijk.mdo.services_decisions import (
    decision_record,
    item_discussion_save,
    minutes_finalise,
    minutes_generate,
    minutes_save,
)
from kansrijk.testing.actors import logged_in_client

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named route-3 family and an anonymous one."""
    return setup_meeting(cast)


@pytest.fixture
def discussed(cast, held):
    services.meeting_attendance_record(
        actor=held.chair, meeting_pk=held.meeting.pk, present={held.chair.pk}
    )
    item_discussion_save(
        actor=held.chair,
        meeting_pk=held.meeting.pk,
        item_pk=held.named_item.pk,
        discussion="Zorgen over de huisvesting.",
    )
    decision_record(actor=held.chair, item_pk=held.named_item.pk, kind=DecisionKind.ROUTE_CONFIRMED)
    decision_record(
        actor=held.chair,
        item_pk=held.anonymous_item.pk,
        kind=DecisionKind.ADVICE,
        text="Overweeg VoorZorg.",
    )
    return held


def test_generated_minutes_name_named_items_by_reference_and_others_anonymously(cast, discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    meeting = minutes_generate(
        actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version
    )
    text = meeting.minutes
    assert f"Casus 1: gezin {discussed.named.reference}" in text
    assert "Casus 2 (anoniem)" in text
    assert discussed.anonymous.reference not in text
    assert "Zorgen over de huisvesting." in text
    assert "Route bevestigd" in text
    assert "Advies: Overweeg VoorZorg." in text
    assert "Aanwezig: Voorzitter Testpersoon" in text
    assert "Afwezig:" in text


def test_a_stale_version_is_refused(discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    minutes_save(
        actor=discussed.chair,
        meeting_pk=meeting.pk,
        minutes="Eerste",
        expected_version=meeting.version,
    )
    with pytest.raises(ValidationError) as error:
        minutes_save(
            actor=discussed.chair,
            meeting_pk=meeting.pk,
            minutes="Tweede",
            expected_version=meeting.version,
        )
    assert error.value.code == "stale"
    assert MdoMeeting.objects.get(pk=meeting.pk).minutes == "Eerste\n"


def test_the_conflict_page_shows_both_versions(discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    minutes_save(
        actor=discussed.chair,
        meeting_pk=meeting.pk,
        minutes="Opgeslagen tekst",
        expected_version=meeting.version,
    )
    client = logged_in_client(discussed.chair)
    response = client.post(
        reverse("mdo:minutes", args=[meeting.pk]),
        {"minutes": "Mijn tekst", "version": meeting.version},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Opgeslagen tekst" in html
    assert "Mijn tekst" in html


def test_finalising_marks_held_and_final_and_freezes_the_meeting(discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    meeting = minutes_generate(
        actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version
    )
    meeting = minutes_finalise(
        actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version
    )
    assert meeting.status == MeetingStatus.FINAL
    assert meeting.finalised_by == discussed.chair
    with pytest.raises(ValidationError):
        minutes_save(
            actor=discussed.chair,
            meeting_pk=meeting.pk,
            minutes="Anders",
            expected_version=meeting.version,
        )


def test_finalising_needs_minutes(discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    with pytest.raises(ValidationError) as error:
        minutes_finalise(
            actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version
        )
    assert "minutes" in error.value.message_dict


def test_finalising_with_a_stale_version_is_refused(discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    minutes_generate(actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version)
    with pytest.raises(ValidationError) as error:
        minutes_finalise(
            actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version
        )
    assert error.value.code == "stale"


def test_the_pages_generate_and_finalise(discussed):
    client = logged_in_client(discussed.chair)
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    response = client.post(
        reverse("mdo:minutes_generate", args=[meeting.pk]), {"version": meeting.version}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert "Casus 2 (anoniem)" in meeting.minutes
    page = client.get(reverse("mdo:minutes", args=[meeting.pk]))
    assert 'data-testid="minutes-finalise-link"' in page.content.decode()
    assert client.get(reverse("mdo:minutes_finalise", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("mdo:minutes_finalise", args=[meeting.pk]), {"version": meeting.version}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.FINAL


def test_participants_read_the_minutes_but_do_not_write(cast, discussed):
    meeting = MdoMeeting.objects.get(pk=discussed.meeting.pk)
    minutes_generate(actor=discussed.chair, meeting_pk=meeting.pk, expected_version=meeting.version)
    client = logged_in_client(cast.outsider)
    page = client.get(reverse("mdo:minutes", args=[meeting.pk]))
    assert page.status_code == 200
    assert 'data-testid="minutes-text"' in page.content.decode()
    assert (
        client.post(
            reverse("mdo:minutes", args=[meeting.pk]), {"minutes": "x", "version": 9}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("mdo:minutes_generate", args=[meeting.pk]), {"version": 9}).status_code
        == 403
    )
