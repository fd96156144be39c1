from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Person, TimelineEvent
from kansrijk.testing.actors import logged_in_client

VALID_BSN = "111222333"


def _post(cast, family, **data):
    client = logged_in_client(cast.care_team_member)
    form = {
        "role": "partner",
        "first_name": "Bram",
        "last_name": "de Vries",
        "date_of_birth": "1990-04-01",
        "bsn": "",
        "phone": "06 12345678",
        "email": "bram@example.nl",
        "preferred_contact": "phone",
        **data,
    }
    return client.post(reverse("families:person_add", args=[family.pk]), form)


def test_a_person_is_added_with_an_access_event_and_a_timeline_event(cast, cast_family):
    response = _post(cast, cast_family, bsn="1112.22.333")

    assert response.status_code == 302
    person = Person.objects.get(family=cast_family, first_name="Bram")
    assert person.bsn == VALID_BSN
    assert person.coalition == cast.coalition
    event = AccessEvent.objects.latest("id")
    assert (event.action, event.user, event.family) == ("C", cast.care_team_member, cast_family)
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert timeline.kind == "person_added"
    assert timeline.actor == cast.care_team_member
    assert timeline.summary == "Bram de Vries (Partner)"
    assert VALID_BSN not in str(timeline.changes) + timeline.summary


def test_an_invalid_bsn_gets_a_dutch_message_next_to_the_field_and_keeps_the_input(
    cast, cast_family
):
    response = _post(cast, cast_family, bsn="123456789")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["bsn"] == [
        "Dit is geen geldig burgerservicenummer (BSN): controleer de negen cijfers."
    ]
    html = response.content.decode()
    assert 'value="Bram"' in html
    assert 'aria-invalid="true"' in html
    assert not Person.objects.filter(first_name="Bram").exists()
    assert not TimelineEvent.objects.filter(kind="person_added").exists()


def test_a_missing_first_name_and_bad_phone_get_dutch_messages(cast, cast_family):
    response = _post(cast, cast_family, first_name="", phone="12")

    errors = response.context["form"].errors
    assert errors["first_name"] == ["Vul de voornaam in."]
    assert errors["phone"] == [
        "Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678."
    ]
    assert not Person.objects.filter(family=cast_family).exists()


def test_a_date_of_birth_in_the_future_is_refused(cast, cast_family):
    response = _post(cast, cast_family, date_of_birth="2999-01-01")

    assert response.context["form"].errors["date_of_birth"] == [
        "Een geboortedatum kan niet in de toekomst liggen."
    ]
    assert 'value="2999-01-01"' in response.content.decode()
