"""The chair (or a coordinator) orders the agenda, takes items off it with a reason after
confirming, and puts candidates on it: as urgent once the agenda is published. Guests are
invited for one meeting."""

import pytest
from django.urls import reverse

from kansrijk.mdo import services
from kansrijk.mdo.models import AgendaItem, ItemSource, ItemStatus, ParticipantRole
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

from .agenda_support import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(cast):
    """A draft meeting with three families on the agenda, in this order."""
    meeting = plan_meeting(cast, make_series(cast))
    items = [submit(cast, make_family(cast), meeting, f"Vraag {n}") for n in (1, 2, 3)]
    return meeting, items


def order(meeting) -> list[int]:
    return list(
        meeting.items.filter(status=ItemStatus.ON_AGENDA)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )


def candidate(meeting, family) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        family=family,
        coalition=family.coalition,
        source=ItemSource.ROUTE_3,
        status=ItemStatus.CANDIDATE,
        position=99,
    )


def move(client, meeting, item, direction):
    return client.post(
        reverse("mdo:agenda_item_move", args=[meeting.pk, item.pk]), {"richting": direction}
    )


def test_items_move_up_and_down(cast, agenda):
    meeting, (first, second, third) = agenda
    client = logged_in_client(cast.coordinator)
    assert move(client, meeting, third, "omhoog").status_code == 302
    assert order(meeting) == [first.pk, third.pk, second.pk]
    move(client, meeting, first, "omlaag")
    assert order(meeting) == [third.pk, first.pk, second.pk]
    move(client, meeting, third, "omhoog")  # already first: nothing changes
    assert order(meeting) == [third.pk, first.pk, second.pk]
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert page.index("Vraag 3") < page.index("Vraag 1") < page.index("Vraag 2")


def test_the_chair_orders_but_a_member_does_not(cast, agenda):
    meeting, (first, second, _third) = agenda
    services.meeting_participant_add(
        actor=cast.coordinator,
        meeting_pk=meeting.pk,
        professional=cast.case_director,
        role=ParticipantRole.CHAIR,
    )
    assert move(logged_in_client(cast.case_director), meeting, second, "omhoog").status_code == 302
    assert order(meeting)[0] == second.pk
    assert move(logged_in_client(cast.outsider), meeting, first, "omhoog").status_code == 403
    assert order(meeting)[0] == second.pk


def test_withdrawing_needs_a_reason_and_a_confirmation(cast, agenda):
    meeting, (first, _second, _third) = agenda
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:agenda_item_withdraw", args=[meeting.pk, first.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, van de agenda halen" in confirm.content.decode()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Geef een reden." in response.content.decode()
    first.refresh_from_db()
    assert first.status == ItemStatus.ON_AGENDA
    response = client.post(url, {"reason": "Al besproken in het zorgteam."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ItemStatus.WITHDRAWN
    assert first.withdrawn_reason == "Al besproken in het zorgteam."
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert "Reden: Al besproken in het zorgteam." in page
    assert page.count('data-testid="agenda-item"') == 2


def test_a_candidate_goes_on_a_draft_agenda_as_an_ordinary_item(cast, agenda):
    meeting, _items = agenda
    item = candidate(meeting, make_family(cast))
    client = logged_in_client(cast.coordinator)
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert page.count('data-testid="candidate"') == 1
    assert "Op de agenda zetten" in page
    response = client.post(reverse("mdo:agenda_item_schedule", args=[meeting.pk, item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_AGENDA
    assert item.urgent is False
    assert order(meeting)[-1] == item.pk


def test_after_publication_a_candidate_goes_on_as_urgent(cast, agenda):
    meeting, _items = agenda
    meeting = publish(cast, meeting)
    late = submit(cast, make_family(cast), meeting, "Acute zorgen, graag nog deze keer.")
    assert late.status == ItemStatus.CANDIDATE
    client = logged_in_client(cast.coordinator)
    page = client.get(reverse("mdo:meeting", args=[meeting.pk])).content.decode()
    assert "Als urgent op de agenda" in page
    response = client.post(
        reverse("mdo:agenda_item_schedule", args=[meeting.pk, late.pk]), follow=True
    )
    assert "Het gezin staat als urgent punt op de agenda." in response.content.decode()
    late.refresh_from_db()
    assert late.status == ItemStatus.ON_AGENDA
    assert late.urgent is True
    assert response.content.decode().count('data-testid="urgent"') == 1


def test_a_fixed_agenda_refuses_changes_with_a_message(cast, agenda):
    meeting, (first, _second, _third) = agenda
    meeting = publish(cast, meeting)
    services.meeting_transition(actor=cast.coordinator, meeting_pk=meeting.pk, to_status="held")
    client = logged_in_client(cast.coordinator)
    response = move(client, meeting, first, "omlaag")
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "De agenda van dit overleg ligt vast." in follow


def test_a_manager_invites_a_guest(cast, agenda):
    meeting, _items = agenda
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:meeting_participant_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    # The name is typed; suggestions leave out the participants (the outsider already).
    search = reverse("mdo:meeting_participant_search", args=[meeting.pk])
    assert f'data-professional-picker="{search}"' in form
    assert client.get(search, {"q": "buitenstaander"}).json() == {"results": []}
    response = client.post(url, {"professional": "teamlid", "role": "guest"})
    assert response.status_code == 302
    guest = meeting.participants.get(professional=cast.care_team_member)
    assert guest.role == ParticipantRole.GUEST
    response = client.post(url, {"professional": "teamlid", "role": "guest"})
    assert response.status_code == 400
    assert "Deze persoon is al deelnemer." in response.content.decode()
    # A guest sees the meeting page; a guest does not manage it.
    guest_client = logged_in_client(cast.care_team_member)
    assert guest_client.get(reverse("mdo:meeting", args=[meeting.pk])).status_code == 200
    assert guest_client.get(url).status_code == 403
