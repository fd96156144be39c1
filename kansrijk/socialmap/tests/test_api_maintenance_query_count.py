"""The maintenance and care-path API lists cost the same number of queries for one row as
for several: counts, providers, checkers and step services are joined or prefetched."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.socialmap.models import CarePath, CarePathStep, CarePathStepService, Organization
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_maintenance import delegate
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session also records the login: not the list's
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


def _grow(cast, name: str) -> None:
    """One more provider with two services (one checked by the coordinator), an editor, and
    a care path with two steps linking the services."""
    provider = make_provider(cast.coalition, name=name)
    delegate(provider, cast.outsider, by=cast.coordinator)
    checked = make_service(provider, name=f"{name} coaching", assured_by=cast.coordinator)
    old = make_service(provider, name=f"{name} spreekuur", assured_date=date(2000, 1, 1))
    make_path(
        cast.coalition,
        name=f"Pad {name}",
        steps=[
            ("Aanmelden", [checked]),
            ("Daarna", [old, (checked, cast.coalition.municipalities.get())]),
        ],
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/socialmap/maintenance/organizations/",
        "/api/v1/socialmap/maintenance/services/",
        "/api/v1/care-paths/",
    ],
)
@pytest.mark.parametrize("actor", ["coordinator", "outsider"])
def test_a_list_costs_the_same_for_one_and_for_several_rows(cast, url, actor):
    _grow(cast, "Eerste")
    client = logged_in_client(getattr(cast, actor))
    one = _queries(client, url)
    for name in ("Tweede", "Derde", "Vierde"):
        _grow(cast, name)
    assert _queries(client, url) == one


def test_the_editors_and_a_path_cost_the_same_however_many_rows(cast):
    _grow(cast, "Eerste")
    provider = Organization.objects.get(name="Eerste")
    path = CarePath.objects.get()
    client = logged_in_client(cast.coordinator)
    editors = reverse("api:socialmap_provider_editors", args=[provider.pk])
    detail = reverse("api:care_path_detail", args=[path.pk])
    before = (_queries(client, editors), _queries(client, detail))
    delegate(provider, cast.case_director, by=cast.coordinator)
    delegate(provider, cast.care_team_member, by=cast.coordinator)
    service = make_service(provider, name="Nog een")
    extra = CarePathStep.objects.create(care_path=path, position=3, title="Nazorg")
    CarePathStepService.objects.create(step=extra, service=service)
    assert (_queries(client, editors), _queries(client, detail)) == before
