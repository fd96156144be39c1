"""The klantroute, its poster, its export and its API cost the same number of queries with 10
and with 300 services (DESIGN.md §6).

Per request: the session, the user and the memberships (the active coalition), the coalition's
municipalities, the services with their provider, their terms (one query over the attributes),
the access rows, the central points, the referral counts (one aggregate query) and the open
agreements; the export and the poster add one audit event. None of it depends on the number of
services, referrals or agreements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape_klantroute import klantroute_world, many_services, referrals_to

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "landscape:klantroute",
        "landscape:klantroute_print",
        "landscape:klantroute_xlsx",
        "api:klantroute",
    ],
)
def test_ten_and_three_hundred_services_cost_the_same(cast, name):
    world = klantroute_world(cast)
    municipalities = [world.eerstedorp, world.noorddorp]
    many_services(cast, 4, municipalities)  # with the world's six: 10 services
    referrals_to(world.kraamzorg, cast, 2)
    client = logged_in_client(cast.coordinator)
    ten = queries_for(client, reverse(name))

    many_services(cast, 290, municipalities)
    referrals_to(world.taal, cast, 3, completed=1)
    assert queries_for(client, reverse(name)) == ten
