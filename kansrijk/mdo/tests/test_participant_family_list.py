"""During the access window a participant finds a named item's family in their families
list, marked as temporary access rather than as a care-team role; an anonymous item's
family never appears."""

import pytest
from django.urls import reverse

from kansrijk.mdo import services
from kansrijk.mdo.models import MeetingStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

pytestmark = pytest.mark.django_db


def test_a_named_family_is_listed_as_temporary_access(cast):
    named, anonymous = make_family(cast), make_family(cast)
    consent_to_named_discussion(cast, named)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, named, meeting)
    submit(cast, anonymous, meeting)
    services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )

    page = logged_in_client(cast.outsider).get(reverse("families:list")).content.decode()

    assert named.reference in page
    assert "Tijdelijke inzage (MDO of noodtoegang)" in page
    assert anonymous.reference not in page
