"""Meeting mode: the agenda as a big list, one page per item, decisions recorded from it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.mdo.grounds import MDO_PARTICIPANT
from kansrijk.mdo.models import DecisionKind, ItemStatus
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


def test_the_agenda_in_meeting_mode(cast, held):
    response = logged_in_client(held.chair).get(reverse("mdo:discuss", args=[held.meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="discuss-item"') == 2
    assert held.named.reference in html
    assert held.anonymous.reference not in html


@pytest.mark.parametrize("actor", ["care_team_member", "case_director", "analyst", "administrator"])
def test_who_is_not_taking_part_gets_nothing(cast, held, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(reverse("mdo:discuss", args=[held.meeting.pk])).status_code == 403
    url = reverse("mdo:item", args=[held.meeting.pk, held.named_item.pk])
    assert client.get(url).status_code == 403


def test_a_named_item_shows_the_family_to_a_participant_with_access_logged(cast, held):
    client = logged_in_client(cast.outsider)
    response = client.get(reverse("mdo:item", args=[held.meeting.pk, held.named_item.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="item-details"' in html
    assert 'data-testid="item-care-team"' in html
    assert 'data-testid="panel-chain-signals"' in html
    assert 'data-testid="decision-form"' not in html  # participants read
    event = AccessEvent.objects.filter(user=cast.outsider, family=held.named).latest("timestamp")
    assert event.ground == MDO_PARTICIPANT
    assert event.action == AccessEvent.Action.READ


def test_an_anonymous_item_shows_only_the_summary(cast, held):
    client = logged_in_client(cast.outsider)
    response = client.get(reverse("mdo:item", args=[held.meeting.pk, held.anonymous_item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert held.anonymous.reference not in html
    assert 'data-testid="item-details"' not in html
    assert 'data-testid="item-anonymous-note"' in html
    assert not AccessEvent.objects.filter(user=cast.outsider, family=held.anonymous).exists()


def test_a_coordinator_manages_but_sees_named_families_only_on_a_ground(cast, held):
    client = logged_in_client(cast.coordinator)
    response = client.get(reverse("mdo:item", args=[held.meeting.pk, held.named_item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert held.named.reference not in html
    assert 'data-testid="item-no-access"' in html
    assert 'data-testid="decision-form"' in html


def test_the_chair_records_a_task_from_the_item_page(cast, held):
    client = logged_in_client(held.chair)
    url = reverse("mdo:decision_add", args=[held.meeting.pk, held.named_item.pk])
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(
        url,
        {
            "kind": DecisionKind.TASK,
            "text": "Huisbezoek plannen",
            "professional": "teamlid",
            "due_date": due,
        },
    )
    assert response.status_code == 302
    decision = held.named_item.decisions.get()
    assert decision.task.owner == cast.care_team_member
    page = client.get(reverse("mdo:item", args=[held.meeting.pk, held.named_item.pk]))
    assert "Huisbezoek plannen" in page.content.decode()


def test_bad_input_keeps_the_input_with_dutch_errors(cast, held):
    client = logged_in_client(held.chair)
    url = reverse("mdo:decision_add", args=[held.meeting.pk, held.named_item.pk])
    response = client.post(url, {"kind": DecisionKind.TASK, "text": "Bellen met de huisarts"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies wie de taak uitvoert" in html
    assert "Kies de datum waarop de taak klaar moet zijn" in html
    assert "Bellen met de huisarts" in html
    assert not held.named_item.decisions.exists()


def test_an_anonymous_item_offers_only_advice_and_review(cast, held):
    client = logged_in_client(held.chair)
    response = client.get(reverse("mdo:item", args=[held.meeting.pk, held.anonymous_item.pk]))
    html = response.content.decode()
    assert 'value="advice"' in html
    assert 'value="review"' in html
    assert 'value="case_director"' not in html
    url = reverse("mdo:decision_add", args=[held.meeting.pk, held.anonymous_item.pk])
    response = client.post(url, {"kind": DecisionKind.CASE_DIRECTOR})
    assert response.status_code == 400
    assert not held.anonymous_item.decisions.exists()


def test_a_participant_cannot_post(cast, held):
    client = logged_in_client(cast.outsider)
    url = reverse("mdo:decision_add", args=[held.meeting.pk, held.named_item.pk])
    assert client.post(url, {"kind": "advice", "text": "x"}).status_code == 403
    url = reverse("mdo:item_discussion", args=[held.meeting.pk, held.named_item.pk])
    assert client.post(url, {"discussion": "x", "version": 1}).status_code == 403


def test_the_discussion_is_saved_from_the_item_page(held):
    client = logged_in_client(held.chair)
    held.named_item.refresh_from_db()
    url = reverse("mdo:item_discussion", args=[held.meeting.pk, held.named_item.pk])
    response = client.post(
        url, {"discussion": "Zorgen over huisvesting.", "version": held.named_item.version}
    )
    assert response.status_code == 302
    held.named_item.refresh_from_db()
    assert held.named_item.status == ItemStatus.DISCUSSED
    stale = client.post(url, {"discussion": "Andere tekst", "version": 1})
    assert stale.status_code == 400
    assert "Iemand anders" in stale.content.decode()


def test_attendance_is_recorded_by_a_manager(cast, held):
    client = logged_in_client(held.chair)
    url = reverse("mdo:attendance", args=[held.meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"present": [held.chair.pk, cast.outsider.pk]})
    assert response.status_code == 302
    attended = dict(held.meeting.participants.values_list("professional_id", "attended"))
    assert attended[held.chair.pk]
    assert attended[cast.outsider.pk]
    reader = logged_in_client(cast.outsider)
    assert reader.get(url).status_code == 200
    assert reader.post(url, {"present": []}).status_code == 403
