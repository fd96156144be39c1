"""The national view: every region's accepted documents of a period, a column per region
with the region's total and the national total, with the region's summing rules (never a
small number); readable by coordinators and analysts, never by professionals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.monitoring.models import ImportedDocument, ImportStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import CoalitionFactory, RegionFactory
from kansrijk.testing.monitoring_federation import sample_document

pytestmark = pytest.mark.django_db

URL = "/monitoring/landelijk/"


def _accepted(region, publisher: str, families, *, version: int = 1, period="2026-Q3"):
    document = sample_document(publisher, version=version, period=period)
    document["publisher"]["name"] = publisher.rsplit("/", 1)[-1]
    document["indicators"][0]["cells"][0]["numerator"] = families
    return ImportedDocument.objects.create(
        region=region,
        publisher=publisher,
        period=period,
        version=version,
        source="upload",
        status=ImportStatus.ACCEPTED,
        document=document,
    )


def _totals(content: str, code: str) -> tuple[list[str], str]:
    start = content.index(f'data-indicator="{code}"')
    table = content[start : content.index("</table>", start)]
    regions = [part.split("<", 1)[0] for part in table.split('data-testid="national-region">')[1:]]
    total = table.split('data-testid="national-total"><strong>')[1].split("<", 1)[0]
    return regions, total


def test_the_url_is_the_national_view():
    assert reverse("monitoring:federation_national") == URL


def test_regions_are_summed_per_region_and_for_the_country(cast):
    north = cast.coalition.region
    south = RegionFactory(name="Regio Zuid (test)")
    _accepted(north, "test.example/coalities/1", 40)
    _accepted(north, "test.example/coalities/2", 25)
    _accepted(south, "test.example/coalities/3", 30)

    response = logged_in_client(cast.analyst).get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert north.name in content
    assert "Regio Zuid (test)" in content
    regions, total = _totals(content, "fake_families")
    assert sorted(regions) == ["30", "65"]
    assert total == "95"


def test_a_hidden_part_makes_the_national_total_a_lower_bound(cast):
    north = cast.coalition.region
    south = RegionFactory(name="Regio Zuid (test)")
    _accepted(north, "test.example/coalities/1", 40)
    _accepted(south, "test.example/coalities/3", "<10")

    content = logged_in_client(cast.coordinator).get(URL).content.decode()

    regions, total = _totals(content, "fake_families")
    assert "&lt;10" in regions
    assert total == "≥ 40"


def test_a_publisher_counts_once_with_its_latest_version(cast):
    north = cast.coalition.region
    south = RegionFactory(name="Regio Zuid (test)")
    _accepted(north, "test.example/coalities/1", 40, version=1)
    _accepted(south, "test.example/coalities/1", 44, version=2)

    content = logged_in_client(cast.coordinator).get(URL).content.decode()

    _regions, total = _totals(content, "fake_families")
    assert total == "44"


def test_a_period_can_be_chosen_and_an_unknown_one_falls_back(cast):
    region = cast.coalition.region
    _accepted(region, "test.example/coalities/1", 40, period="2026-Q2")
    _accepted(region, "test.example/coalities/1", 50, period="2026-Q3")
    client = logged_in_client(cast.analyst)

    earlier = client.get(URL, {"periode": "2026-Q2"}).content.decode()
    unknown = client.get(URL, {"periode": "1999-Q1"}).content.decode()

    assert _totals(earlier, "fake_families")[1] == "40"
    assert _totals(unknown, "fake_families")[1] == "50"  # the latest period


def test_without_documents_the_page_says_so(cast):
    content = logged_in_client(cast.analyst).get(URL).content.decode()

    assert 'data-testid="national-no-figures"' in content


def test_refused_documents_do_not_count(cast):
    imported = _accepted(cast.coalition.region, "test.example/coalities/1", 40)
    ImportedDocument.objects.filter(pk=imported.pk).update(status=ImportStatus.REFUSED)

    content = logged_in_client(cast.analyst).get(URL).content.decode()

    assert 'data-testid="national-no-figures"' in content


@pytest.mark.parametrize("actor", ["case_director", "administrator"])
def test_professionals_and_administrators_get_nothing(cast, actor):
    assert logged_in_client(getattr(cast, actor)).get(URL).status_code == 403


def test_the_number_of_queries_does_not_grow_with_regions_or_documents(cast):
    client = logged_in_client(cast.analyst)
    _accepted(cast.coalition.region, "test.example/coalities/1", 40)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(2, 8):
        region = RegionFactory(name=f"Regio {number} (test)")
        CoalitionFactory(region=region)
        _accepted(region, f"test.example/coalities/{number}", 10 + number)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_region_page_links_to_the_national_view(cast):
    content = logged_in_client(cast.analyst).get("/monitoring/regio/").content.decode()

    assert f'href="{URL}"' in content
