"""A participant of a published MDO meeting may read the file of a family on its agenda by
name, read-only, until the series' days after the meeting; never an anonymous item's file,
never after the window, and no longer from the moment the consent is withdrawn."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import ConsentPurpose
from kansrijk.families.services import consent_withdraw
from kansrijk.mdo import services
from kansrijk.mdo.grounds import MDO_PARTICIPANT
from kansrijk.mdo.models import MeetingStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cast):
    """A meeting in 7 days with a named and an anonymous family, agenda published."""
    named, anonymous = make_family(cast), make_family(cast)
    consent_to_named_discussion(cast, named)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, named, meeting)
    submit(cast, anonymous, meeting)
    meeting = services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return meeting, named, anonymous


def file_status(client, family) -> int:
    return client.get(reverse("families:detail", args=[family.pk])).status_code


def test_a_participant_reads_a_named_items_file_logged_on_the_mdo_ground(cast, published):
    meeting, named, _anonymous = published
    client = logged_in_client(cast.outsider)
    assert file_status(client, named) == 200
    event = AccessEvent.objects.filter(user=cast.outsider, family=named).latest("timestamp")
    assert event.ground == MDO_PARTICIPANT
    assert event.consent is True
    assert event.treatment_relationship is False
    assert meeting.series.name in event.ground_detail


def test_an_anonymous_item_opens_nothing(cast, published):
    _meeting, _named, anonymous = published
    assert file_status(logged_in_client(cast.outsider), anonymous) == 404


def test_someone_not_taking_part_sees_nothing(cast, published):
    _meeting, named, _anonymous = published
    assert file_status(logged_in_client(cast.other_coalition_professional), named) == 404


def test_the_ground_is_read_only(cast, published):
    _meeting, named, _anonymous = published
    client = logged_in_client(cast.outsider)
    response = client.post(
        reverse("families:edit", args=[named.pk]), {"reference": "ANDERS", "version": 1}
    )
    assert response.status_code == 404
    named.refresh_from_db()
    assert named.reference != "ANDERS"


def test_access_ends_by_itself_after_the_window(cast, published):
    meeting, named, _anonymous = published
    last_day = timezone.localtime(meeting.starts_at) + timedelta(days=meeting.series.access_days)
    with time_machine.travel(last_day.replace(hour=23, minute=0)):
        assert file_status(logged_in_client(cast.outsider), named) == 200
    with time_machine.travel(last_day + timedelta(days=1, hours=1)):
        client = logged_in_client(cast.outsider)
        assert file_status(client, named) == 404


def test_withdrawn_consent_ends_access_at_once(cast, published):
    _meeting, named, _anonymous = published
    client = logged_in_client(cast.outsider)
    assert file_status(client, named) == 200
    consent_withdraw(actor=cast.case_director, family_pk=named.pk, purpose=ConsentPurpose.MDO_NAMED)
    assert file_status(client, named) == 404


def test_before_publication_there_is_no_access(cast):
    named = make_family(cast)
    consent_to_named_discussion(cast, named)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, named, meeting)
    assert file_status(logged_in_client(cast.outsider), named) == 404
