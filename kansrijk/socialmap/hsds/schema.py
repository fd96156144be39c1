"""Our JSON Schema (draft 2020-12) of the HSDS 3.0 tables the social map stores.

Written from the HSDS 3.0 field list (https://docs.openreferral.org/en/latest/hsds/schema_reference.html)
for the fields kansrijk keeps; it is not a copy of Open Referral's schema files. Differences,
on purpose:

- only the fields kansrijk stores are described; other HSDS fields (e.g. `tax_status`,
  `accessibility`) are allowed (HSDS permits extra fields) and ignored on import;
- `required` lists what kansrijk needs to store a record (HSDS 3.0 also requires e.g. an
  organization's `description`; we accept it empty);
- lengths are the database's, so that a valid record always fits;
- every optional field may be `null` (HSDS JSON and CSV leave unknown values empty).

`TABLES` describes each table flat (one CSV per table in the tabular datapackage);
`record_schema(table)` nests the children as HSDS 3.0's records do (a service with its
organization, phones, schedules, ..., service_at_locations with their location), and
`DOCUMENT_SCHEMA` is the JSON file `import_hsds` reads and `export_hsds` writes (see
`importer.py`).
"""

from dataclasses import dataclass, field
from functools import cache

from jsonschema import Draft202012Validator, FormatChecker

HSDS_VERSION = "3.0"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
URI_PATTERN = r"^(https?|ftp)://\S+$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"


def _nullable(schema: dict) -> dict:
    nullable = {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        nullable["enum"] = [*schema["enum"], None]
    return nullable


def uuid() -> dict:
    return {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}


def ref() -> dict:
    """A reference to another record by its id (may be empty)."""
    return _nullable(uuid())


def text(max_length: int | None = None) -> dict:
    schema = {"type": "string"}
    if max_length:
        schema["maxLength"] = max_length
    return _nullable(schema)


def required_text(max_length: int | None = None) -> dict:
    schema = {"type": "string", "minLength": 1}
    if max_length:
        schema["maxLength"] = max_length
    return schema


def email() -> dict:
    return _nullable(
        {"type": "string", "format": "email", "pattern": EMAIL_PATTERN, "maxLength": 254}
    )


def uri() -> dict:
    return _nullable({"type": "string", "format": "uri", "pattern": URI_PATTERN, "maxLength": 200})


def date() -> dict:
    return _nullable({"type": "string", "format": "date"})


def time() -> dict:
    return _nullable({"type": "string", "format": "time", "pattern": TIME_PATTERN})


def datetime() -> dict:
    return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}


def integer(minimum: int | None = 0, maximum: int | None = 32767) -> dict:
    schema: dict = {"type": "integer"}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return _nullable(schema)


def number(maximum: float) -> dict:
    return _nullable({"type": "number", "exclusiveMaximum": maximum, "exclusiveMinimum": -maximum})


def choice(values: list[str]) -> dict:
    return {"type": "string", "enum": values}


