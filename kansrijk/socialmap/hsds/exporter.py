"""Export the social map (of one coalition, or all) as HSDS 3.0 JSON or tabular datapackage.

The JSON document is the shape `import_hsds` reads (see `importer.py`):

    {"hsds_version": "3.0",
     "taxonomies": [...], "taxonomy_terms": [...],
     "organizations": [organization with phones, contacts, funding, programs, attributes],
     "locations": [location with addresses, phones, languages, schedules, contacts, attributes],
     "services": [HSDS service record, as the API shows it: `mapping.service_record`],
     "attributes": [attributes of other records], "metadata": [change history]}

A coalition's export holds its organizations and services, the locations of its
organizations or where its services are given, every taxonomy (they are shared) and the
attributes and history of those records. The tabular datapackage holds the same records,
one CSV per table (`tabular.py`).
"""

import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from django.db.models import Q

from ..models import Attribute, Location, Metadata, Organization, Service, Taxonomy, TaxonomyTerm
from . import tabular
from .mapping import (
    NESTED_ATTRIBUTES,
    attribute_record,
    attributes_by_link,
    flat_record,
    location_record,
    locations_for_records,
    organization_record,
    organizations_for_records,
    service_record,
    services_for_records,
    taxonomy_term_record,
)
from .rows import Batch, flatten_document
from .schema import DOCUMENT_LISTS, HSDS_VERSION, TABLES


def _in_coalition(queryset, coalition, lookup: str):
    return queryset.filter(**{lookup: coalition}) if coalition is not None else queryset


def export_document(*, coalition=None) -> dict:
    organizations = list(
        organizations_for_records(
            _in_coalition(Organization.objects.all(), coalition, "coalition")
        ).order_by("name", "id")
    )
    services = list(
        services_for_records(_in_coalition(Service.objects.all(), coalition, "coalition")).order_by(
            "name", "id"
        )
    )
    locations = Location.objects.all()
    if coalition is not None:
        locations = locations.filter(
            pk__in=Location.objects.filter(
                Q(organization__coalition=coalition)
                | Q(services_here__service__coalition=coalition)
            ).values("pk")
        )
    locations = list(locations_for_records(locations).order_by("name", "id"))

    # Each entity's attributes in one query, not one per record.
    organization_attributes = attributes_by_link("organization", [o.pk for o in organizations])
    location_attributes = attributes_by_link("location", [item.pk for item in locations])
    service_attributes = attributes_by_link("service", [item.pk for item in services])

    document = {
        "hsds_version": HSDS_VERSION,
        "taxonomies": [
            flat_record("taxonomy", taxonomy)
            for taxonomy in Taxonomy.objects.order_by("name", "id")
        ],
        "taxonomy_terms": [
            taxonomy_term_record(term)
            for term in TaxonomyTerm.objects.order_by("taxonomy_name", "code", "name", "id")
        ],
        "organizations": [
            organization_record(item, organization_attributes) for item in organizations
        ],
        "locations": [location_record(item, location_attributes) for item in locations],
        "services": [service_record(item, service_attributes) for item in services],
    }
    ids = _record_ids(document) if coalition is not None else None
    others = Attribute.objects.exclude(link_entity__in=NESTED_ATTRIBUTES).select_related(
        "taxonomy_term"
    )
    history = Metadata.objects.all()
    if ids is not None:
        others = others.filter(link_id__in=ids)
        history = history.filter(resource_id__in=ids)
    document["attributes"] = [attribute_record(item) for item in others.order_by("id")]
    document["metadata"] = [
        flat_record("metadata", item) for item in history.order_by("last_action_date", "id")
    ]
    return document


def _record_ids(document: dict) -> list[str]:
    batch = Batch()
    flatten_document(document, "export", batch)
    return sorted({row.id for rows in batch.rows.values() for row in rows if row.id})


def document_tables(document: dict) -> dict[str, list[dict]]:
    """The document's records flat, per table, each once (nested reference copies of a
    service's organization or a service_at_location's location are the same records)."""
    batch = Batch()
    flatten_document(document, "export", batch)
    tables: dict[str, list[dict]] = {}
    for table in TABLES:
        seen = set()
        tables[table] = []
        for row in batch.rows.get(table, []):
            if row.key in seen:
                continue
            seen.add(row.key)
            tables[table].append(row.record)
    return tables


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def export_hsds(*, path: Path, coalition=None, format: str = "json") -> dict[str, int]:
    """Write the export to `path` (a JSON file, or a directory or `.zip` for CSV); returns
    the number of records per top-level list."""
    path = Path(path)
    document = export_document(coalition=coalition)
    if format == "json":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(document), encoding="utf-8")
    elif path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory() as temporary:
            tabular.write_datapackage(document_tables(document), Path(temporary))
            archive = shutil.make_archive(str(path.with_suffix("")), "zip", temporary)
            if Path(archive) != path:
                Path(archive).replace(path)
    else:
        tabular.write_datapackage(document_tables(document), path)
    return {key: len(document[key]) for key in DOCUMENT_LISTS}
