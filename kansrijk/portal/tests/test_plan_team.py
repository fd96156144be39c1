"""The family's care team in the portal: names, role, organisation, phone to tap, and the
case director marked as their fixed contact; a member who left is not shown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.care.models import CaseDirector
from kansrijk.families.models import CareTeamMember
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person, portal_client

pytestmark = pytest.mark.django_db


def test_the_team_with_phones_and_the_fixed_contact(cast):
    family = make_family(cast)
    CareTeamMember.objects.filter(family=family, professional=cast.care_team_member).update(
        phone="06 98765432"
    )
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    page = portal_client(account).get(reverse("portal:team")).content.decode()
    assert str(cast.case_director) in page
    assert str(cast.care_team_member) in page
    assert "jeugdverpleegkundige" in page
    assert 'href="tel:0698765432"' in page
    director = page.split('data-testid="portal-case-director"')[0].rsplit("<h2", 1)[1]
    assert str(cast.case_director) in director
    assert "Jullie vaste contactpersoon" in page
    # The case director comes first.
    assert page.index(str(cast.case_director)) < page.index(str(cast.care_team_member))


def test_the_recorded_case_director_is_the_fixed_contact(cast):
    family = make_family(cast)
    CaseDirector.objects.create(
        family=family, coalition=family.coalition, professional=cast.care_team_member
    )
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    page = portal_client(account).get(reverse("portal:team")).content.decode()
    assert page.count('data-testid="portal-case-director"') == 1
    director = page.split('data-testid="portal-case-director"')[0].rsplit("<h2", 1)[1]
    assert str(cast.care_team_member) in director


def test_a_member_who_left_is_not_shown(cast):
    family = make_family(cast)
    CareTeamMember.objects.filter(family=family, professional=cast.care_team_member).update(
        end_date=timezone.localdate()
    )
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    page = portal_client(account).get(reverse("portal:team")).content.decode()
    assert str(cast.care_team_member) not in page
    assert page.count('data-testid="portal-team-member"') == 1
