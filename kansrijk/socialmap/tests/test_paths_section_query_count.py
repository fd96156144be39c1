""" "Passend aanbod" costs the same number of queries with 1 and with 10 care paths (each
with steps, general services, municipality alternatives and access rows), both as the
section's own context and as part of the whole family file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.care.services_plan import concern_add
from kansrijk.core.together import read_now
from kansrijk.families.models import Family
from kansrijk.socialmap.views_paths import paths_file_section
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db

# Two need sources: the open concerns (1) and the newest final assessment (1). The
# suggestions: the paths (1), their steps (1), the steps' active services with provider and
# their access in the family's municipality (1). Whether the viewer may refer comes from the
# care team the file page prefetched (here: fetched, 1).
SECTION = 6


def add_paths(cast, municipality, count: int) -> None:
    provider = make_provider(cast.coalition, name=f"Aanbieder {count}")
    for number in range(count):
        general = make_service(provider, name=f"Algemeen {number}", access={municipality: "direct"})
        local = make_service(provider, name=f"Lokaal {number}", access={municipality: "referral"})
        make_path(
            cast.coalition,
            name=f"Zorgpad {number}",
            need=("finances", "housing")[number % 2],
            steps=[
                ("Eerste stap", [general, (local, municipality)]),
                ("Tweede stap", [general]),
                ("Derde stap", []),
            ],
        )


@pytest.fixture
def family(cast, cast_family) -> Family:
    concern_add(
        actor=cast.case_director, family_pk=cast_family.pk, text="Schulden en huurachterstand"
    )
    return Family.objects.select_related("municipality").get(pk=cast_family.pk)


def section_queries(rf, cast, family) -> tuple[int, dict]:
    request = rf.get("/")
    request.user = cast.case_director
    request.active = None
    with CaptureQueriesContext(connection) as captured:
        context = read_now(paths_file_section(request, family))
    return len(captured), context


@pytest.mark.parametrize("count", [1, 10])
def test_the_section_costs_the_same_with_1_and_10_paths(rf, cast, family, count):
    add_paths(cast, family.municipality, count)

    queries, context = section_queries(rf, cast, family)

    assert queries == SECTION
    assert sum(len(need.paths) for need in context["needs"]) == count


def test_a_family_without_needs_costs_the_same(rf, cast, cast_family):
    add_paths(cast, cast_family.municipality, 3)
    family = Family.objects.select_related("municipality").get(pk=cast_family.pk)

    queries, context = section_queries(rf, cast, family)

    assert context["needs"] == []
    assert queries == SECTION


def file_page_queries(client, family) -> int:
    url = reverse("families:detail", args=[family.pk])
    client.get(url)  # the first request of a session stores its last activity
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_family_file_costs_the_same_with_1_and_10_paths(cast, family):
    client = logged_in_client(cast.case_director)
    add_paths(cast, family.municipality, 1)
    with_one, html = file_page_queries(client, family)
    assert html.count('data-testid="paths-path"') == 1

    add_paths(cast, family.municipality, 9)
    with_ten, html = file_page_queries(client, family)

    assert html.count('data-testid="paths-path"') == 10
    assert with_ten == with_one
