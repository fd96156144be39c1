from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Person, TimelineEvent
from kansrijk.families.services import person_add
from kansrijk.testing.actors import logged_in_client

BSN = "111222333"
OTHER_BSN = "123456782"


def _person(cast, family):
    return person_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"role": "client", "first_name": "Anna", "last_name": "Jansen", "bsn": BSN},
    )


def _form(**data):
    return {
        "role": "client",
        "first_name": "Anna",
        "last_name": "Jansen",
        "date_of_birth": "",
        "bsn": "",
        "phone": "",
        "email": "",
        "preferred_contact": "",
        **data,
    }


def test_the_edit_page_shows_the_bsn_only_masked(cast, cast_family):
    person = _person(cast, cast_family)

    response = logged_in_client(cast.case_director).get(
        reverse("families:person_edit", args=[cast_family.pk, person.pk])
    )

    html = response.content.decode()
    assert BSN not in html
    assert "*****2333" in html
    event = AccessEvent.objects.latest("id")
    assert (event.action, event.persons) == ("R", [person.pk])


def test_an_edit_keeps_the_previous_values_in_the_timeline(cast, cast_family):
    person = _person(cast, cast_family)
    url = reverse("families:person_edit", args=[cast_family.pk, person.pk])

    response = logged_in_client(cast.care_team_member).post(
        url, _form(last_name="de Boer", phone="06 98765432")
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.phone, person.bsn) == ("de Boer", "06 98765432", BSN)
    event = TimelineEvent.objects.filter(kind="person_changed").get()
    assert event.changes == {"last_name": ["Jansen", "de Boer"], "phone": ["", "06 98765432"]}
    assert event.actor == cast.care_team_member
    assert AccessEvent.objects.latest("id").action == "U"


def test_a_new_bsn_is_logged_only_masked(cast, cast_family):
    person = _person(cast, cast_family)

    logged_in_client(cast.case_director).post(
        reverse("families:person_edit", args=[cast_family.pk, person.pk]), _form(bsn=OTHER_BSN)
    )

    person.refresh_from_db()
    assert person.bsn == OTHER_BSN
    event = TimelineEvent.objects.filter(kind="person_changed").get()
    assert event.changes == {"bsn": ["*****2333", "*****6782"]}
    assert BSN not in str(TimelineEvent.objects.values_list("summary", "changes"))


def test_the_bsn_is_removed_only_on_request(cast, cast_family):
    person = _person(cast, cast_family)

    logged_in_client(cast.case_director).post(
        reverse("families:person_edit", args=[cast_family.pk, person.pk]),
        _form(bsn_remove="on"),
    )

    person.refresh_from_db()
    assert person.bsn == ""


def test_an_invalid_edit_saves_nothing_and_keeps_the_input(cast, cast_family):
    person = _person(cast, cast_family)

    response = logged_in_client(cast.case_director).post(
        reverse("families:person_edit", args=[cast_family.pk, person.pk]),
        _form(last_name="de Boer", email="geen-adres"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    ]
    assert 'value="de Boer"' in response.content.decode()
    assert Person.objects.get(pk=person.pk).last_name == "Jansen"
    assert not TimelineEvent.objects.filter(kind="person_changed").exists()


def test_a_person_of_another_family_is_not_found(cast, cast_family):
    from kansrijk.testing.families import make_family

    other = make_family(cast)
    person = _person(cast, other)

    response = logged_in_client(cast.case_director).get(
        reverse("families:person_edit", args=[cast_family.pk, person.pk])
    )

    assert response.status_code == 404
