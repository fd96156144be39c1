"""The search page costs the same number of queries with 10 and with 200 services, with and
without free text and filters (issue 9: query-count tests for search results at 10 and 200).

Every page request pays a fixed overhead (as on the families list):
  1. the session,
  2. the logged-in professional,
  3. the TOTP device that verified the session (django-otp),
  4. the professional's current memberships (`request.active`, for the menu and header),
  5. the unread notifications in the header,
  6. the running break-the-glass accesses for the banner.
The first request of a session also stores the time of last activity, so each test makes
one request before it counts.

The search itself (selectors_search.py):
  - the form: the coalition's municipalities (1) and the languages of its services (1);
  - the candidates with their provider and the access route in the chosen municipality (1);
  - their kansrijk terms (1, `terms.service_terms`);
  - the access rows of the page's services (1).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.queries import PAGE_OVERHEAD
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_search import make_search_service, result_names

pytestmark = pytest.mark.django_db

# Municipalities, languages, candidates, terms, the page's access; and whether the viewer
# maintains part of the map (the link to the maintenance pages).
SEARCH = 5 + 1
ROUTES = [AccessRoute.DIRECT, AccessRoute.REFERRAL, AccessRoute.NOT_AVAILABLE]


def add_services(cast, providers, start: int, end: int) -> None:
    eerstedorp = cast.coalition.municipalities.get()
    for number in range(start, end):
        make_search_service(
            providers[number % len(providers)],
            name=f"Opvoedsteun {number:03d}",
            description="Hulp bij opvoeden en schulden.",
            terms={
                "needs": ["parenting", "finances"],
                "phases": ["infancy"],
                "own_costs": ["none"],
                "evidence": ["good"],
            },
            access={eerstedorp: ROUTES[number % len(ROUTES)]},
            languages=[("tr", "Turks")] if number % 2 else [],
        )


def queries_for(client, params: dict, *, shown: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("socialmap:search"), params)
    assert response.status_code == 200
    assert len(result_names(response)) == shown
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "opvoedsteun schulden", "need": "parenting", "municipality": None},
        {"phase": "infancy", "route": "route_2", "cost": "none", "evidence": "first"},
        {"language": "tr", "inactive": "on", "pagina": "2"},
    ],
    ids=["no filters", "text need municipality", "term filters", "language page 2"],
)
def test_the_search_does_not_grow_with_the_number_of_services(cast, params):
    providers = [make_provider(cast.coalition, name=f"Aanbieder {n}") for n in range(4)]
    if "municipality" in params:
        params["municipality"] = cast.coalition.municipalities.get().pk
    client = logged_in_client(cast.outsider)
    client.get("/")

    add_services(cast, providers, 0, 10)
    few = queries_for(client, params, shown=min(10, 5 if "pagina" in params else 10))
    add_services(cast, providers, 10, 200)
    many = queries_for(client, params, shown=20)

    assert few == many == PAGE_OVERHEAD + SEARCH
