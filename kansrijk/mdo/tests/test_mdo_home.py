"""The MDO area: a professional sees the meetings and series they take part in, a
coordinator all series of the coalition; empty states say what to do; the menu shows "MDO"
only to professionals and coordinators."""

import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

pytestmark = pytest.mark.django_db


def home(actor):
    return logged_in_client(actor).get(reverse("mdo:home"))


def test_a_participant_sees_upcoming_meetings_and_series(cast):
    series = make_series(cast, default_video_link="https://video.example.org/mdo")
    meeting = plan_meeting(cast, series)
    submit(cast, make_family(cast), meeting)
    html = home(cast.outsider).content.decode()
    assert html.count('data-testid="meeting-row"') == 1
    assert reverse("mdo:meeting", args=[meeting.pk]) in html
    assert "Wijkcentrum" in html
    assert "https://video.example.org/mdo" in html
    assert "Concept-agenda" in html
    assert reverse("mdo:series", args=[series.pk]) in html
    assert "Nieuwe MDO-reeks" not in html


def test_a_professional_outside_every_mdo_gets_empty_states(cast):
    make_series(cast)
    html = home(cast.case_director).content.decode()
    assert "Je neemt geen deel aan een gepland overleg." in html
    assert "Je bent geen vaste deelnemer van een MDO." in html


def test_a_coordinator_sees_all_series_and_the_new_series_button(cast):
    empty = home(cast.coordinator).content.decode()
    assert "De coalitie heeft nog geen MDO." in empty
    assert reverse("mdo:series_add") in empty
    series = make_series(cast)
    plan_meeting(cast, series)
    html = home(cast.coordinator).content.decode()
    assert html.count('data-testid="series-row"') == 1
    assert html.count('data-testid="meeting-row"') == 1
    assert "Mijn komende overleggen" not in html  # no professional role


@pytest.mark.parametrize("actor", ["analyst", "administrator"])
def test_analysts_and_administrators_get_nothing(cast, actor):
    assert home(getattr(cast, actor)).status_code == 403
    start = logged_in_client(getattr(cast, actor)).get("/").content.decode()
    assert 'href="/mdo/"' not in start


@pytest.mark.parametrize("actor", ["case_director", "coordinator"])
def test_the_menu_shows_mdo(cast, actor):
    start = logged_in_client(getattr(cast, actor)).get("/").content.decode()
    assert 'href="/mdo/"' in start
