"""The VSV comparison and the landscape page cost the same number of queries with 2 and with
20 services (and with few or many partnerships); so does the comparison's API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.models import MunicipalityAccess
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_rule
from kansrijk.testing.landscape import make_central_point, make_partnership, region_municipalities
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _services(cast, municipalities, start: int, count: int) -> None:
    for number in range(start, start + count):
        for coalition, municipality in zip(
            (cast.coalition, cast.other_coalition), municipalities, strict=True
        ):
            service = make_service(
                make_provider(coalition, name=f"Aanbieder {number}"),
                name=f"Aanbod {number}",
                terms={
                    "needs": ["finances"],
                    "phases": ["pregnancy", "gap"][number % 2 :],
                    "care_kinds": ["schuldhulp"],
                    "payers": ["municipality"],
                },
            )
            MunicipalityAccess.objects.create(
                service=service, municipality=municipality, waiting_weeks=number
            )


def test_the_comparison_costs_the_same_with_2_and_20_services(cast):
    municipalities = region_municipalities(cast)
    vsv = make_partnership(cast.coalition.region, municipalities=municipalities)
    make_central_point(municipalities[0])
    make_rule(cast.coalition, "schuldhulp", law="wmo", payer="municipality")
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:vsv_compare", args=[vsv.pk])
    api = reverse("api:vsv_compare", args=[vsv.pk])
    _services(cast, municipalities, 0, 2)
    two = queries_for(client, url)
    two_api = queries_for(client, api)
    # The session, user, TOTP device and memberships; the partnership; the comparison's six
    # (municipalities, services with providers, terms, access, central points, financing
    # rules); the layout's unread notifications and break-the-glass banner.
    assert two <= 14
    _services(cast, municipalities, 2, 18)
    assert queries_for(client, url) == two
    assert queries_for(client, api) == two_api


def test_the_landscape_costs_the_same_with_1_and_12_partnerships(cast):
    municipalities = region_municipalities(cast)
    region = cast.coalition.region
    client = logged_in_client(cast.analyst)
    url = reverse("landscape:landscape")
    make_partnership(region, municipalities=municipalities)
    one = queries_for(client, url)
    one_api = queries_for(client, reverse("api:landscape"))
    for number in range(11):
        make_partnership(
            region,
            kind=["vsv", "ksv", "ros", "jgz"][number % 4],
            name=f"Verband {number}",
            municipalities=municipalities[: 1 + number % 2],
        )
    for municipality in municipalities:
        make_central_point(municipality)
    assert queries_for(client, url) == one
    assert queries_for(client, reverse("api:landscape")) == one_api