@dataclass(frozen=True)
class Child:
    """A nested child in HSDS's record: `table` records under `key` (a list unless `one`)."""

    key: str
    table: str
    one: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    fields: dict[str, dict]
    required: tuple[str, ...] = ("id",)
    children: tuple[Child, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return list(self.fields)


LOCATION_TYPES = ["physical", "postal", "virtual"]
SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"]

TABLES: dict[str, Table] = {
    "organization": Table(
        "Organization",
        {
            "id": uuid(),
            "name": required_text(200),
            "alternate_name": text(200),
            "description": text(),
            "email": email(),
            "website": uri(),
            "tax_id": text(40),
            "year_incorporated": integer(1000, 9999),
            "legal_status": text(100),
            "logo": uri(),
            "uri": uri(),
            "parent_organization_id": ref(),
        },
        ("id", "name"),
        (
            Child("phones", "phone"),
            Child("contacts", "contact"),
            Child("funding", "funding"),
            Child("programs", "program"),
            Child("attributes", "attribute"),
        ),
    ),
    "program": Table(
        "Program",
        {
            "id": uuid(),
            "organization_id": uuid(),
            "name": required_text(200),
            "alternate_name": text(200),
            "description": text(),
        },
        ("id", "organization_id", "name"),
    ),
    "service": Table(
        "Service",
        {
            "id": uuid(),
            "organization_id": uuid(),
            "program_id": ref(),
            "name": required_text(200),
            "alternate_name": text(200),
            "description": text(),
            "url": uri(),
            "email": email(),
            "status": choice(SERVICE_STATUSES),
            "interpretation_services": text(),
            "application_process": text(),
            "fees_description": text(),
            "wait_time": text(200),
            "fees": text(),
            "accreditations": text(),
            "eligibility_description": text(),
            "minimum_age": integer(),
            "maximum_age": integer(),
            "assured_date": date(),
            "assurer_email": email(),
            "licenses": text(),
            "alert": text(),
            # Written on export; the database keeps its own time of change on import.
            "last_modified": _nullable(datetime()),
        },
        ("id", "organization_id", "name", "status"),
        (
            Child("organization", "organization", one=True),
            Child("phones", "phone"),
            Child("schedules", "schedule"),
            Child("service_areas", "service_area"),
            Child("service_at_locations", "service_at_location"),
            Child("languages", "language"),
            Child("funding", "funding"),
            Child("cost_options", "cost_option"),
            Child("required_documents", "required_document"),
            Child("contacts", "contact"),
            Child("attributes", "attribute"),
        ),
    ),
    "location": Table(
        "Location",
        {
            "id": uuid(),
            "location_type": choice(LOCATION_TYPES),
            "url": uri(),
            "organization_id": ref(),
            "name": text(200),
            "alternate_name": text(200),
            "description": text(),
            "transportation": text(),
            "latitude": number(1000),
            "longitude": number(1000),
            "external_identifier": text(100),
            "external_identifier_type": text(100),
        },
        ("id", "location_type"),
        (
            Child("addresses", "address"),
            Child("phones", "phone"),
            Child("languages", "language"),
            Child("schedules", "schedule"),
            Child("contacts", "contact"),
            Child("attributes", "attribute"),
        ),
    ),
    "address": Table(
        "Address",
        {
            "id": uuid(),
            "location_id": uuid(),
            "attention": text(200),
            "address_1": required_text(200),
            "address_2": text(200),
            "city": required_text(120),
            "region": text(120),
            "state_province": text(120),
            "postal_code": required_text(12),
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "address_type": choice(LOCATION_TYPES),
        },
        ("id", "location_id", "address_1", "city", "postal_code", "country", "address_type"),
    ),
    "service_at_location": Table(
        "Service at location",
        {
            "id": uuid(),
            "service_id": uuid(),
            "location_id": uuid(),
            "description": text(),
        },
        ("id", "service_id", "location_id"),
        (
            Child("location", "location", one=True),
            Child("contacts", "contact"),
            Child("phones", "phone"),
            Child("schedules", "schedule"),
            Child("service_areas", "service_area"),
        ),
    ),
    "contact": Table(
        "Contact",
        {
            "id": uuid(),
            "organization_id": ref(),
            "service_id": ref(),
            "service_at_location_id": ref(),
            "location_id": ref(),
            "name": text(200),
            "title": text(200),
            "department": text(200),
            "email": email(),
        },
        children=(Child("phones", "phone"),),
    ),
    "phone": Table(
        "Phone",
        {
            "id": uuid(),
            "location_id": ref(),
            "service_id": ref(),
            "organization_id": ref(),
            "contact_id": ref(),
            "service_at_location_id": ref(),
            "number": required_text(30),
            "extension": text(10),
            "type": text(20),
            "description": text(),
        },
        ("id", "number"),
        (Child("languages", "language"),),
    ),
    "schedule": Table(
        "Schedule",
        {
            "id": uuid(),
            "service_id": ref(),
            "location_id": ref(),
            "service_at_location_id": ref(),
            "valid_from": date(),
            "valid_to": date(),
            "dtstart": date(),
            "timezone": integer(-12, 14),
            "until": date(),
            "count": integer(0, 2147483647),
            "wkst": _nullable(
                {"type": "string", "enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU", ""]}
            ),
            "freq": _nullable({"type": "string", "enum": ["WEEKLY", "MONTHLY", ""]}),
            "interval": integer(0, 2147483647),
            "byday": text(40),
            "byweekno": text(100),
            "bymonthday": text(100),
            "byyearday": text(100),
            "description": text(),
            "opens_at": time(),
            "closes_at": time(),
            "schedule_link": uri(),
            "attending_type": text(100),
            "notes": text(),
        },
    ),
    "service_area": Table(
        "Service area",
        {
            "id": uuid(),
            "service_id": ref(),
            "service_at_location_id": ref(),
            "name": text(200),
            "description": text(),
            "extent": text(),
            "extent_type": text(20),
            "uri": uri(),
        },
    ),
    "language": Table(
        "Language",
        {
            "id": uuid(),
            "service_id": ref(),
            "location_id": ref(),
            "phone_id": ref(),
            "name": text(100),
            "code": text(10),
            "note": text(),
        },
    ),
    "cost_option": Table(
        "Cost option",
        {
            "id": uuid(),
            "service_id": uuid(),
            "valid_from": date(),
            "valid_to": date(),
            "option": text(200),
            "currency": _nullable({"type": "string", "pattern": "^[A-Z]{3}$"}),
            "amount": number(10**8),
            "amount_description": text(),
        },
        ("id", "service_id"),
    ),
    "funding": Table(
        "Funding",
        {
            "id": uuid(),
            "organization_id": ref(),
            "service_id": ref(),
            "source": required_text(),
        },
        ("id", "source"),
    ),
    "required_document": Table(
        "Required document",
        {
            "id": uuid(),
            "service_id": uuid(),
            "document": required_text(300),
            "uri": uri(),
        },
        ("id", "service_id", "document"),
    ),
    "taxonomy": Table(
        "Taxonomy",
        {
            "id": uuid(),
            "name": required_text(100),
            "description": text(),
            "uri": uri(),
            "version": text(20),
        },
        ("id", "name"),
    ),
    "taxonomy_term": Table(
        "Taxonomy term",
        {
            "id": uuid(),
            "code": text(100),
            "name": required_text(200),
            "description": text(),
            "parent_id": ref(),
            "taxonomy": text(100),
            "language": text(10),
            "taxonomy_id": ref(),
            "term_uri": uri(),
        },
        ("id", "name"),
        (Child("taxonomy_detail", "taxonomy", one=True),),
    ),
    "attribute": Table(
        "Attribute",
        {
            "id": uuid(),
            "link_id": uuid(),
            "taxonomy_term_id": uuid(),
            "link_type": text(100),
            "link_entity": required_text(50),
            "value": text(200),
            "label": text(200),
        },
        ("id", "link_id", "taxonomy_term_id", "link_entity"),
        (Child("taxonomy_term", "taxonomy_term", one=True),),
    ),
    "metadata": Table(
        "Metadata",
        {
            "id": uuid(),
            "resource_id": uuid(),
            "resource_type": required_text(50),
            "last_action_date": datetime(),
            "last_action_type": required_text(20),
            "field_name": text(100),
            "previous_value": text(),
            "replacement_value": text(),
            "updated_by": text(200),
        },
        ("id", "resource_id", "resource_type", "last_action_date", "last_action_type"),
    ),
}

