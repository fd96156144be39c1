"""The social map's HSDS export and import through the API: the export is the coalition's
map as `export_hsds` writes it (JSON or the zipped CSV datapackage), an export imported again
gives the same map, a wrong file is refused with a Dutch message per problem and nothing
stored, a dry run stores nothing, and an import leaves its history and audit event."""

import io
import json
import zipfile

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap import api_hsds_transfer
from kansrijk.socialmap.hsds.exporter import dumps, export_document
from kansrijk.socialmap.models import Metadata, Organization, Service
from kansrijk.socialmap.terms import service_terms
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory
from kansrijk.testing.socialmap_hsds import canonical_dump, delete_map, make_full_map
from kansrijk.testing.socialmap_hsds_transfer import (
    export,
    mentions,
    messages_of,
    token_client,
    upload,
)

pytestmark = pytest.mark.django_db

GOOD_ORG = "5e0c9a52-1b7e-4c3e-8f7a-000000000001"
NAMELESS_ORG = "5e0c9a52-1b7e-4c3e-8f7a-000000000002"
ORPHAN_SERVICE = "5e0c9a52-1b7e-4c3e-8f7a-000000000003"
UNKNOWN_ORG = "5e0c9a52-1b7e-4c3e-8f7a-0000000000ff"


@pytest.fixture
def coordinator(cast):
    return token_client(cast.coordinator)


def broken_document() -> bytes:
    return json.dumps(
        {
            "organizations": [
                {"id": GOOD_ORG, "name": "Goede aanbieder"},
                {"id": NAMELESS_ORG, "description": "Zonder naam"},
            ],
            "services": [
                {
                    "id": ORPHAN_SERVICE,
                    "organization_id": UNKNOWN_ORG,
                    "name": "Wees",
                    "status": "active",
                }
            ],
        }
    ).encode()


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# --- Export -------------------------------------------------------------------------------------


def test_the_json_export_is_the_coalitions_map_as_a_download(cast, coordinator):
    make_full_map(cast.coalition)
    make_full_map(cast.other_coalition, services=1, prefix="Ander ")

    response = export(coordinator)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="sociale-kaart-kansrijke-start-eerstedorp-')
    assert disposition.endswith('.json"')
    body = json.loads(response.content)
    assert body == json.loads(dumps(export_document(coalition=cast.coalition)))
    assert [service["name"] for service in body["services"]] == ["Schuldhulp 0", "Schuldhulp 1"]


