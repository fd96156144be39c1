"""The family file through the API: phase, persons (BSN masked), pregnancies, the care team
with how to reach each member, and the version to send back with a change."""

from datetime import date

import pytest
import time_machine

from kansrijk.families.models import Person, PersonRole, Pregnancy
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 10)
BSN = "111222333"  # passes the 11-proef; a well-known test number


@pytest.fixture(autouse=True)
def _frozen_today():
    # Autouse fixtures run first, so the cast and its care team are made on TODAY as well
    # (a membership that starts after "today" would give no access).
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def family_with_household(cast, cast_family):
    Person.objects.create(
        family=cast_family,
        coalition=cast.coalition,
        role=PersonRole.CLIENT,
        first_name="Sanne",
        last_name="de Boer",
        date_of_birth=date(1995, 4, 2),
        bsn=BSN,
        phone="06 90000001",
    )
    Person.objects.create(
        family=cast_family, coalition=cast.coalition, role=PersonRole.PARTNER, first_name="Tim"
    )
    # Gestational age on TODAY: 280 - (due - today) = 280 - 140 = 140 days = 20+0.
    Pregnancy.objects.create(
        family=cast_family,
        coalition=cast.coalition,
        due_date=date(2025, 7, 28),
        gravidity=2,
        parity=1,
        entered_care_on=date(2025, 1, 6),
    )
    return cast_family


def test_the_file_shows_phase_persons_pregnancies_and_care_team(cast, family_with_household):
    family = family_with_household
    data = logged_in_client(cast.care_team_member).get(f"/api/v1/families/{family.pk}/").json()

    assert data["reference"] == family.reference
    assert data["municipality"]["name"] == "Eerstedorp"
    assert data["version"] == 1
    assert data["phase"] == {
        "code": "trimester_2",
        "label": "Zwangerschap, 2e trimester",
        "gestational_age": "20+0",
        "gestational_age_days": 140,
        "child_age_days": None,
    }
    assert data["due_date"] == "2025-07-28"
    assert [p["gravidity"] for p in data["pregnancies"]] == [2]
    assert {p["first_name"]: p["role"] for p in data["persons"]} == {
        "Sanne": "client",
        "Tim": "partner",
    }
    team = {m["username"]: m for m in data["care_team"]}
    assert set(team) == {"regisseur", "teamlid"}
    assert team["regisseur"]["organisation"] == "Verloskundigen Eerstedorp"
    assert team["regisseur"]["discipline"] == "verloskundige"
    assert team["regisseur"]["role_in_family"] == "casusregisseur"
    assert team["teamlid"]["discipline_display"] == "Jeugdverpleegkundige"
    assert team["teamlid"]["phone"] == "06 12345678"


def test_the_bsn_is_never_shown_in_full(cast, family_with_household):
    client = logged_in_client(cast.case_director)
    response = client.get(f"/api/v1/families/{family_with_household.pk}/")
    client_person = next(p for p in response.json()["persons"] if p["role"] == "client")
    assert client_person["bsn_masked"] == "*****2333"
    assert "bsn" not in client_person
    assert BSN not in response.content.decode()
    listed = client.get("/api/v1/families/")
    assert BSN not in listed.content.decode()


def test_the_list_shows_phase_and_due_date_per_family(cast, family_with_household):
    [row] = logged_in_client(cast.case_director).get("/api/v1/families/").json()["results"]
    assert row["phase"]["code"] == "trimester_2"
    assert row["phase"]["gestational_age"] == "20+0"
    assert row["due_date"] == "2025-07-28"
    assert row["municipality"]["name"] == "Eerstedorp"
    assert row["reference"] == family_with_household.reference


def test_after_the_birth_the_phase_gives_the_childs_age(cast, family_with_household):
    Pregnancy.objects.filter(family=family_with_household).update(
        birth_date=date(2025, 3, 1), outcome="live_birth"
    )
    data = (
        logged_in_client(cast.case_director)
        .get(f"/api/v1/families/{family_with_household.pk}/")
        .json()
    )
    assert data["phase"]["code"] == "gap"
    assert data["phase"]["child_age_days"] == 9
    assert data["phase"]["gestational_age"] is None
    assert data["birth_date"] == "2025-03-01"


def test_a_family_without_a_pregnancy_is_in_preconception(cast, cast_family):
    data = logged_in_client(cast.case_director).get(f"/api/v1/families/{cast_family.pk}/").json()
    assert data["phase"]["code"] == "preconception"
    assert data["due_date"] is None
    assert data["persons"] == []
