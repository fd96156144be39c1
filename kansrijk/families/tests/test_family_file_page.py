"""The family file: what the care team sees, and that nobody else sees anything."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.services import person_add, pregnancy_add
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import consent_to_care_team

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)
FAMILY_PAGES = ["detail", "edit", "history", "close", "reopen"]
OFF_THE_TEAM = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def full_family(cast, cast_family):
    person_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={
            "role": "client",
            "first_name": "Samira",
            "last_name": "El Amrani",
            "date_of_birth": date(1996, 4, 12),
            "bsn": "111222333",
            "phone": "06 11111111",
        },
    )
    pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": TODAY + timedelta(days=280 - 20 * 7 - 3), "gravidity": 2, "parity": 1},
    )
    consent_to_care_team(cast, cast_family)
    return cast_family


@pytest.mark.parametrize("actor", ["case_director", "care_team_member"])
def test_the_care_team_sees_the_whole_file(cast, full_family, actor):
    response = logged_in_client(getattr(cast, actor)).get(
        reverse("families:detail", args=[full_family.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert full_family.reference in page
    assert "Zwangerschap, 2e trimester (20+3 weken)" in page
    assert "Samira El Amrani" in page
    assert "*****2333" in page
    assert "111222333" not in page
    assert "G2 P1" in page
    # The care team with organisation, discipline, role and a phone link.
    assert "Verloskundigen Eerstedorp" in page
    assert "JGZ Eerstedorp" in page
    assert "jeugdverpleegkundige" in page
    assert 'href="tel:0612345678"' in page
    # Consent per purpose.
    assert "Gegevens delen binnen het zorgteam" in page
    assert "Meetellen in de monitoring" in page
    assert "Niet vastgelegd" in page
    assert "Moeder heeft een steunend netwerk." in page
    assert "Open" in page


def test_reading_the_file_writes_one_read_event(cast, full_family):
    before = AccessEvent.objects.count()
    logged_in_client(cast.care_team_member).get(reverse("families:detail", args=[full_family.pk]))
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.family_id, event.user, event.ground) == (
        "R",
        full_family.pk,
        cast.care_team_member,
        "care_team",
    )
    assert event.consent is True


def test_links_to_pages_of_other_parts_appear_once_they_exist(cast, full_family):
    page = (
        logged_in_client(cast.case_director)
        .get(reverse("families:detail", args=[full_family.pk]))
        .content.decode()
    )
    assert reverse("families:edit", args=[full_family.pk]) in page
    assert reverse("families:history", args=[full_family.pk]) in page
    assert reverse("families:close", args=[full_family.pk]) in page
    for name in (
        "families:person_add",
        "families:pregnancy_add",
        "families:consent",
        "families:care_team",
        "families:timeline",
        "access:family_access_report",
    ):
        try:
            url = reverse(name, args=[full_family.pk])
        except NoReverseMatch:  # that page has not landed yet
            continue
        assert url in page


@pytest.mark.parametrize("actor", OFF_THE_TEAM)
@pytest.mark.parametrize("name", FAMILY_PAGES)
def test_everyone_off_the_care_team_gets_not_found(cast, cast_family, actor, name):
    response = logged_in_client(getattr(cast, actor)).get(
        reverse(f"families:{name}", args=[cast_family.pk])
    )
    assert response.status_code == 404
    assert "Niet gevonden of geen toegang" in response.content.decode()


def test_a_refused_look_is_logged_as_refused(cast, cast_family):
    logged_in_client(cast.outsider).get(reverse("families:detail", args=[cast_family.pk]))
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.user, event.family_id, event.authorisation) == (
        cast.outsider,
        cast_family.pk,
        False,
    )


def test_a_family_that_does_not_exist_looks_the_same(cast):
    response = logged_in_client(cast.case_director).get(reverse("families:detail", args=[99999]))
    assert response.status_code == 404
    assert "Niet gevonden of geen toegang" in response.content.decode()
