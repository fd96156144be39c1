"""Importing a valid HSDS 3.0 JSON document and a valid tabular datapackage (written here),
and importing the same data again: records are updated by id, never duplicated."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import (
    Address,
    Attribute,
    Location,
    Metadata,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from kansrijk.socialmap.terms import service_terms

pytestmark = pytest.mark.django_db

ORG = "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0001"
SERVICE = "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0002"
LOCATION = "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0003"
TERM = "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0004"


def document(name: str = "Budgetcoaching") -> dict:
    """A small map as another HSDS publisher would write it: a list of full service records
    would do too; here the object form with a location listed apart and kansrijk's need term
    by taxonomy name and code (an id this database does not know)."""
    return {
        "hsds_version": "3.0",
        "taxonomy_terms": [
            {"id": TERM, "taxonomy": "kansrijk-behoefte", "code": "finances", "name": "Geld"}
        ],
        "organizations": [
            {"id": ORG, "name": "Humanitas Eerstedorp", "description": "Vrijwilligers."}
        ],
        "locations": [
            {
                "id": LOCATION,
                "location_type": "physical",
                "name": "Buurthuis",
                "addresses": [
                    {
                        "id": "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0005",
                        "address_1": "Dorpsstraat 1",
                        "city": "Eerstedorp",
                        "postal_code": "1234 AB",
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
            }
        ],
        "services": [
            {
                "id": SERVICE,
                "organization_id": ORG,
                "name": name,
                "status": "active",
                "email": "budget@humanitas.example",
                "minimum_age": 18,
                "phones": [{"id": "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0006", "number": "0101112222"}],
                "service_areas": [
                    {
                        "id": "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0007",
                        "name": "Eerstedorp",
                        "extent_type": "cbs_code",
                        "extent": "GM9501",
                    }
                ],
                "service_at_locations": [
                    {"id": "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0008", "location_id": LOCATION}
                ],
                "attributes": [
                    {
                        "id": "0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0009",
                        "taxonomy_term_id": TERM,
                    }
                ],
            }
        ],
    }


def write(tmp_path, data, name="kaart.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(path, coalition) -> str:
    out = StringIO()
    call_command("import_hsds", str(path), "--coalition", coalition.name, stdout=out)
    return out.getvalue()


def test_it_imports_a_valid_json_document(cast, tmp_path):
    output = run(write(tmp_path, document()), cast.coalition)

    service = Service.objects.select_related("organization").get(pk=SERVICE)
    assert service.organization.coalition == cast.coalition
    assert service.coalition == cast.coalition
    assert service.email == "budget@humanitas.example"
    assert service.phones.get().number == "0101112222"
    area = ServiceArea.objects.get()
    assert area.municipality.cbs_code == "GM9501"
    assert ServiceAtLocation.objects.get().location.addresses.get().city == "Eerstedorp"
    # kansrijk's need term was matched by taxonomy name and code, not created again.
    assert (
        TaxonomyTerm.objects.filter(taxonomy_name="kansrijk-behoefte", code="finances").count() == 1
    )
    assert service_terms([service.pk])[service.pk]["needs"] == ["finances"]
    assert Metadata.objects.filter(resource_id=service.pk, last_action_type="import").exists()
    audit = AuditEvent.objects.get(object_type="socialmap.hsds_import")
    assert audit.coalition == cast.coalition
    assert audit.changes["created"]["service"] == 1
    assert "service: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd" in output


def test_it_accepts_a_list_of_full_service_records(cast, tmp_path):
    record = document()["services"][0]
    record.pop("organization_id")
    record["organization"] = {"id": ORG, "name": "Humanitas Eerstedorp"}
    record["service_at_locations"][0]["location"] = {
        "id": LOCATION,
        "location_type": "virtual",
        "url": "https://humanitas.example",
    }
    record["attributes"][0]["taxonomy_term"] = {
        "id": TERM,
        "taxonomy": "kansrijk-behoefte",
        "code": "finances",
        "name": "Geld",
    }

    run(write(tmp_path, [record]), cast.coalition)

    service = Service.objects.get(pk=SERVICE)
    assert service.organization_id is not None
    assert Location.objects.get(pk=LOCATION).location_type == "virtual"
    assert service_terms([service.pk])[service.pk]["needs"] == ["finances"]


def test_it_imports_a_valid_csv_datapackage(cast, tmp_path):
    folder = tmp_path / "pakket"
    folder.mkdir()
    (folder / "datapackage.json").write_text(
        json.dumps(
            {
                "profile": "tabular-data-package",
                "resources": [
                    {"name": "organization", "path": "organization.csv"},
                    {"name": "service", "path": "service.csv"},
                    {"name": "phone", "path": "phone.csv"},
                    {"name": "cost_option", "path": "cost_option.csv"},
                ],
            }
        )
    )
    (folder / "organization.csv").write_text(f"id,name,year_incorporated\n{ORG},Humanitas,1946\n")
    (folder / "service.csv").write_text(
        "id,organization_id,name,status,minimum_age,assured_date,extra_column\n"
        f"{SERVICE},{ORG},Budgetcoaching,active,18,2026-02-01,genegeerd\n"
    )
    (folder / "phone.csv").write_text(
        f"id,service_id,number\n0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0010,{SERVICE},0101112222\n"
    )
    (folder / "cost_option.csv").write_text(
        f"id,service_id,option,amount,currency\n"
        f"0b6f1d0e-3c1a-4a4e-9a51-0d7c1f6a0011,{SERVICE},Intake,7.50,EUR\n"
    )

    run(folder, cast.coalition)

    service = Service.objects.get(pk=SERVICE)
    assert service.minimum_age == 18
    assert str(service.assured_date) == "2026-02-01"
    assert service.organization.year_incorporated == 1946
    assert Phone.objects.get().service_id == service.pk
    assert str(service.cost_options.get().amount) == "7.50"


def test_importing_the_same_data_again_updates_instead_of_duplicating(cast, tmp_path):
    run(write(tmp_path, document()), cast.coalition)
    version = Service.objects.get(pk=SERVICE).version
    counts = {
        model: model.objects.count()
        for model in (Organization, Service, Location, Address, Phone, Attribute, ServiceArea)
    }

    output = run(write(tmp_path, document(name="Budgetcoaching Plus")), cast.coalition)

    assert {model: model.objects.count() for model in counts} == counts
    service = Service.objects.get(pk=SERVICE)
    assert service.name == "Budgetcoaching Plus"
    # An editor who opened the service before the import gets the version conflict.
    assert service.version == version + 1
    assert "service: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in output
    assert "organization: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd" in output
    history = Metadata.objects.get(resource_id=SERVICE, field_name="name")
    assert (history.previous_value, history.replacement_value) == (
        "Budgetcoaching",
        "Budgetcoaching Plus",
    )


def test_a_nested_reference_gives_way_to_the_record_listed_in_full(cast, tmp_path):
    data = document()
    data["services"][0]["organization"] = {"id": ORG}  # only the reference, no name

    run(write(tmp_path, data), cast.coalition)

    assert Organization.objects.get(pk=ORG).name == "Humanitas Eerstedorp"
