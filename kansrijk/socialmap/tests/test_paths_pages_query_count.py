"""The list of care paths and a path's page cost the same number of queries with few and
with many paths, steps and services (for a coordinator, who sees every edit control)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_1_and_10_paths(cast):
    client = logged_in_client(cast.coordinator)
    make_path(cast.coalition, name="Pad 0", steps=[("Stap", [])])
    one = queries_for(client, reverse("socialmap:path_list"))

    for number in range(1, 10):
        make_path(cast.coalition, name=f"Pad {number}", steps=[("Stap", []), ("Stap 2", [])])

    assert queries_for(client, reverse("socialmap:path_list")) == one


def test_a_path_costs_the_same_with_1_and_10_steps(cast):
    client = logged_in_client(cast.coordinator)
    provider = make_provider(cast.coalition)
    municipality = cast.coalition.municipalities.get()
    few = make_path(cast.coalition, steps=[("Stap", [make_service(provider, name="A")])])
    many = make_path(
        cast.coalition,
        steps=[
            (
                f"Stap {n}",
                [
                    make_service(provider, name=f"B{n}"),
                    (make_service(provider, name=f"C{n}"), municipality),
                ],
            )
            for n in range(10)
        ],
    )

    assert queries_for(client, reverse("socialmap:path_detail", args=[many.pk])) == queries_for(
        client, reverse("socialmap:path_detail", args=[few.pk])
    )
