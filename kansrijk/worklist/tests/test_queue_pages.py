"""/werkvoorraad/: a professional sees the signals of their own families with why and what to
do; a coordinator sees the coalition's signals with the minimum (no names, no link into the
file, which stays closed to them); filtering, sorting, paging and the empty state."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import BreakTheGlass
from kansrijk.families.services import family_create, person_add
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

from .builders import born_on, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
DAY = date(2027, 3, 14)  # the START families lack consent for 11 days; the child is 11 days old
QUEUE = "/werkvoorraad/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def families(cast, clock):
    """On START: one family without consent (with a named client), one with a newborn."""
    without_consent = make_family(cast)
    person_add(
        actor=cast.case_director,
        family_pk=without_consent.pk,
        data={"role": "client", "first_name": "Fenna", "last_name": "Zwartveld"},
    )
    newborn = family_with_consent(cast)
    born_on(cast, newborn, START, today=START)
    clock.move_to(DAY)
    return without_consent, newborn


def test_the_queue_is_routed_at_werkvoorraad():
    assert reverse("worklist:queue") == QUEUE


def test_a_professional_sees_why_and_what_to_do_for_their_own_families(cast, families):
    without_consent, newborn = families
    content = logged_in_client(cast.case_director).get(QUEUE).content.decode()
    assert without_consent.reference in content
    assert "Toestemming zorgteam ontbreekt" in content
    assert "er is geen toestemming vastgelegd voor gegevensdeling binnen het zorgteam" in content
    assert reverse("families:consent", args=[without_consent.pk]) in content
    assert "In het gat zonder JGZ-contact" in content
    assert reverse("worklist:plan_jgz_contact", args=[newborn.pk]) in content
    assert reverse("families:detail", args=[newborn.pk]) in content


def test_the_care_team_member_sees_the_same_families(cast, families):
    without_consent, newborn = families
    content = logged_in_client(cast.care_team_member).get(QUEUE).content.decode()
    assert without_consent.reference in content
    assert newborn.reference in content


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional"])
def test_a_professional_off_the_care_team_sees_none_of_them(cast, families, actor):
    response = logged_in_client(getattr(cast, actor)).get(QUEUE)
    content = response.content.decode()
    assert response.status_code == 200
    for family in families:
        assert family.reference not in content
    assert "Niets gevallen tussen wal en schip" in content


def test_break_the_glass_does_not_make_a_family_ones_own(cast, families):
    without_consent, _newborn = families
    BreakTheGlass.objects.create(
        user=cast.outsider,
        family=without_consent,
        coalition=cast.coalition,
        reason="acute_care",
        explanation="Acute situatie.",
        expires_at=timezone.now() + timedelta(hours=2),
    )
    content = logged_in_client(cast.outsider).get(QUEUE).content.decode()
    # (The banner of the running emergency access names the family; the queue does not.)
    assert f"signal-consent_missing-{without_consent.reference}" not in content
    assert "Niets gevallen tussen wal en schip" in content


def test_the_coordinator_sees_the_coalitions_signals_without_names(cast, families):
    without_consent, newborn = families
    response = logged_in_client(cast.coordinator).get(QUEUE)
    content = response.content.decode()
    assert response.status_code == 200
    assert without_consent.reference in content
    assert newborn.reference in content
    assert "Tussen kraamzorg en JGZ" in content  # the phase
    assert "Verloskundigen Eerstedorp" in content  # the responsible organisation
    assert "Fenna" not in content
    assert "Zwartveld" not in content
    assert "Testkind" not in content
    # No link into a file, and no action on it.
    assert reverse("families:detail", args=[without_consent.pk]) not in content
    assert reverse("worklist:plan_jgz_contact", args=[newborn.pk]) not in content
    main = content.split("<main", 1)[1].split("</main>", 1)[0]
    assert "/gezinnen/" not in main


def test_the_family_file_stays_closed_to_the_coordinator(cast, families):
    without_consent, _newborn = families
    client = logged_in_client(cast.coordinator)
    assert client.get(reverse("families:detail", args=[without_consent.pk])).status_code == 404


def test_the_coordinator_sees_nothing_of_another_coalition(cast, clock):
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data={"postcode": "1234 AB", "insurance_kind": "basis"},
    )
    clock.move_to(DAY)
    content = logged_in_client(cast.coordinator).get(QUEUE).content.decode()
    assert other.reference not in content


@pytest.mark.parametrize("actor", ["analyst", "administrator"])
def test_analysts_and_administrators_have_no_work_queue(cast, actor):
    assert logged_in_client(getattr(cast, actor)).get(QUEUE).status_code == 403


def test_filter_by_rule(cast, families):
    without_consent, newborn = families
    client = logged_in_client(cast.case_director)
    content = client.get(QUEUE, {"regel": "consent_missing"}).content.decode()
    assert without_consent.reference in content
    assert newborn.reference not in content
    content = client.get(QUEUE, {"regel": "aftercare_missing"}).content.decode()
    assert "Niets gevallen tussen wal en schip" in content


def test_sorting_by_age(cast, clock):
    with time_machine.travel(START, tick=False):
        older = make_family(cast)
    with time_machine.travel(START + timedelta(days=3), tick=False):
        newer = make_family(cast)
    with time_machine.travel(DAY, tick=False):
        client = logged_in_client(cast.case_director)
        oldest_first = client.get(QUEUE, {"volgorde": "oudste"}).content.decode()
        newest_first = client.get(QUEUE, {"volgorde": "nieuwste"}).content.decode()
    assert oldest_first.index(older.reference) < oldest_first.index(newer.reference)
    assert newest_first.index(newer.reference) < newest_first.index(older.reference)


def test_pages_of_25(cast, clock):
    references = [make_family(cast).reference for _ in range(27)]
    clock.move_to(DAY)
    client = logged_in_client(cast.case_director)
    first = client.get(QUEUE).content.decode()
    second = client.get(QUEUE, {"pagina": 2}).content.decode()
    assert "Pagina 1 van 2" in first
    assert sum(reference in first for reference in references) == 25
    assert sum(reference in second for reference in references) == 2


def test_empty_queue(cast):
    content = logged_in_client(cast.case_director).get(QUEUE).content.decode()
    assert "Niets gevallen tussen wal en schip" in content
