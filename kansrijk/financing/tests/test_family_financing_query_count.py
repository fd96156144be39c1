"""The financing page, its section on the family file and the API cost the same number of
queries with 1 and with 5 referrals and chain partners on the care team; the section costs
the family file one query.

Every page request pays a fixed overhead (session, professional, TOTP device, memberships
for the menu, notifications, break-the-glass banner); the first request of a session also
stores the time of last activity, so each test makes one request before it counts.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.together import read_now
from kansrijk.organisations.models import OrganisationKind
from kansrijk.socialmap.models import ReferralStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation
from kansrijk.testing.financing_family import (
    add_team_organisation,
    make_calculation,
    make_usual_rules,
)
from kansrijk.testing.queries import PAGE_OVERHEAD
from kansrijk.testing.socialmap import make_service
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    referral_in_status,
)

pytestmark = pytest.mark.django_db

# The access policy's query for the family with its consent check, and the read event (two),
# then the view's reads (`selectors_family`): the figures' year (two), the year's figures,
# rules and exceptions (three), the routes, the care team, the referrals, their map terms
# and the latest kraamzorg calculation (five).
ACCESS = 2
READS = 2 + 3 + 5
KINDS = [
    OrganisationKind.HOSPITAL,
    OrganisationKind.KRAAMZORG,
    OrganisationKind.GGZ,
    OrganisationKind.GP,
    OrganisationKind.WELFARE,
]


@pytest.fixture(autouse=True)
def june_2026():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def world(cast, cast_family):
    make_usual_rules(cast.coalition, 2026)
    make_compensation(cast.coalition, cast_family.municipality)
    make_calculation(cast_family, cast.case_director)
    family_member(cast_family)
    return make_receiving_side(cast)


def grow(cast, family, side, start: int, stop: int) -> None:
    """Referrals to services `start`..`stop` and as many chain partners on the care team."""
    for number in range(start, stop):
        side.service = make_service(
            side.service.organization,
            name=f"Aanbod {number}",
            terms={"care_kinds": ["jeugdhulp"], "payers": ["municipality"]},
        )
        referral_in_status(cast, family, side, ReferralStatus.SENT)
        add_team_organisation(cast, family, KINDS[number], name=f"Partner {number}")


def count(client, url, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_page_costs_the_same_with_1_and_5_referrals_and_partners(cast, cast_family, world):
    client = logged_in_client(cast.case_director)
    client.get("/")
    url = reverse("financing:family", args=[cast_family.pk])
    grow(cast, cast_family, world, 0, 1)
    few, html_few = count(client, url)

    grow(cast, cast_family, world, 1, 5)
    many, html_many = count(client, url)

    # Midwifery and JGZ of the cast, plus 1 or 5 partners and 1 or 5 referrals; the
    # kraamzorg hours go on the kraamzorg partner once there is one, else on their own item.
    assert html_few.count('data-testid="financing-item"') == 2 + 1 + 1 + 1
    assert html_many.count('data-testid="financing-item"') == 2 + 5 + 5
    assert few == many == PAGE_OVERHEAD + ACCESS + READS


def test_the_reads_are_a_fixed_number(cast, cast_family, world):
    from kansrijk.financing import selectors_family

    grow(cast, cast_family, world, 0, 3)
    with CaptureQueriesContext(connection) as captured:
        selectors_family.family_financing(cast_family, year=2026)
    assert len(captured) == READS


def test_the_family_file_costs_the_same_with_1_and_5(cast, cast_family, world):
    client = logged_in_client(cast.case_director)
    client.get("/")
    url = reverse("families:detail", args=[cast_family.pk])
    grow(cast, cast_family, world, 0, 1)
    few, html_few = count(client, url)

    grow(cast, cast_family, world, 1, 5)
    many, _html = count(client, url)

    assert 'data-testid="financing-section"' in html_few
    assert few == many


def test_the_section_costs_the_family_file_one_query(cast, cast_family, world):
    from kansrijk.financing import views_family

    with CaptureQueriesContext(connection) as captured:
        context = read_now(views_family.financing_file_section(None, cast_family))
    assert context["calculation"] is not None
    assert len(captured) == 1


def test_the_api_costs_the_same_with_1_and_5(cast, cast_family, world):
    client = logged_in_client(cast.case_director)
    url = reverse("api:family_financing", args=[cast_family.pk])
    client.get(url)
    grow(cast, cast_family, world, 0, 1)
    few, _json = count(client, url)

    grow(cast, cast_family, world, 1, 5)
    many, _json = count(client, url)

    assert few == many
