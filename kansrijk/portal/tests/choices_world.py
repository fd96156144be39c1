"""A family with a case director and a family member logged in to the portal, for the
tests of the family's choices, access report, questions and self-report."""

from dataclasses import dataclass

from django.test import Client

from kansrijk.care.services_handovers import case_director_set
from kansrijk.families.models import Family
from kansrijk.portal.models import FamilyAccount
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person, portal_client


@dataclass
class ChoicesWorld:
    family: Family
    account: FamilyAccount
    client: Client


def with_case_director(cast: Cast, family: Family) -> Family:
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.case_director
    )
    return family


def choices_world(cast: Cast, *, first_name="Sanne", email="sanne@example.org") -> ChoicesWorld:
    family = with_case_director(cast, make_family(cast))
    account = make_account(
        make_client_person(family, cast.case_director, first_name=first_name, email=email),
        cast.case_director,
    )
    return ChoicesWorld(family=family, account=account, client=portal_client(account))
