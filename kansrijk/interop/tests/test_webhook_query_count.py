"""The webhook list and the delivery log cost the same number of queries with few and with
many endpoints and deliveries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.interop.models import DeliveryState
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import OrganisationFactory
from kansrijk.testing.interop_webhooks import make_delivery, make_endpoint
from kansrijk.testing.queries import PAGE_OVERHEAD

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_1_and_20_endpoints(cast):
    client = logged_in_client(cast.coordinator)
    url = reverse("interop:webhook_list")
    first = make_endpoint(cast)
    make_delivery(first)
    one = queries_for(client, url)
    # What every page pays, and the page's one (the endpoints with their organisation, the
    # latest delivery's state and time as subqueries).
    assert one == PAGE_OVERHEAD + 1
    for number in range(19):
        organisation = OrganisationFactory(name=f"Partner {number}", coalitions=[cast.coalition])
        endpoint = make_endpoint(
            cast, organisation=organisation, url=f"https://p{number}.example.nl/hook"
        )
        make_delivery(endpoint, state=DeliveryState.FAILED)
        make_delivery(endpoint)
    assert queries_for(client, url) == one


def test_the_delivery_log_costs_the_same_with_1_and_60_deliveries(cast):
    client = logged_in_client(cast.coordinator)
    endpoint = make_endpoint(cast)
    url = reverse("interop:webhook_deliveries", args=[endpoint.pk])
    make_delivery(endpoint)
    one = queries_for(client, url)
    # What every page pays; the endpoint with its organisation, the count and one page of
    # deliveries.
    assert one == PAGE_OVERHEAD + 3
    for number in range(59):
        make_delivery(endpoint, state=DeliveryState.FAILED if number % 2 else "delivered")
    assert queries_for(client, url) == one
    assert queries_for(client, f"{url}?pagina=3") == one
