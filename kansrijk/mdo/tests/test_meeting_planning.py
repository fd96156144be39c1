"""Planning a meeting of a series and changing its date and place from the pages; a stale
form gets a conflict page with both values and loses nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.mdo import services
from kansrijk.mdo.models import MdoMeeting, ParticipantRole
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import make_series, plan_meeting

pytestmark = pytest.mark.django_db


def local(days: int, hour: int = 14) -> str:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_a_coordinator_plans_a_meeting_with_the_standing_participants(cast):
    series = make_series(cast, default_place="Wijkcentrum De Brug")
    client = logged_in_client(cast.coordinator)
    form = client.get(reverse("mdo:meeting_add", args=[series.pk])).content.decode()
    assert "Wijkcentrum De Brug" in form  # the series' default place, filled in
    response = client.post(
        reverse("mdo:meeting_add", args=[series.pk]),
        {"starts_at": local(10), "place": "", "video_link": ""},
    )
    meeting = MdoMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mdo:meeting", args=[meeting.pk])
    assert meeting.place == "Wijkcentrum De Brug"
    assert list(meeting.participants.values_list("professional", flat=True)) == [cast.outsider.pk]
    assert timezone.localtime(meeting.starts_at).hour == 14


def test_a_meeting_in_the_past_is_refused_with_the_input_kept(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:meeting_add", args=[series.pk]),
        {"starts_at": local(-3), "place": "Stadhuis"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een nieuw overleg kan niet in het verleden liggen." in html
    assert "Stadhuis" in html
    assert not MdoMeeting.objects.exists()


def test_a_date_that_is_no_date_gets_a_dutch_error(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse("mdo:meeting_add", args=[series.pk]), {"starts_at": "morgen"})
    assert response.status_code == 400
    assert "Vul een datum en tijd in" in response.content.decode()


def test_the_standing_chair_plans_but_a_member_does_not(cast):
    series = make_series(cast)
    services.series_participant_add(
        actor=cast.coordinator,
        series=series,
        professional=cast.case_director,
        role=ParticipantRole.CHAIR,
    )
    chair = logged_in_client(cast.case_director)
    response = chair.post(reverse("mdo:meeting_add", args=[series.pk]), {"starts_at": local(5)})
    assert response.status_code == 302
    member = logged_in_client(cast.outsider)
    assert member.get(reverse("mdo:meeting_add", args=[series.pk])).status_code == 403
    assert (
        member.post(
            reverse("mdo:meeting_add", args=[series.pk]), {"starts_at": local(6)}
        ).status_code
        == 403
    )
    assert MdoMeeting.objects.count() == 1


def test_a_manager_changes_date_and_place(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:meeting_edit", args=[meeting.pk]),
        {"starts_at": local(12, 10), "place": "Gemeentehuis", "version": meeting.version},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Gemeentehuis"
    assert timezone.localtime(meeting.starts_at).hour == 10
    assert meeting.version == 2


def test_a_stale_form_shows_both_values_and_keeps_the_input(cast):
    meeting = plan_meeting(cast, make_series(cast))
    stale_version = meeting.version
    # Someone else moved the meeting meanwhile.
    services.meeting_update(
        actor=cast.coordinator,
        meeting_pk=meeting.pk,
        data={"place": "Bibliotheek"},
        expected_version=stale_version,
    )
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:meeting_edit", args=[meeting.pk]),
        {"starts_at": local(9), "place": "Sporthal", "version": stale_version},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit overleg intussen gewijzigd" in html
    assert "Bibliotheek" in html  # the stored value
    assert 'value="Sporthal"' in html  # the user's input, in the form again
    assert 'name="version" value="2"' in html
    meeting.refresh_from_db()
    assert meeting.place == "Bibliotheek"
    # Saving again from the conflict page goes through.
    response = client.post(
        reverse("mdo:meeting_edit", args=[meeting.pk]),
        {"starts_at": local(9), "place": "Sporthal", "version": 2},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Sporthal"


def test_a_participant_cannot_change_the_meeting(cast):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.outsider)
    response = client.post(
        reverse("mdo:meeting_edit", args=[meeting.pk]),
        {"starts_at": local(9), "place": "Elders", "version": meeting.version},
    )
    assert response.status_code == 403
