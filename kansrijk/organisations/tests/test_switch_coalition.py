import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_coalition_professional(cast):
    professional = cast.case_director
    hospital = OrganisationFactory(name="Ziekenhuis Tweededorp", coalitions=[cast.other_coalition])
    MembershipFactory(
        professional=professional,
        organisation=hospital,
        coalition=cast.other_coalition,
        discipline="gynaecoloog",
    )
    return professional


def test_the_header_offers_each_coalition_of_the_professional(cast, two_coalition_professional):
    page = logged_in_client(two_coalition_professional).get("/").content.decode()
    assert "Kansrijke Start Eerstedorp" in page
    assert "Kansrijke Start Tweededorp" in page
    assert 'name="coalition"' in page


def test_switching_changes_the_active_coalition_and_discipline(cast, two_coalition_professional):
    client = logged_in_client(two_coalition_professional)
    response = client.post(
        reverse("organisations:switch_coalition"),
        {"coalition": cast.other_coalition.pk, "next": "/account/"},
    )
    assert response["Location"] == "/account/"
    page = client.get("/").content.decode()
    assert "Je werkt nu in de coalitie <strong>Kansrijke Start Tweededorp</strong>" in page
    assert "Gynaecoloog" in page


def test_a_coalition_one_is_not_a_member_of_cannot_be_chosen(cast):
    client = logged_in_client(cast.case_director)
    response = client.post(
        reverse("organisations:switch_coalition"),
        {"coalition": cast.other_coalition.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "Je bent geen lid van die coalitie." in page
    assert "Je werkt nu in de coalitie <strong>Kansrijke Start Eerstedorp</strong>" in page


def test_an_outside_next_address_is_not_followed(cast, two_coalition_professional):
    client = logged_in_client(two_coalition_professional)
    response = client.post(
        reverse("organisations:switch_coalition"),
        {"coalition": cast.other_coalition.pk, "next": "https://elders.example/"},
    )
    assert response["Location"] == "/"


def test_a_professional_with_one_coalition_sees_it_without_a_switcher(cast):
    page = logged_in_client(cast.case_director).get("/").content.decode()
    assert 'data-testid="active-coalition">Kansrijke Start Eerstedorp' in page
    assert 'name="coalition"' not in page


def test_without_membership_the_start_page_explains_what_to_do(db):
    from kansrijk.testing.factories import ProfessionalFactory, TOTPDeviceFactory

    professional = ProfessionalFactory()
    TOTPDeviceFactory(user=professional)
    page = logged_in_client(professional).get("/").content.decode()
    assert "Je bent nog niet gekoppeld aan een coalitie" in page
