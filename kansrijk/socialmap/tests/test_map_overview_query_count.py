"""The maintenance overview and the providers page cost the same number of queries with 10
and with 200 services.

Every page request pays a fixed overhead (session, professional, TOTP device, memberships,
notifications, break-the-glass banner); on top of it the overview asks the professional's
delegations (1, `request_map_rights`), counts the services (1) and reads one page of them
with provider and last checker joined (1). The first request of a session also stores the
time of last activity, so each test makes one request before it counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.models import Service
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_maintenance import delegate

pytestmark = pytest.mark.django_db


def add_services(cast, count: int) -> None:
    providers = [make_provider(cast.coalition, name=f"Aanbieder {n}") for n in range(3)]
    for provider in providers:
        delegate(provider, cast.outsider, by=cast.coordinator)
    Service.objects.bulk_create(
        Service(
            coalition=cast.coalition,
            organization=providers[number % 3],
            name=f"Aanbod {number:03d}",
            assured_by=cast.coordinator if number % 2 else None,
        )
        for number in range(count)
    )


def queries_for(client, url_name: str, **params) -> int:
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["coordinator", "outsider"])
@pytest.mark.parametrize("url_name", ["socialmap:map_overview", "socialmap:map_providers"])
def test_the_query_count_does_not_grow_with_the_services(cast, who, url_name):
    add_services(cast, 10)
    client = logged_in_client(getattr(cast, who))
    small = queries_for(client, url_name)
    filtered_small = queries_for(
        client, url_name, niet_gecontroleerd="on", sorteer="-gecontroleerd"
    )
    add_services(cast, 190)
    assert queries_for(client, url_name) == small
    assert (
        queries_for(client, url_name, niet_gecontroleerd="on", sorteer="-gecontroleerd")
        == filtered_small
    )