# Reference fields and the table they point into; an attribute's `link_id` points into the
# table named by its `link_entity`, `parent_id` is a taxonomy term's parent term.
REFERENCES = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "program_id": "program",
    "service_id": "service",
    "location_id": "location",
    "contact_id": "contact",
    "service_at_location_id": "service_at_location",
    "phone_id": "phone",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
    "parent_id": "taxonomy_term",
}

# The document's top-level lists and the table of their records.
DOCUMENT_LISTS = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "attributes": "attribute",
    "metadata": "metadata",
}


def flat_schema(table: str) -> dict:
    """One table's record without children: a row of the table's CSV file."""
    spec = TABLES[table]
    return {
        "$schema": DIALECT,
        "title": f"HSDS {HSDS_VERSION} {spec.title}",
        "type": "object",
        "properties": spec.fields,
        "required": list(spec.required),
    }


def _record_def(table: str) -> dict:
    spec = TABLES[table]
    properties = dict(spec.fields)
    for child in spec.children:
        target = {"$ref": f"#/$defs/{child.table}"}
        properties[child.key] = (
            {"anyOf": [target, {"type": "null"}]}
            if child.one
            else {"type": "array", "items": target}
        )
    return {
        "title": f"HSDS {HSDS_VERSION} {spec.title}",
        "type": "object",
        "properties": properties,
        "required": list(spec.required),
    }


def _defs() -> dict:
    return {table: _record_def(table) for table in TABLES}


def record_schema(table: str) -> dict:
    """HSDS's record of `table` with its children nested (e.g. a full service record)."""
    return {"$schema": DIALECT, "$defs": _defs(), "$ref": f"#/$defs/{table}"}


DOCUMENT_SCHEMA = {
    "$schema": DIALECT,
    "title": f"kansrijk HSDS {HSDS_VERSION} document",
    "$defs": _defs(),
    "oneOf": [
        {
            "type": "object",
            "properties": {
                "hsds_version": {"type": "string"},
                **{
                    key: {"type": "array", "items": {"$ref": f"#/$defs/{table}"}}
                    for key, table in DOCUMENT_LISTS.items()
                },
            },
        },
        {"type": "array", "items": {"$ref": "#/$defs/service"}},
    ],
}

FORMAT_CHECKER = FormatChecker(formats=["date"])


@cache
def flat_validator(table: str) -> Draft202012Validator:
    return Draft202012Validator(flat_schema(table), format_checker=FORMAT_CHECKER)


def document_validator() -> Draft202012Validator:
    """Checks a whole document, children included (the exporter's output, in tests).

    Nested children are checked against the flat fields of their table, parent ids
    included; `export_hsds` writes them all."""
    return Draft202012Validator(DOCUMENT_SCHEMA, format_checker=FORMAT_CHECKER)
