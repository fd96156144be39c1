"""The print version of the minutes: a named item's details only for who may see the
family, each family shown logged as a print."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.mdo.models import MdoMeeting
from kansrijk.mdo.services_decisions import minutes_generate
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


def _print(client, meeting):
    return client.get(reverse("mdo:minutes_print", args=[meeting.pk]))


def test_a_participant_with_access_gets_the_details_logged_as_a_print(cast, held):
    meeting = MdoMeeting.objects.get(pk=held.meeting.pk)
    minutes_generate(actor=held.chair, meeting_pk=meeting.pk, expected_version=meeting.version)
    response = _print(logged_in_client(cast.outsider), meeting)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="print-item-details"') == 1
    assert "Casus 2 (anoniem)" in html
    assert held.anonymous.reference not in html
    prints = AccessEvent.objects.filter(user=cast.outsider, action=AccessEvent.Action.PRINT)
    assert list(prints.values_list("family_id", flat=True)) == [held.named.pk]


def test_a_manager_without_access_gets_no_details_and_nothing_is_logged(cast, held):
    response = _print(logged_in_client(cast.coordinator), held.meeting)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="print-item-details"' not in html
    assert "met naam; geen toegang" in html
    assert not AccessEvent.objects.filter(
        user=cast.coordinator, action=AccessEvent.Action.PRINT
    ).exists()


def test_outsiders_of_the_meeting_get_nothing(cast, held):
    assert _print(logged_in_client(cast.care_team_member), held.meeting).status_code == 403
