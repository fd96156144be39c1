"""A coordinator sets up an MDO series, changes it and manages its standing participants
from the pages; nobody else can, and bad input gets a Dutch error next to the field."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.mdo.models import MdoSeries, ParticipantRole, SeriesParticipant
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import make_series

pytestmark = pytest.mark.django_db

SERIES_DATA = {
    "name": "MDO Zwangeren Eerstedorp",
    "description": "Maandelijks overleg over zwangeren in een kwetsbare situatie.",
    "recurrence": "monthly",
    "default_place": "Wijkcentrum De Brug",
    "default_video_link": "https://video.example.org/mdo",
    "access_days": "14",
    "is_active": "on",
}


def test_a_coordinator_creates_a_series_for_the_coalition_and_a_served_coalition(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:series_add"),
        {**SERIES_DATA, "served_coalitions": [cast.other_coalition.pk]},
    )
    series = MdoSeries.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mdo:series", args=[series.pk])
    assert series.coalition == cast.coalition
    assert list(series.served_coalitions.all()) == [cast.other_coalition]
    assert series.default_place == "Wijkcentrum De Brug"
    assert AuditEvent.objects.filter(summary__contains="MDO-reeks").exists()
    page = client.get(response["Location"]).content.decode()
    assert "MDO Zwangeren Eerstedorp" in page
    assert "Kansrijke Start Tweededorp" in page


def test_a_nameless_series_is_refused_with_the_input_kept(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:series_add"), {**SERIES_DATA, "name": "", "access_days": "90"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef het MDO een naam." in html
    assert "Kies een aantal dagen tussen 0 en 60." in html
    assert "Wijkcentrum De Brug" in html
    assert not MdoSeries.objects.exists()


def test_a_coordinator_changes_the_series(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    form = client.get(reverse("mdo:series_edit", args=[series.pk]))
    assert form.status_code == 200
    assert series.name in form.content.decode()
    response = client.post(
        reverse("mdo:series_edit", args=[series.pk]),
        {**SERIES_DATA, "name": "MDO Eerstedorp en omgeving", "recurrence": "bimonthly"},
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.name == "MDO Eerstedorp en omgeving"
    assert series.recurrence == "bimonthly"


@pytest.mark.parametrize("actor", ["case_director", "outsider", "analyst", "administrator"])
def test_only_a_coordinator_sets_up_a_series(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(reverse("mdo:series_add")).status_code == 403
    assert client.post(reverse("mdo:series_add"), SERIES_DATA).status_code == 403
    assert not MdoSeries.objects.exists()


def test_a_standing_member_sees_the_series_but_cannot_change_it(cast):
    series = make_series(cast)
    client = logged_in_client(cast.outsider)
    page = client.get(reverse("mdo:series", args=[series.pk])).content.decode()
    assert "Buitenstaander" in page
    assert reverse("mdo:series_edit", args=[series.pk]) not in page
    assert reverse("mdo:meeting_add", args=[series.pk]) not in page
    assert client.post(reverse("mdo:series_edit", args=[series.pk]), SERIES_DATA).status_code == 403


def test_the_coordinator_adds_a_chair_and_a_second_chair_is_refused(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_add", args=[series.pk])
    form = client.get(url).content.decode()
    # No list of professionals: the name is typed (the professional picker, with
    # suggestions of the series' coalitions: test_participant_professional_picker.py).
    assert 'name="professional"' in form
    assert "Teamlid" not in form
    response = client.post(url, {"professional": "regisseur", "role": "chair"})
    assert response.status_code == 302
    assert series.participants.get(professional=cast.case_director).role == ParticipantRole.CHAIR
    response = client.post(url, {"professional": "teamlid", "role": "chair"})
    assert response.status_code == 400
    assert "Dit MDO heeft al een voorzitter." in response.content.decode()
    response = client.post(url, {"professional": "buitenstaander", "role": "member"})
    assert response.status_code == 400
    assert "Deze persoon is al deelnemer." in response.content.decode()


def test_someone_outside_the_series_coalitions_is_refused(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_add", args=[series.pk])
    membership = cast.other_coalition_professional.memberships.get()
    by_name = client.post(url, {"professional": "anderecoalitie", "role": "member"})
    by_id = client.post(url, {"professional_keuze": membership.pk, "role": "member"})
    assert by_name.status_code == by_id.status_code == 400
    assert (
        "Er is geen professional met deze naam in een coalitie van dit MDO."
        in by_name.content.decode()
    )
    assert "Kies een professional uit de lijst." in by_id.content.decode()
    assert not series.participants.filter(professional=cast.other_coalition_professional).exists()


def test_a_professional_of_a_served_coalition_can_join(cast):
    series = make_series(cast)
    series.served_coalitions.add(cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("mdo:series_participant_add", args=[series.pk]),
        {"professional": "anderecoalitie", "role": "member"},
    )
    assert response.status_code == 302
    assert series.participants.filter(professional=cast.other_coalition_professional).exists()


def test_removing_a_participant_asks_for_confirmation_first(cast):
    series = make_series(cast)
    participant = series.participants.get()
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_remove", args=[series.pk, participant.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, verwijderen" in confirm.content.decode()
    assert SeriesParticipant.objects.filter(pk=participant.pk).exists()
    assert client.post(url).status_code == 302
    assert not SeriesParticipant.objects.filter(pk=participant.pk).exists()


def test_a_participant_cannot_remove_others(cast):
    series = make_series(cast)
    participant = series.participants.get()
    client = logged_in_client(cast.outsider)
    url = reverse("mdo:series_participant_remove", args=[series.pk, participant.pk])
    assert client.post(url).status_code == 403
    assert SeriesParticipant.objects.filter(pk=participant.pk).exists()
