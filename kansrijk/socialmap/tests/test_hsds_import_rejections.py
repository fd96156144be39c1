"""An HSDS file with broken records: every rejected record is reported (file, record id,
field, reason) and nothing is imported."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.hsds.importer import ImportRejected, import_hsds
from kansrijk.socialmap.models import Metadata, Organization, Phone, Service
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.django_db

GOOD_ORG = "7d0c9a52-1b7e-4c3e-8f7a-000000000001"
NAMELESS_ORG = "7d0c9a52-1b7e-4c3e-8f7a-000000000002"
ORPHAN_SERVICE = "7d0c9a52-1b7e-4c3e-8f7a-000000000003"
TYPED_SERVICE = "7d0c9a52-1b7e-4c3e-8f7a-000000000004"
UNKNOWN_ORG = "7d0c9a52-1b7e-4c3e-8f7a-0000000000ff"
PHONE = "7d0c9a52-1b7e-4c3e-8f7a-000000000005"


def broken_document() -> dict:
    return {
        "organizations": [
            {"id": GOOD_ORG, "name": "Goede aanbieder"},
            {"id": NAMELESS_ORG, "description": "Zonder naam"},
            {"id": "geen-uuid", "name": "Aanbieder met kapot id"},
        ],
        "services": [
            {
                "id": ORPHAN_SERVICE,
                "organization_id": UNKNOWN_ORG,
                "name": "Wees",
                "status": "active",
            },
            {
                "id": TYPED_SERVICE,
                "organization_id": GOOD_ORG,
                "name": "Verkeerde typen",
                "status": "active",
                "minimum_age": "achttien",
                "email": "geen-e-mailadres",
                "phones": [{"id": PHONE, "number": "0101234567"}],
            },
        ],
    }


def rejections_of(path, coalition) -> list:
    with pytest.raises(ImportRejected) as raised:
        import_hsds(path=path, coalition=coalition)
    return raised.value.rejections


def test_every_broken_record_is_reported_and_nothing_is_stored(cast, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(broken_document()))

    rejections = rejections_of(path, cast.coalition)

    found = {(r.file, r.record_id, r.field, r.reason) for r in rejections}
    assert found == {
        ("kapot.json", NAMELESS_ORG, "name", "verplicht veld ontbreekt"),
        ("kapot.json", "geen-uuid", "id", "geen geldige UUID"),
        (
            "kapot.json",
            ORPHAN_SERVICE,
            "organization_id",
            "verwijst naar een onbekend organization",
        ),
        ("kapot.json", TYPED_SERVICE, "minimum_age", 'verwacht geheel getal, gekregen: "achttien"'),
        ("kapot.json", TYPED_SERVICE, "email", "geen geldig e-mailadres"),
    }
    # The good organization and the valid phone are not imported either.
    assert not Organization.objects.exists()
    assert not Service.objects.exists()
    assert not Phone.objects.exists()
    assert not Metadata.objects.exists()
    assert not AuditEvent.objects.filter(object_type="socialmap.hsds_import").exists()


def test_the_command_prints_the_report_and_fails(cast, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(broken_document()))
    err = StringIO()

    with pytest.raises(CommandError, match="5 afgekeurde records: niets geïmporteerd"):
        call_command("import_hsds", str(path), "--coalition", str(cast.coalition.pk), stderr=err)

    report = err.getvalue()
    assert (
        f"kapot.json (organizations[1]): organization {NAMELESS_ORG}: name: "
        "verplicht veld ontbreekt" in report
    )
    assert f"kapot.json (services[1]): service {TYPED_SERVICE}: email: geen geldig e-mailadres" in (
        report
    )


def test_broken_rows_of_a_csv_datapackage_are_reported_by_file_and_line(cast, tmp_path):
    folder = tmp_path / "pakket"
    folder.mkdir()
    (folder / "organization.csv").write_text(
        f"id,name,email\n{GOOD_ORG},Goed,info@goed.example\n{NAMELESS_ORG},,mis\n"
    )
    (folder / "service.csv").write_text(
        f"id,organization_id,name,status\n{ORPHAN_SERVICE},{UNKNOWN_ORG},Wees,open\n"
    )

    rejections = rejections_of(folder, cast.coalition)

    found = {(r.file, r.where, r.record_id, r.field, r.reason) for r in rejections}
    assert ("organization.csv", "regel 3", NAMELESS_ORG, "name", "is verplicht") in found
    assert ("organization.csv", "regel 3", NAMELESS_ORG, "email", "geen geldig e-mailadres") in (
        found
    )
    assert (
        "service.csv",
        "regel 2",
        ORPHAN_SERVICE,
        "organization_id",
        "verwijst naar een onbekend organization",
    ) in found
    assert any(r.field == "status" and r.reason.startswith("moet een van") for r in rejections)
    assert not Organization.objects.exists()


def test_records_of_another_coalition_are_refused(cast, tmp_path):
    other = make_service(make_provider(cast.other_coalition, name="Elders"), name="Elders hulp")
    path = tmp_path / "kaping.json"
    path.write_text(
        json.dumps(
            {
                "services": [
                    {
                        "id": str(other.pk),
                        "organization_id": str(other.organization_id),
                        "name": "Overgenomen",
                        "status": "active",
                    }
                ]
            }
        )
    )

    rejections = rejections_of(path, cast.coalition)

    assert {(r.record_id, r.field) for r in rejections} == {
        (str(other.pk), "organization_id"),
        (str(other.pk), "id"),
    }
    other.refresh_from_db()
    assert other.name == "Elders hulp"
