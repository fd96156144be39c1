"""Opening a family file from the page: family, client and current pregnancy in one go."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import CareTeamMember, Family, Person, Pregnancy
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def form_data(cast, **overrides) -> dict:
    data = {
        "municipality": Municipality.objects.get(coalition=cast.coalition).pk,
        "postcode": "1234ab",
        "main_language": "Arabisch",
        "interpreter_needed": "on",
        "interpreter_language": "Arabisch",
        "health_insurer": "Zorgverzekeraar Noord",
        "insurance_kind": "gemeentepolis",
        "low_income": "on",
        "strengths": "Grote zus helpt mee.",
        "role_in_family": "verloskundige",
        "first_name": "Samira",
        "last_name": "El Amrani",
        "date_of_birth": "1996-04-12",
        "bsn": "111222333",
        "phone": "06 12345678",
        "email": "samira@example.invalid",
        "preferred_contact": "phone",
        "due_date": (TODAY + timedelta(weeks=20)).isoformat(),
        "gravidity": "2",
        "parity": "1",
        "entered_care_on": (TODAY - timedelta(weeks=8)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_professional_opens_a_file_with_client_and_pregnancy(cast):
    client = logged_in_client(cast.outsider)
    assert client.get(reverse("families:create")).status_code == 200
    response = client.post(reverse("families:create"), form_data(cast))
    family = Family.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("families:detail", args=[family.pk])
    assert (family.postcode, family.interpreter_language, family.low_income) == (
        "1234 AB",
        "Arabisch",
        True,
    )
    person = Person.objects.get(family=family)
    assert (person.role, person.first_name, person.bsn) == ("client", "Samira", "111222333")
    pregnancy = Pregnancy.objects.get(family=family)
    assert pregnancy.due_date == TODAY + timedelta(weeks=20)
    member = CareTeamMember.objects.get(family=family)
    assert (member.professional, member.role_in_family) == (cast.outsider, "verloskundige")
    page = client.get(response["Location"]).content.decode()
    assert "Zwangerschap, 2e trimester (20+0 weken)" in page
    assert "*****2333" in page
    assert "111222333" not in page


def test_the_pregnancy_is_optional(cast):
    data = form_data(cast, due_date="", gravidity="", parity="", entered_care_on="")
    response = logged_in_client(cast.case_director).post(reverse("families:create"), data)
    assert response.status_code == 302
    assert not Pregnancy.objects.exists()
    assert Person.objects.count() == 1


def test_opening_a_file_logs_who_created_what(cast):
    client = logged_in_client(cast.case_director)
    response = client.post(reverse("families:create"), form_data(cast))
    family = Family.objects.get()
    events = AccessEvent.objects.filter(family=family).order_by("pk")
    # One "create" each for the file, the client and the pregnancy.
    assert [event.action for event in events] == ["C", "C", "C"]
    assert all(event.user == cast.case_director for event in events)
    client.get(response["Location"])
    assert AccessEvent.objects.filter(family=family).order_by("-pk").first().action == "R"


def test_a_due_date_more_than_44_weeks_ahead_is_refused_next_to_the_field(cast):
    data = form_data(cast, due_date=(TODAY + timedelta(weeks=60)).isoformat(), entered_care_on="")
    response = logged_in_client(cast.case_director).post(reverse("families:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "De à terme datum ligt meer dan 44 weken na 2 juni 2025" in page
    assert 'aria-invalid="true"' in page
    # The input stays in the form.
    assert 'value="Samira"' in page
    assert 'value="1234ab"' in page or 'value="1234 AB"' in page
    assert not Family.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": ""}, "Vul de voornaam van de cliënt in."),
        ({"postcode": "12345"}, "Vul een Nederlandse postcode in"),
        ({"bsn": "123456789"}, "Dit is geen geldig burgerservicenummer"),
        ({"interpreter_language": ""}, "Vul in voor welke taal een tolk nodig is."),
        ({"date_of_birth": "2030-01-01"}, "Een geboortedatum kan niet in de toekomst liggen."),
        ({"gravidity": "1", "parity": "1"}, "De pariteit is kleiner dan de graviditeit."),
        ({"due_date": "", "gravidity": "2"}, "Vul de à terme datum in"),
        ({"municipality": ""}, "Kies de gemeente waar het gezin woont."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_nothing_is_saved(cast, overrides, message):
    data = form_data(cast, **overrides)
    response = logged_in_client(cast.case_director).post(reverse("families:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Het dossier is nog niet aangemaakt" in page
    assert not Family.objects.exists()
    assert not Person.objects.exists()


def test_a_municipality_of_another_coalition_cannot_be_chosen(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    data = form_data(cast, municipality=other.pk)
    response = logged_in_client(cast.case_director).post(reverse("families:create"), data)
    assert response.status_code == 200
    assert not Family.objects.exists()


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_roles_without_the_professional_role_cannot_open_a_file(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(reverse("families:create")).status_code == 403
    assert client.post(reverse("families:create"), form_data(cast)).status_code == 403
    assert not Family.objects.exists()
