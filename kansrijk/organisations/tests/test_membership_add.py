"""A coordinator adds a professional to an organisation of the coalition: an existing
account (by username or e-mail) or a new one with a temporary password shown once."""

import datetime

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Membership, Organisation, Professional
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory

from .conftest import page

pytestmark = pytest.mark.django_db

ADD = reverse("organisations:membership_add")
LIST = reverse("organisations:membership_list")
RESULT = reverse("organisations:temporary_password")


def jgz():
    return Organisation.objects.get(name="JGZ Eerstedorp")


def form(**overrides):
    data = {
        "who": "bestaand",
        "identifier": "",
        "first_name": "",
        "last_name": "",
        "email": "",
        "username": "",
        "organisation": jgz().pk,
        "discipline": "jeugdarts",
        "roles": ["professional"],
        "phone": "06 12345678",
        "start_date": "2025-09-01",
    }
    data.update(overrides)
    return data


def test_an_existing_professional_is_found_by_username(cast, coordinator_client):
    response = coordinator_client.post(ADD, form(identifier="regisseur"))
    assert response["Location"] == LIST
    membership = Membership.objects.get(professional=cast.case_director, organisation=jgz())
    assert membership.coalition == cast.coalition
    assert membership.discipline == "jeugdarts"
    assert membership.roles == ["professional"]
    assert membership.start_date == datetime.date(2025, 9, 1)
    event = AuditEvent.objects.get(object_type="organisations.Membership")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert "Regisseur Testpersoon is toegevoegd aan JGZ Eerstedorp." in page(
        coordinator_client.get(LIST)
    )


def test_an_existing_professional_is_found_by_email(cast, coordinator_client):
    response = coordinator_client.post(ADD, form(identifier="REGISSEUR@example.invalid"))
    assert response.status_code == 302
    assert Membership.objects.filter(professional=cast.case_director, organisation=jgz()).exists()


def test_an_unknown_username_gets_a_clear_error_and_the_input_stays(coordinator_client):
    response = coordinator_client.post(ADD, form(identifier="onbekend", phone="06 87654321"))
    text = page(response)
    assert response.status_code == 200
    assert "Er is geen account met gebruikersnaam of e-mailadres &#x27;onbekend&#x27;." in text
    assert 'value="onbekend"' in text
    assert 'value="06 87654321"' in text
    assert not AuditEvent.objects.exists()


def test_a_deactivated_account_cannot_be_added(cast, coordinator_client):
    cast.outsider.is_active = False
    cast.outsider.save()
    text = page(coordinator_client.post(ADD, form(identifier="buitenstaander")))
    assert "is gedeactiveerd. Vraag een beheerder het te heractiveren." in text


def test_a_second_open_membership_at_the_same_organisation_is_refused(cast, coordinator_client):
    practice = Organisation.objects.get(name="Verloskundigen Eerstedorp")
    response = coordinator_client.post(ADD, form(identifier="regisseur", organisation=practice.pk))
    text = page(response)
    assert response.status_code == 200
    assert "werkt al bij Verloskundigen Eerstedorp in deze coalitie." in text
    assert Membership.objects.filter(professional=cast.case_director).count() == 1


def test_after_an_ended_membership_the_professional_can_be_added_again(cast, coordinator_client):
    practice = Organisation.objects.get(name="Verloskundigen Eerstedorp")
    Membership.objects.filter(professional=cast.case_director).update(
        start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 1, 1)
    )
    response = coordinator_client.post(ADD, form(identifier="regisseur", organisation=practice.pk))
    assert response.status_code == 302
    assert Membership.objects.filter(professional=cast.case_director).count() == 2


def test_only_organisations_of_the_active_coalition_can_be_chosen(cast, coordinator_client):
    other = Organisation.objects.get(name="Verloskundigen Tweededorp")
    assert "Verloskundigen Tweededorp" not in page(coordinator_client.get(ADD))
    text = page(coordinator_client.post(ADD, form(identifier="regisseur", organisation=other.pk)))
    assert "Kies een organisatie uit de lijst." in text
    assert not Membership.objects.filter(organisation=other, professional=cast.case_director)


def test_missing_fields_each_get_a_dutch_message(coordinator_client):
    text = page(
        coordinator_client.post(
            ADD, form(identifier="", organisation="", discipline="", roles=[], start_date="")
        )
    )
    assert "Vul de gebruikersnaam of het e-mailadres van de professional in." in text
    assert "Kies de organisatie waar de professional werkt." in text
    assert "Kies de discipline." in text
    assert "Kies minstens één rol." in text
    assert "Vul de startdatum in." in text


