"""Export -> import into an empty map gives the same records (JSON and the CSV datapackage),
and an export validates against our HSDS schema."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kansrijk.socialmap.hsds.exporter import export_document, export_hsds
from kansrijk.socialmap.hsds.importer import import_hsds
from kansrijk.socialmap.hsds.schema import TABLES, document_validator
from kansrijk.socialmap.models import Metadata, Service
from kansrijk.socialmap.terms import service_terms
from kansrijk.testing.socialmap_hsds import canonical_dump, delete_map, make_full_map

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["map.json", "map", "map.zip"])
def test_export_then_import_into_an_empty_map_gives_identical_data(cast, tmp_path, target):
    make_full_map(cast.coalition)
    before = canonical_dump()
    terms_before = service_terms(Service.objects.values_list("pk", flat=True))
    path = tmp_path / target
    export_hsds(
        path=path, coalition=cast.coalition, format="json" if target.endswith(".json") else "csv"
    )

    delete_map()
    assert not Service.objects.exists()
    import_hsds(path=path, coalition=cast.coalition)

    assert canonical_dump() == before
    assert service_terms(Service.objects.values_list("pk", flat=True)) == terms_before
    assert Metadata.objects.filter(last_action_type="import").exists()


def test_a_second_import_of_the_export_changes_nothing(cast, tmp_path):
    make_full_map(cast.coalition)
    before = canonical_dump()
    path = tmp_path / "map.json"
    export_hsds(path=path, coalition=cast.coalition)

    result = import_hsds(path=path, coalition=cast.coalition)

    assert not result.created
    assert not result.updated
    assert not Metadata.objects.filter(last_action_type="import").exists()
    assert canonical_dump() == before


def test_the_export_validates_against_the_schema(cast):
    make_full_map(cast.coalition)
    document = json.loads(json.dumps(export_document(coalition=cast.coalition), default=float))
    errors = list(document_validator().iter_errors(document))
    assert errors == []
    assert len(document["services"]) == 2


def test_an_export_of_one_coalition_leaves_the_other_out(cast):
    make_full_map(cast.coalition)
    make_full_map(cast.other_coalition, services=1, prefix="Ander ")
    document = export_document(coalition=cast.other_coalition)
    assert [service["name"] for service in document["services"]] == ["Ander Schuldhulp 0"]
    assert {item["name"] for item in document["locations"]} == {"Ander Wijkcentrum De Linde"}


def test_the_commands_round_trip_the_csv_datapackage(cast, tmp_path):
    make_full_map(cast.coalition)
    before = canonical_dump()
    out = StringIO()
    call_command(
        "export_hsds",
        str(tmp_path / "pakket"),
        "--format",
        "csv",
        "--coalition",
        cast.coalition.name,
        stdout=out,
    )
    files = sorted(path.name for path in (tmp_path / "pakket").iterdir())
    assert files == sorted(["datapackage.json", *(f"{table}.csv" for table in TABLES)])
    package = json.loads((tmp_path / "pakket" / "datapackage.json").read_text())
    assert [resource["name"] for resource in package["resources"]] == list(TABLES)

    delete_map()
    call_command(
        "import_hsds", str(tmp_path / "pakket"), "--coalition", str(cast.coalition.pk), stdout=out
    )

    assert canonical_dump() == before