def test_the_zip_export_is_the_tabular_datapackage(cast, coordinator):
    make_full_map(cast.coalition)

    response = export(coordinator, format="zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        assert {"datapackage.json", "organization.csv", "service.csv", "location.csv"} <= names
        services = archive.read("service.csv").decode().splitlines()
        package = json.loads(archive.read("datapackage.json"))
    assert len(services) == 1 + 2  # the header and the two services
    assert package["profile"] == "tabular-data-package"


def test_an_unknown_format_is_refused_in_dutch(coordinator):
    response = export(coordinator, format="xml")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application")
    assert mentions(response, "Kies het formaat json of zip.")


def test_a_coordinator_of_two_coalitions_names_the_coalition(cast, coordinator):
    MembershipFactory(
        professional=cast.coordinator,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
        is_professional=False,
        is_coordinator=True,
    )
    make_full_map(cast.other_coalition, services=1, prefix="Ander ")

    unnamed = export(coordinator)
    named = export(coordinator, coalition=cast.other_coalition.pk)
    unknown = export(coordinator, coalition=999999)

    assert unnamed.status_code == 400
    assert mentions(unnamed, "geef de coalitie op")
    assert named.status_code == 200
    assert [s["name"] for s in json.loads(named.content)["services"]] == ["Ander Schuldhulp 0"]
    assert unknown.status_code == 404
    assert mentions(unknown, "Deze coalitie bestaat niet voor jou.")


# --- Round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["json", "zip"])
def test_export_then_import_through_the_api_gives_the_same_map(cast, coordinator, file_format):
    make_full_map(cast.coalition)
    before = canonical_dump()
    terms_before = service_terms(Service.objects.values_list("pk", flat=True))
    exported = export(coordinator, format=file_format)
    assert exported.status_code == 200

    delete_map()
    assert not Service.objects.exists()
    response = upload(coordinator, exported.content, f"kaart.{file_format}")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["dry_run"] is False
    assert body["coalition"] == cast.coalition.pk
    assert body["file"] == f"kaart.{file_format}"
    assert body["created"]["service"] == 2
    assert canonical_dump() == before
    assert service_terms(Service.objects.values_list("pk", flat=True)) == terms_before


def test_importing_the_export_again_changes_nothing(cast, coordinator):
    make_full_map(cast.coalition)
    before = canonical_dump()
    exported = export(coordinator)

    response = upload(coordinator, exported.content, "kaart.json")

    assert response.status_code == 201
    body = response.json()
    assert body["created"] == {}
    assert body["updated"] == {}
    assert body["unchanged"]["service"] == 2
    assert body["changes"] == []
    assert canonical_dump() == before


# --- Dry run ------------------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_change_and_stores_nothing(cast, coordinator):
    make_full_map(cast.coalition)
    document = json.loads(export(coordinator).content)
    service = document["services"][0]
    old_name = service["name"]
    service["name"] = "Schuldhulp nieuw"
    audits_before = AuditEvent.objects.count()
    before = canonical_dump()

    response = upload(coordinator, json.dumps(document).encode(), "kaart.json", dry_run=1)

    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True
    assert body["updated"] == {"service": 1}
    assert {
        "table": "service",
        "id": service["id"],
        "field": "name",
        "previous_value": old_name,
        "new_value": "Schuldhulp nieuw",
    } in body["changes"]
    assert canonical_dump() == before
    assert not Metadata.objects.filter(last_action_type="import").exists()
    assert AuditEvent.objects.count() == audits_before


def test_a_dry_run_into_an_empty_map_lists_the_new_records(cast, coordinator):
    make_full_map(cast.coalition)
    exported = export(coordinator, format="zip").content
    delete_map()

    response = upload(coordinator, exported, "kaart.zip", dry_run="1")

    assert response.status_code == 200
    body = response.json()
    assert body["created"]["service"] == 2
    assert {change["table"] for change in body["changes"]} >= {"organization", "service"}
    new_services = [change for change in body["changes"] if change["table"] == "service"]
    assert len(new_services) == 2
    assert all(change["field"] == "" for change in new_services)
    assert all(change["new_value"] == "kaart.zip" for change in new_services)
    assert not Service.objects.exists()
    assert not Organization.objects.exists()


# --- Refusals -----------------------------------------------------------------------------------


def test_a_wrong_file_is_refused_per_record_and_nothing_is_stored(cast, coordinator):
    response = upload(coordinator, broken_document(), "kapot.json")

    assert response.status_code == 400
    messages = messages_of(response)
    assert any(
        f"kapot.json (organizations[1]): organization {NAMELESS_ORG}: name: "
        "verplicht veld ontbreekt" in message
        for message in messages
    )
    assert any(
        f"service {ORPHAN_SERVICE}: organization_id: verwijst naar een onbekend organization"
        in message
        for message in messages
    )
    assert not Organization.objects.exists()
    assert not Service.objects.exists()
    assert not Metadata.objects.exists()
    assert not AuditEvent.objects.filter(object_type="socialmap.hsds_import").exists()


def test_a_wrong_file_in_a_dry_run_is_refused_the_same_way(coordinator):
    response = upload(coordinator, broken_document(), "kapot.json", dry_run=1)

    assert response.status_code == 400
    assert mentions(response, "verplicht veld ontbreekt")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"{niet: json", "kaart.json", "geen geldige JSON"),
        (b"id,name\n", "kaart.csv", "Onbekend bestandstype"),
        (b"PK\x03\x04kapot", "kaart.zip", "Dit is geen geldig zip-bestand."),
        (b"\xff\xfe\x00kapot", "kaart.json", "geen geldige JSON"),
    ],
)
def test_a_file_that_is_no_hsds_file_is_refused_in_dutch(coordinator, content, name, message):
    response = upload(coordinator, content, name)

    assert response.status_code == 400
    assert mentions(response, message), messages_of(response)
    assert not Organization.objects.exists()


