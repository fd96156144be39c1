"""The write API's lists cost the same number of queries with 1 and with 12 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.organisations.models import Municipality, Organisation
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import CoalitionFactory, MunicipalityFactory
from kansrijk.testing.landscape import (
    make_agreement,
    make_central_point,
    make_partnership,
    region_municipalities,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_agreement_list_costs_the_same_with_1_and_12(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = "/api/v1/klantroute/afspraken/"
    make_agreement(cast.coalition, municipality=municipality, updated_by=cast.coordinator)
    one = queries_for(client, url)
    # Session, user, TOTP device, the caller's memberships, the coalition, the page (counted
    # with a window function, municipality, coalition and author joined).
    assert one <= 8
    for number in range(11):
        make_agreement(
            cast.coalition,
            what=f"Afspraak {number}",
            municipality=municipality if number % 2 else None,
            updated_by=cast.analyst,
        )
    assert queries_for(client, url) == one


def test_the_partnership_list_costs_the_same_with_1_and_12(cast):
    region = cast.coalition.region
    municipalities = region_municipalities(cast)
    organisations = list(Organisation.objects.all())
    client = logged_in_client(cast.analyst)
    url = "/api/v1/regio/landschap/samenwerkingsverbanden/"
    make_partnership(region, name="VSV 0", municipalities=municipalities).organisations.set(
        organisations
    )
    one = queries_for(client, url)
    # ... the page, its municipalities (with their coalition) and organisations.
    assert one <= 9
    for number in range(1, 12):
        partnership = make_partnership(
            region,
            kind="ksv",
            name=f"KSV {number}",
            municipalities=municipalities[: number % 2 + 1],
        )
        partnership.organisations.set(organisations[:number])
    assert queries_for(client, url) == one


def test_the_central_point_list_costs_the_same_with_1_and_12(cast):
    client = logged_in_client(cast.coordinator)
    url = "/api/v1/regio/landschap/meldpunten/"
    make_central_point(Municipality.objects.get(coalition=cast.coalition))
    one = queries_for(client, url)
    assert one <= 7
    for number in range(11):
        coalition = (
            cast.other_coalition
            if number % 2
            else CoalitionFactory(region=cast.coalition.region, name=f"Coalitie {number}")
        )
        make_central_point(
            MunicipalityFactory(coalition=coalition, cbs_code=f"GM98{number:02}", name=f"G{number}")
        )
    assert queries_for(client, url) == one
