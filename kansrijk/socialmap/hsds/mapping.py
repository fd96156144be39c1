"""Model instances <-> HSDS 3.0 record dicts, shared by the exporter and the API.

The models use HSDS's field names (`models/hsds.py`), so a record is mostly the model's
fields by name; foreign keys are HSDS's `<table>_id` (Django's attname). Differences:

- `taxonomy_term.taxonomy` is stored as `TaxonomyTerm.taxonomy_name`;
- kansrijk's municipality of a service area travels as `extent_type` "cbs_code" with the
  municipality's CBS code in `extent` (kansrijk's areas per municipality carry no geometry;
  an area with both a municipality and an extent of its own exports the municipality);
  a location's municipality likewise as `external_identifier_type` "cbs_code";
- `service.last_modified` is exported, but the database keeps its own time on import;
  kansrijk-only fields (the chain-partner link of an organization, who checked a service
  as a user account, the edit version) are not HSDS and are neither exported nor imported.

Blank text is written as null. A record with several possible parents (a phone of a contact
of a service) is nested once, under its most specific parent (`OWNER_ORDER`).

Building the records reads only what was prefetched: pass querysets through
`services_for_records`, `locations_for_records`, `organizations_for_records`, and fetch
the attributes of a page at once with `attributes_by_link`.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from uuid import UUID

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..models import (
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Metadata,
    Organization,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .schema import TABLES

MODELS: dict[str, type[Model]] = {
    "organization": Organization,
    "program": Program,
    "service": Service,
    "location": Location,
    "address": Address,
    "service_at_location": ServiceAtLocation,
    "contact": Contact,
    "phone": Phone,
    "schedule": Schedule,
    "service_area": ServiceArea,
    "language": Language,
    "cost_option": CostOption,
    "funding": Funding,
    "required_document": RequiredDocument,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "attribute": Attribute,
    "metadata": Metadata,
}
# HSDS field -> model field, where they differ.
RENAMED = {"taxonomy_term": {"taxonomy": "taxonomy_name"}}
# Exported, never written back.
READ_ONLY = {"service": {"last_modified"}}
CBS_CODE = "cbs_code"
# Of a record's possible parents, the first one set is where it is nested.
OWNER_ORDER = {
    "phone": (
        "contact_id",
        "service_at_location_id",
        "service_id",
        "location_id",
        "organization_id",
    ),
    "contact": ("service_at_location_id", "service_id", "location_id", "organization_id"),
    "schedule": ("service_at_location_id", "service_id", "location_id"),
    "service_area": ("service_at_location_id", "service_id"),
    "language": ("phone_id", "service_id", "location_id"),
    "funding": ("service_id", "organization_id"),
}
# Entities whose attributes are nested in their records; others are listed apart.
NESTED_ATTRIBUTES = ("service", "organization", "location")


def model_field(table: str, name: str) -> str:
    return RENAMED.get(table, {}).get(name, name)


def owned_by(table: str, instance: Model, parent_field: str) -> bool:
    """Whether `instance` is nested under its parent in `parent_field` (its first set one)."""
    for name in OWNER_ORDER.get(table, (parent_field,)):
        if getattr(instance, name) is not None:
            return name == parent_field
    return False


# --- Model -> HSDS ----------------------------------------------------------------------------


def hsds_value(value):
    """A model value as HSDS JSON: ids and dates as text, blank text as null."""
    if value is None or value == "":
        return None
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def flat_record(table: str, instance: Model) -> dict:
    """The table's own fields of `instance` (no children), in the schema's order."""
    record = {
        name: hsds_value(getattr(instance, model_field(table, name)))
        for name in TABLES[table].fields
    }
    if table == "service_area" and instance.municipality_id:
        record["extent"] = instance.municipality.cbs_code
        record["extent_type"] = CBS_CODE
    if table == "location" and instance.municipality_id:
        record["external_identifier"] = instance.municipality.cbs_code
        record["external_identifier_type"] = CBS_CODE
    return record


def _sorted(instances: Iterable[Model]) -> list[Model]:
    return sorted(instances, key=lambda instance: str(instance.pk))


def _children(table: str, instances: Iterable[Model], parent_field: str, build) -> list[dict]:
    return [build(item) for item in _sorted(instances) if owned_by(table, item, parent_field)]


def language_record(language: Language) -> dict:
    return flat_record("language", language)


def phone_record(phone: Phone) -> dict:
    return {
        **flat_record("phone", phone),
        "languages": _children("language", phone.languages.all(), "phone_id", language_record),
    }


def contact_record(contact: Contact) -> dict:
    return {
        **flat_record("contact", contact),
        "phones": _children("phone", contact.phones.all(), "contact_id", phone_record),
    }


def taxonomy_term_record(term: TaxonomyTerm) -> dict:
    return flat_record("taxonomy_term", term)


def attribute_record(attribute: Attribute) -> dict:
    return {
        **flat_record("attribute", attribute),
        "taxonomy_term": taxonomy_term_record(attribute.taxonomy_term),
    }


def _value_path(model, name: str, prefix: str = "") -> str:
    """The `values()` path of a model attribute: a foreign key's `…_id` is read through the
    key itself (`taxonomy_term_id` → `taxonomy_term`), which gives the same id."""
    for field in model._meta.concrete_fields:
        if field.attname == name:
            return prefix + field.name
    raise LookupError(f"{model.__name__} has no column {name}")


@cache
def _attribute_columns() -> tuple[list[str], list[str], list[str]]:
    """The attribute's and its taxonomy term's HSDS fields, and the `values_list` paths that
    read them in that order (the same for every request: worked out once)."""
    attribute_names = list(TABLES["attribute"].fields)
    term_names = list(TABLES["taxonomy_term"].fields)
    paths = [_value_path(Attribute, model_field("attribute", name)) for name in attribute_names]
    paths += [
        _value_path(TaxonomyTerm, model_field("taxonomy_term", name), "taxonomy_term__")
        for name in term_names
    ]
    return attribute_names, term_names, paths


def attributes_by_link(entity: str, ids: Iterable) -> dict[UUID, list[dict]]:
    """{record id: [attribute records]} of `entity` records, in one query.

    The same records as `attribute_record`, read as plain values with each taxonomy term's
    record built once: a page of 50 services has some 500 attributes over a few dozen
    terms, and building them as model instances took three quarters of the API list's CPU
    (benchmark, issue 5).
    """
    attribute_names, term_names, paths = _attribute_columns()
    rows = (
        Attribute.objects.filter(link_entity=entity, link_id__in=list(ids))
        .order_by("taxonomy_term__taxonomy_name", "taxonomy_term__code", "id")
        .values_list(*paths)
    )
    found: dict[UUID, list[dict]] = defaultdict(list)
    terms: dict[UUID, dict] = {}
    width = len(attribute_names)
    link_at = attribute_names.index("link_id")
    term_at = attribute_names.index("taxonomy_term_id")
    for row in rows:
        term = terms.get(row[term_at])
        if term is None:
            term = terms[row[term_at]] = {
                name: hsds_value(value) for name, value in zip(term_names, row[width:], strict=True)
            }
        record = {
            name: hsds_value(value)
            for name, value in zip(attribute_names, row[:width], strict=True)
        }
        # A copy per attribute, as `attribute_record` gives: a client may change one.
        record["taxonomy_term"] = dict(term)
        found[row[link_at]].append(record)
    return found


def location_record(location: Location, attributes: dict | None = None, *, full=True) -> dict:
    """A location; `full` adds its phones, languages, schedules, contacts and attributes
    (a service's location shows its addresses only)."""
    record = {
        **flat_record("location", location),
        "addresses": [flat_record("address", item) for item in _sorted(location.addresses.all())],
    }
    if full:
        record.update(
            phones=_children("phone", location.phones.all(), "location_id", phone_record),
            languages=_children(
                "language", location.languages.all(), "location_id", language_record
            ),
            schedules=_children(
                "schedule", location.schedules.all(), "location_id", _flat("schedule")
            ),
            contacts=_children("contact", location.contacts.all(), "location_id", contact_record),
            attributes=(attributes or {}).get(location.pk, []),
        )
    return record


def _flat(table: str):
    return lambda instance: flat_record(table, instance)


def service_at_location_record(item: ServiceAtLocation) -> dict:
    key = "service_at_location_id"
    return {
        **flat_record("service_at_location", item),
        "location": location_record(item.location, full=False),
        "contacts": _children("contact", item.contacts.all(), key, contact_record),
        "phones": _children("phone", item.phones.all(), key, phone_record),
        "schedules": _children("schedule", item.schedules.all(), key, _flat("schedule")),
        "service_areas": _children(
            "service_area", item.service_areas.all(), key, _flat("service_area")
        ),
    }


def organization_record(organization: Organization, attributes: dict | None = None) -> dict:
    key = "organization_id"
    return {
        **flat_record("organization", organization),
        "phones": _children("phone", organization.phones.all(), key, phone_record),
        "contacts": _children("contact", organization.contacts.all(), key, contact_record),
        "funding": _children("funding", organization.funding.all(), key, _flat("funding")),
        "programs": [flat_record("program", item) for item in _sorted(organization.programs.all())],
        "attributes": (attributes or {}).get(organization.pk, []),
    }


def service_record(service: Service, attributes: dict | None = None) -> dict:
    """HSDS 3.0's service record: the service with its organization (its own fields), and
    its children; each service_at_location nests its location with addresses."""
    key = "service_id"
    return {
        **flat_record("service", service),
        "organization": flat_record("organization", service.organization),
        "phones": _children("phone", service.phones.all(), key, phone_record),
        "schedules": _children("schedule", service.schedules.all(), key, _flat("schedule")),
        "service_areas": _children(
            "service_area", service.service_areas.all(), key, _flat("service_area")
        ),
        "service_at_locations": [
            service_at_location_record(item) for item in _sorted(service.at_locations.all())
        ],
        "languages": _children("language", service.languages.all(), key, language_record),
        "funding": _children("funding", service.funding.all(), key, _flat("funding")),
        "cost_options": [
            flat_record("cost_option", item) for item in _sorted(service.cost_options.all())
        ],
        "required_documents": [
            flat_record("required_document", item)
            for item in _sorted(service.required_documents.all())
        ],
        "contacts": _children("contact", service.contacts.all(), key, contact_record),
        "attributes": (attributes or {}).get(service.pk, []),
    }


def service_list_record(service: Service, attributes: dict | None = None) -> dict:
    """A service in a list: its own fields, its organization's and its attributes (the
    children are on the service's own record)."""
    return {
        **flat_record("service", service),
        "organization": flat_record("organization", service.organization),
        "attributes": (attributes or {}).get(service.pk, []),
    }


# --- What the records read (prefetch) -------------------------------------------------------

_PHONES = Prefetch("phones", queryset=Phone.objects.prefetch_related("languages"))
_CONTACTS = Prefetch(
    "contacts",
    queryset=Contact.objects.prefetch_related(
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages"))
    ),
)
_AREAS = Prefetch("service_areas", queryset=ServiceArea.objects.select_related("municipality"))


def services_for_records(queryset: QuerySet[Service]) -> QuerySet[Service]:
    """`service_record` reads these: the organization joined, every child table in one
    query (the service at location's location with its municipality joined and its
    addresses prefetched): a fixed number of queries for any number of services."""
    return queryset.select_related("organization").prefetch_related(
        _PHONES,
        "schedules",
        _AREAS,
        "languages",
        "funding",
        "cost_options",
        "required_documents",
        _CONTACTS,
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__municipality"
            ).prefetch_related("location__addresses", _CONTACTS, _PHONES, "schedules", _AREAS),
        ),
    )


