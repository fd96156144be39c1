"""The agreement list costs the same number of queries with 1 and with 25 agreements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import make_agreement

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_1_and_25_agreements(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:agreement_list")
    make_agreement(cast.coalition, municipality=municipality, updated_by=cast.coordinator)
    one = queries_for(client, url)
    # The session, user, TOTP device and memberships; the page's three (the coalition's
    # municipalities, the count, the page with municipality and author); the layout's unread
    # notifications and break-the-glass banner.
    assert one <= 12
    for number in range(24):
        make_agreement(
            cast.coalition,
            what=f"Afspraak {number}",
            municipality=municipality if number % 2 else None,
            updated_by=cast.coordinator,
        )
    assert queries_for(client, url) == one