def test_a_zip_without_hsds_files_is_refused(coordinator):
    response = upload(coordinator, zip_of({"leesmij.txt": "hallo"}), "kaart.zip")

    assert response.status_code == 400
    assert mentions(response, "geen datapackage.json en geen HSDS-CSV-bestanden")


def test_a_csv_that_is_not_utf8_is_refused(coordinator):
    content = zip_of({})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organization.csv", "id,name\n1,Caf\xe9\n".encode("latin-1"))
    content = buffer.getvalue()

    response = upload(coordinator, content, "kaart.zip")

    assert response.status_code == 400
    assert mentions(response, "Het bestand is geen UTF-8-tekst.")


def test_a_request_without_a_file_is_refused(coordinator):
    response = coordinator.post("/api/v1/socialmap/hsds/import/", {})

    assert response.status_code == 400
    assert "file" in json.dumps(response.json())


def test_a_too_large_file_is_refused(monkeypatch, coordinator):
    monkeypatch.setattr(api_hsds_transfer, "MAX_UPLOAD_BYTES", 1024 * 1024)

    response = upload(coordinator, b"{" + b" " * (1024 * 1024) + b"}", "kaart.json")

    assert response.status_code == 413
    assert mentions(response, "Het bestand is te groot: hoogstens 1 MB.")


def test_a_zip_that_unpacks_too_large_is_refused_before_reading(monkeypatch, coordinator):
    monkeypatch.setattr(api_hsds_transfer, "MAX_UNPACKED_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organization.csv", "id,name\n" + " " * (2 * 1024 * 1024))

    response = upload(coordinator, buffer.getvalue(), "kaart.zip")

    assert response.status_code == 400
    assert mentions(response, "Het zip-bestand is uitgepakt te groot: hoogstens 1 MB.")


def test_a_zip_with_too_many_files_is_refused(monkeypatch, coordinator):
    monkeypatch.setattr(api_hsds_transfer, "MAX_ZIP_MEMBERS", 2)
    content = zip_of({f"bestand{index}.csv": "id\n" for index in range(3)})

    response = upload(coordinator, content, "kaart.zip")

    assert response.status_code == 400
    assert mentions(response, "Het zip-bestand bevat te veel bestanden: hoogstens 2.")


def test_a_json_body_is_not_an_upload(coordinator):
    response = coordinator.post(
        "/api/v1/socialmap/hsds/import/", {"services": []}, content_type="application/json"
    )

    assert response.status_code == 415


# --- History and audit --------------------------------------------------------------------------


def test_an_import_leaves_history_and_an_audit_event_in_the_callers_name(cast, coordinator):
    make_full_map(cast.coalition, services=1)
    exported = export(coordinator).content
    delete_map()

    response = upload(coordinator, exported, "kaart.json")

    assert response.status_code == 201
    event = AuditEvent.objects.get(object_type="socialmap.hsds_import")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes["file"] == "kaart.json"
    assert event.changes["created"]["service"] == 1
    assert "HSDS-import uit kaart.json" in event.summary
    history = Metadata.objects.filter(last_action_type="import")
    assert history.exists()
    assert set(history.values_list("updated_by", flat=True)) == {cast.coordinator.username}


def test_a_session_after_a_two_factor_login_works_too(cast):
    make_full_map(cast.coalition, services=1)
    client = logged_in_client(cast.coordinator)

    response = export(client, format="zip")

    assert response.status_code == 200
