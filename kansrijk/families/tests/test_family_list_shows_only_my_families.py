"""The families list shows a professional only the families whose care team they are on."""

import pytest
from django.urls import reverse

from kansrijk.families.services import person_add
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db

ON_THE_TEAM = ["case_director", "care_team_member"]
OFF_THE_TEAM = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


@pytest.mark.parametrize("actor", ON_THE_TEAM)
def test_the_care_team_sees_the_family_with_its_client(cast, cast_family, actor):
    person_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"role": "client", "first_name": "Fatima", "last_name": "Bakker"},
    )
    response = logged_in_client(getattr(cast, actor)).get(reverse("families:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert cast_family.reference in page
    assert "Fatima Bakker" in page
    assert "Eerstedorp" in page
    assert "Voor de zwangerschap" in page


@pytest.mark.parametrize("actor", OFF_THE_TEAM)
def test_everyone_else_gets_an_empty_list_with_an_explanation(cast, cast_family, actor):
    response = logged_in_client(getattr(cast, actor)).get(reverse("families:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert cast_family.reference not in page
    assert "Je hebt nog geen gezinnen in deze coalitie." in page
    assert "aan het zorgteam" in page


def test_the_list_shows_my_role_on_each_family(cast):
    make_family(cast)
    page = logged_in_client(cast.care_team_member).get(reverse("families:list")).content.decode()
    assert "jeugdverpleegkundige" in page


def test_anonymous_visitors_are_sent_to_the_login(cast):
    response = logged_in_client(cast.case_director).get(reverse("families:list"))
    assert response.status_code == 200
    from django.test import Client

    response = Client().get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_only_professionals_get_the_menu_item_and_the_create_button(cast):
    professional = logged_in_client(cast.outsider).get(reverse("families:list")).content.decode()
    assert 'href="/gezinnen/"' in professional
    assert reverse("families:create") in professional
    coordinator = logged_in_client(cast.coordinator).get(reverse("families:list")).content.decode()
    assert reverse("families:create") not in coordinator
    assert ">Gezinnen</a>" not in coordinator
