"""The household through the API: the case director lists, adds and changes persons with the
same services as the pages. Bad input is a 400 problem with the pages' Dutch messages and
stores nothing; a closed file refuses changes; every write is in the access log and on the
timeline; the BSN is only ever shown masked."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Person, PersonRole, TimelineEvent, TimelineKind
from kansrijk.families.services import family_close
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action
VALID_BSN = "111222333"
OTHER_VALID_BSN = "123456782"


def _url(family, person=None) -> str:
    base = f"/api/v1/families/{family.pk}/persons/"
    return base if person is None else f"{base}{person.pk}/"


def _post(client, family, data):
    return client.post(_url(family), data, content_type="application/json")


def _patch(client, family, person, data):
    return client.patch(_url(family, person), data, content_type="application/json")


def _person(family, **fields) -> Person:
    values = {"role": PersonRole.CLIENT, "first_name": "Nadia", "last_name": "Bakker", **fields}
    return Person.objects.create(family=family, coalition_id=family.coalition_id, **values)


def test_the_case_director_adds_a_person_and_gets_it_back_without_the_bsn(cast, cast_family):
    client = logged_in_client(cast.case_director)

    response = _post(
        client,
        cast_family,
        {
            "role": "partner",
            "first_name": "Mohamed",
            "last_name": "El Amrani",
            "date_of_birth": "1992-04-11",
            "bsn": "1112.22.333",
            "phone": "06 12345678",
            "email": "mohamed@example.org",
            "preferred_contact": "phone",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert (person.family, person.role, str(person), person.date_of_birth) == (
        cast_family,
        "partner",
        "Mohamed El Amrani",
        date(1992, 4, 11),
    )
    assert person.bsn == VALID_BSN
    assert body["bsn_masked"] == "*****2333"
    assert "bsn" not in body
    assert VALID_BSN not in response.content.decode()


def test_the_list_shows_the_household_with_masked_bsns(cast, cast_family):
    _person(cast_family, first_name="Nadia", bsn=VALID_BSN)
    _person(cast_family, role=PersonRole.PARTNER, first_name="Bram")

    response = logged_in_client(cast.care_team_member).get(_url(cast_family))

    assert response.status_code == 200
    rows = response.json()
    assert [(row["first_name"], row["role"]) for row in rows] == [
        ("Nadia", "client"),
        ("Bram", "partner"),
    ]
    assert rows[0]["bsn_masked"] == "*****2333"
    assert VALID_BSN not in response.content.decode()


def test_reading_the_list_is_logged_with_every_person_concerned(cast, cast_family):
    nadia = _person(cast_family)
    bram = _person(cast_family, role=PersonRole.PARTNER, first_name="Bram")
    before = AccessEvent.objects.count()

    logged_in_client(cast.case_director).get(_url(cast_family))

    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.user, event.family, event.action, event.authorisation) == (
        cast.case_director,
        cast_family,
        Action.READ,
        True,
    )
    assert sorted(event.persons) == sorted([nadia.pk, bram.pk])


def test_one_person_is_read_and_logged_with_that_person(cast, cast_family):
    person = _person(cast_family)
    before = AccessEvent.objects.count()

    response = logged_in_client(cast.case_director).get(_url(cast_family, person))

    assert response.status_code == 200
    assert response.json()["first_name"] == "Nadia"
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.persons) == (Action.READ, [person.pk])


def test_a_person_of_another_family_is_not_found(cast, cast_family, other_family_person):
    response = logged_in_client(cast.case_director).get(_url(cast_family, other_family_person))
    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden of geen toegang."


@pytest.fixture
def other_family_person(cast):
    from kansrijk.testing.families import make_family

    return _person(make_family(cast), first_name="Elders")


def test_adding_is_logged_as_a_create_and_put_on_the_timeline(cast, cast_family):
    before = AccessEvent.objects.count()

    response = _post(
        logged_in_client(cast.case_director), cast_family, {"role": "child", "first_name": "Sem"}
    )

    assert response.status_code == 201
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.user, event.family, event.action, event.detail, event.ground) == (
        cast.case_director,
        cast_family,
        Action.CREATE,
        "Persoon toegevoegd",
        "care_team",
    )
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert (timeline.kind, timeline.actor, timeline.object_id) == (
        TimelineKind.PERSON_ADDED,
        cast.case_director,
        str(response.json()["id"]),
    )


def test_a_change_is_logged_and_the_previous_values_stay_on_the_timeline(cast, cast_family):
    person = _person(cast_family, phone="0612345678")
    before = AccessEvent.objects.count()

    response = _patch(
        logged_in_client(cast.case_director),
        cast_family,
        person,
        {"phone": "06 87654321", "preferred_contact": "sms"},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["phone"], response.json()["preferred_contact"]) == (
        "06 87654321",
        "sms",
    )
    person.refresh_from_db()
    assert (person.phone, person.first_name) == ("06 87654321", "Nadia")
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.persons, event.detail) == (
        Action.UPDATE,
        [person.pk],
        "Persoonsgegevens gewijzigd",
    )
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert timeline.kind == TimelineKind.PERSON_CHANGED
    assert timeline.changes["phone"] == ["0612345678", "06 87654321"]


def test_leaving_out_the_bsn_keeps_it_and_an_empty_one_removes_it(cast, cast_family):
    person = _person(cast_family, bsn=VALID_BSN)
    client = logged_in_client(cast.case_director)

    _patch(client, cast_family, person, {"last_name": "de Boer"})
    person.refresh_from_db()
    assert (person.last_name, person.bsn) == ("de Boer", VALID_BSN)

    response = _patch(client, cast_family, person, {"bsn": ""})
    person.refresh_from_db()
    assert response.json()["bsn_masked"] == ""
    assert person.bsn == ""


def test_a_changed_bsn_is_stored_and_the_timeline_keeps_only_masked_numbers(cast, cast_family):
    person = _person(cast_family, bsn=VALID_BSN)

    response = _patch(
        logged_in_client(cast.case_director), cast_family, person, {"bsn": OTHER_VALID_BSN}
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.bsn == OTHER_VALID_BSN
    changes = TimelineEvent.objects.filter(family=cast_family).latest("id").changes
    assert changes["bsn"] == ["*****2333", "*****6782"]
    assert VALID_BSN not in response.content.decode()
    assert OTHER_VALID_BSN not in response.content.decode()


def test_missing_role_and_first_name_are_a_problem_with_the_pages_messages(cast, cast_family):
    response = _post(logged_in_client(cast.case_director), cast_family, {"last_name": "Jansen"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors["role"] == ["Kies de rol van deze persoon in het gezin."]
    assert errors["first_name"] == ["Vul de voornaam in."]
    assert not Person.objects.filter(family=cast_family).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"bsn": "123456789"},
            "bsn",
            "Dit is geen geldig burgerservicenummer (BSN): controleer de negen cijfers.",
        ),
        (
            {"email": "geen-adres"},
            "email",
            "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        ),
        (
            {"phone": "12"},
            "phone",
            "Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678.",
        ),
        (
            {"date_of_birth": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "date_of_birth",
            "Een geboortedatum kan niet in de toekomst liggen.",
        ),
    ],
)
def test_invalid_details_are_refused_with_one_dutch_message_and_nothing_stored(
    cast, cast_family, data, field, message
):
    before = (
        Person.objects.count(),
        TimelineEvent.objects.count(),
        AccessEvent.objects.filter(action=Action.CREATE).count(),
    )

    response = _post(
        logged_in_client(cast.case_director),
        cast_family,
        {"role": "partner", "first_name": "Bram", **data},
    )

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {field: [message]}
    assert body["detail"] == message
    assert "123456789" not in body["detail"]
    assert before == (
        Person.objects.count(),
        TimelineEvent.objects.count(),
        AccessEvent.objects.filter(action=Action.CREATE).count(),
    )


def test_an_invalid_change_keeps_the_stored_person(cast, cast_family):
    person = _person(cast_family, phone="0612345678")

    response = _patch(
        logged_in_client(cast.case_director),
        cast_family,
        person,
        {"first_name": "", "phone": "06 87654321"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"first_name": ["Vul de voornaam in."]}
    person.refresh_from_db()
    assert (person.first_name, person.phone) == ("Nadia", "0612345678")


def test_english_is_given_when_the_client_asks_for_it(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        _url(cast_family),
        {"role": "partner"},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["first_name"] == ["Enter the first name."]


def test_a_closed_file_refuses_adding_and_changing_persons(cast, cast_family):
    person = _person(cast_family)
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    client = logged_in_client(cast.case_director)
    closed = ["Dit gezinsdossier is gesloten; heropen het eerst."]

    added = _post(client, cast_family, {"role": "partner", "first_name": "Bram"})
    changed = _patch(client, cast_family, person, {"first_name": "Anna"})

    assert (added.status_code, changed.status_code) == (400, 400)
    assert added.json()["errors"] == {"non_field_errors": closed}
    assert changed.json()["errors"] == {"non_field_errors": closed}
    assert list(Person.objects.filter(family=cast_family).values_list("first_name", flat=True)) == [
        "Nadia"
    ]
    # The file itself stays readable for the care team.
    assert client.get(_url(cast_family)).status_code == 200