def locations_for_records(queryset: QuerySet[Location]) -> QuerySet[Location]:
    return queryset.select_related("municipality").prefetch_related(
        "addresses", _PHONES, "languages", "schedules", _CONTACTS
    )


def organizations_for_records(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    return queryset.prefetch_related(_PHONES, _CONTACTS, "funding", "programs")


# --- HSDS -> model ----------------------------------------------------------------------------


def _types(spec: dict) -> set[str]:
    kind = spec.get("type", "string")
    return set(kind) if isinstance(kind, list) else {kind}


def python_value(spec: dict, value):
    """A valid HSDS value as the model stores it (blank text as "", dates as dates, ...)."""
    kinds = _types(spec)
    fmt = spec.get("format")
    if value is None or value == "":
        # Text columns are NOT NULL (blank is ""); dates, times, ids and numbers are NULL.
        plain_text = "string" in kinds and fmt not in {"date", "time", "date-time", "uuid"}
        return "" if plain_text else None
    if fmt == "uuid":
        return UUID(value)
    if fmt == "date":
        return dt.date.fromisoformat(value)
    if fmt == "time":
        return dt.time.fromisoformat(value)
    if fmt == "date-time":
        moment = parse_datetime(value.replace(" ", "T"))
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    if "number" in kinds:
        return Decimal(str(value))
    if "integer" in kinds:
        return int(value)
    return value


def model_values(table: str, record: dict) -> dict:
    """The model's field values of a valid flat HSDS record (without its id)."""
    values = {}
    for name, spec in TABLES[table].fields.items():
        if name == "id" or name in READ_ONLY.get(table, ()):
            continue
        values[model_field(table, name)] = python_value(spec, record.get(name))
    return values


def csv_value(spec: dict, text: str):
    """A CSV cell as the JSON value it stands for: empty is null, numbers as numbers (a
    cell that is no number stays text, so the schema reports it)."""
    if text is None or text == "":
        return None
    kinds = _types(spec)
    try:
        if "integer" in kinds:
            return int(text)
        if "number" in kinds:
            return Decimal(text)
    except (ValueError, InvalidOperation):
        return text
    return text
