"""The HSDS API's lists cost the same number of queries with 10 and with 200 services (the
service list's page shows 50 services with their organization and attributes), and one
service's full record a fixed number whatever its children."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.models import Service
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_hsds import make_full_map

pytestmark = pytest.mark.django_db

# Per API request: the session (1), the professional (1) and the TOTP device that verified
# the session (1); the caller's coalitions (`SeesTheMap`, 1).
OVERHEAD = 4
# A page of the service list: the services with their count (`WindowCountPaginator`) and
# organization joined (1), the page's attributes with their terms (1). The children are on
# each service's own record.
SERVICE_PAGE = 1 + 1
# One service's record: the service with its organization (1); one query per prefetched
# child table: phones, their languages, schedules, service areas (municipality joined),
# languages, funding, cost options, required documents, contacts, their phones and those
# phones' languages (11); the services at locations (location and municipality joined),
# their locations' addresses, contacts, the contacts' phones, phones, the phones' languages,
# schedules and service areas (8; Django skips the languages of the contacts' phones here,
# as the test map gives those contacts no phone); its attributes with terms (1).
SERVICE_RECORD = 1 + 11 + 8 + 1


def queries_for(client, name: str, **kwargs) -> int:
    url = reverse(f"api:{name}", kwargs=kwargs)
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


LISTS = ["socialmap_service_list", "socialmap_organization_list", "socialmap_location_list"]


def test_the_lists_do_not_grow_with_the_number_of_services(cast):
    client = logged_in_client(cast.outsider)
    make_full_map(cast.coalition, services=10)
    with_10 = {name: queries_for(client, name) for name in LISTS}
    make_full_map(cast.coalition, services=190, prefix="Meer ")
    with_200 = {name: queries_for(client, name) for name in LISTS}
    assert with_200 == with_10


def test_the_service_page_costs_a_fixed_number_of_queries(cast):
    client = logged_in_client(cast.outsider)
    make_full_map(cast.coalition, services=10)
    assert queries_for(client, "socialmap_service_list") == OVERHEAD + SERVICE_PAGE
    service = Service.objects.order_by("name").first()
    detail = queries_for(client, "socialmap_service_detail", pk=service.pk)
    assert detail == OVERHEAD + SERVICE_RECORD