def test_a_wrong_phone_number_gets_the_dutch_message(coordinator_client):
    text = page(coordinator_client.post(ADD, form(identifier="regisseur", phone="12")))
    assert "Vul een telefoonnummer in met 10 cijfers" in text
    assert not Membership.objects.filter(organisation=jgz(), phone="12").exists()


def test_a_coordinator_cannot_grant_the_administrator_role(cast, coordinator_client):
    assert 'value="administrator"' not in page(coordinator_client.get(ADD))
    text = page(coordinator_client.post(ADD, form(identifier="regisseur", roles=["administrator"])))
    assert "Kies alleen rollen uit de lijst." in text
    assert not Membership.objects.filter(organisation=jgz(), is_administrator=True).exists()


def test_an_administrator_who_coordinates_may_grant_the_administrator_role(cast):
    MembershipFactory(
        professional=cast.administrator,
        coalition=cast.coalition,
        organisation=jgz(),
        is_professional=False,
        is_coordinator=True,
    )
    client = logged_in_client(cast.administrator)
    assert 'value="administrator"' in page(client.get(ADD))
    response = client.post(
        ADD, form(identifier="buitenstaander", roles=["professional", "administrator"])
    )
    assert response.status_code == 302
    membership = Membership.objects.get(professional=cast.outsider, organisation=jgz())
    assert membership.is_administrator


def test_a_new_professional_gets_an_account_with_a_temporary_password_shown_once(
    cast, coordinator_client
):
    response = coordinator_client.post(
        ADD,
        form(
            who="nieuw",
            first_name="Fatima",
            last_name="El Amrani",
            email="fatima@jgz.example",
            username="fatima",
            roles=["professional", "coordinator"],
        ),
    )
    assert response["Location"] == RESULT
    professional = Professional.objects.get(username="fatima")
    assert professional.must_change_password
    assert professional.get_full_name() == "Fatima El Amrani"
    membership = professional.memberships.get()
    assert membership.organisation == jgz()
    assert membership.roles == ["professional", "coordinator"]

    result = coordinator_client.get(RESULT)
    text = page(result)
    assert "Fatima El Amrani is toegevoegd aan JGZ Eerstedorp." in text
    assert "Dit wachtwoord wordt maar één keer getoond." in text
    password = text.split('data-testid="temporary-password">')[1].split("<")[0]
    assert professional.check_password(password)
    assert "no-cache" in result["Cache-Control"] or "no-store" in result["Cache-Control"]

    again = coordinator_client.get(RESULT)
    assert again.status_code == 302
    assert password not in page(coordinator_client.get(again["Location"]))

    actions = set(AuditEvent.objects.values_list("object_type", "action"))
    assert actions == {
        ("organisations.Professional", "create"),
        ("organisations.Membership", "create"),
    }
    assert password not in str(list(AuditEvent.objects.values_list("summary", "changes")))


def test_a_new_account_needs_all_its_fields(coordinator_client):
    text = page(coordinator_client.post(ADD, form(who="nieuw")))
    assert "Vul de voornaam in." in text
    assert "Vul de achternaam in." in text
    assert "Vul het e-mailadres in." in text
    assert "Vul een gebruikersnaam in." in text
    assert not Professional.objects.filter(username="").exists()


def test_a_taken_username_saves_nothing(cast, coordinator_client):
    before = Professional.objects.count()
    text = page(
        coordinator_client.post(
            ADD,
            form(
                who="nieuw",
                first_name="Nieuwe",
                last_name="Collega",
                email="nieuw@example.invalid",
                username="Regisseur",
            ),
        )
    )
    assert "Deze gebruikersnaam is al in gebruik. Kies een andere." in text
    assert 'value="nieuw@example.invalid"' in text
    assert Professional.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_an_email_address_in_use_points_to_adding_the_existing_account(coordinator_client):
    ProfessionalFactory(username="bestaand", email="collega@example.invalid")
    text = page(
        coordinator_client.post(
            ADD,
            form(
                who="nieuw",
                first_name="Nieuwe",
                last_name="Collega",
                email="Collega@example.invalid",
                username="nieuwecollega",
            ),
        )
    )
    assert "Er bestaat al een account met dit e-mailadres." in text
    assert not Professional.objects.filter(username="nieuwecollega").exists()


def test_a_username_with_spaces_is_refused(coordinator_client):
    text = page(
        coordinator_client.post(
            ADD,
            form(
                who="nieuw",
                first_name="A",
                last_name="B",
                email="ab@example.invalid",
                username="met spatie",
            ),
        )
    )
    assert "Een gebruikersnaam bestaat alleen uit letters, cijfers" in text
