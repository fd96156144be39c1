"""The HSDS 3.0 records of the social map's API, described for the OpenAPI schema.

The records themselves are built by `hsds.mapping` (the exporter writes the same ones), so
the API and an export agree. These serializers are generated from our JSON Schema
(`hsds.schema.TABLES`): one component per HSDS table (`HsdsService`, `HsdsPhone`, ...) with
its fields and nested children, so the OpenAPI schema cannot drift from the records.
Their `to_representation` passes the record through unchanged.
"""

from functools import cache

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .hsds.schema import TABLES


class _RecordSerializer(serializers.Serializer):
    """Read-only: the instance already is the HSDS record (a dict from `hsds.mapping`)."""

    def to_representation(self, instance):
        return instance


@cache
def _enum_field(table: str, name: str, values: tuple[str, ...]) -> type[serializers.CharField]:
    # A component of our own (`HsdsServiceStatus`) instead of a ChoiceField: drf-spectacular
    # would name the choice set after the field ("StatusEnum") and clash with other apps'.
    component = _class_name(table).removesuffix("Serializer") + name.title().replace("_", "")
    return extend_schema_field({"type": "string", "enum": list(values)}, component_name=component)(
        type("HsdsEnumField", (serializers.CharField,), {})
    )


# HSDS gives opening hours as "format": "time", but JSON Schema's `time` is RFC 3339's
# full-time, which needs a UTC offset ("09:00:00+01:00"). Our records hold the local time of
# the service ("09:00:00"), so the OpenAPI schema describes exactly that instead.
LocalTimeField = extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
        "description": "Lokale tijd (uu:mm:ss), zonder tijdzone.",
        "example": "09:00:00",
    }
)(type("LocalTimeField", (serializers.CharField,), {}))


def _field(table: str, name: str, spec: dict, required: bool) -> serializers.Field:
    kinds = spec.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    options = {"required": required, "allow_null": "null" in kinds}
    fmt = spec.get("format")
    if "enum" in spec:
        values = tuple(value for value in spec["enum"] if value)  # no "" or null
        return _enum_field(table, name, values)(**options)
    if fmt == "uuid":
        return serializers.UUIDField(**options)
    if fmt == "date":
        return serializers.DateField(**options)
    if fmt == "time":
        return LocalTimeField(**options)
    if fmt == "date-time":
        return serializers.DateTimeField(**options)
    if fmt == "email":
        return serializers.EmailField(**options)
    if fmt == "uri":
        return serializers.URLField(**options)
    if "integer" in kinds:
        return serializers.IntegerField(**options)
    if "number" in kinds:
        return serializers.FloatField(**options)
    return serializers.CharField(**options)


def _class_name(table: str) -> str:
    return "Hsds" + "".join(part.title() for part in table.split("_")) + "Serializer"


@cache
def record_serializer(
    table: str, children: tuple[str, ...] | None = None, suffix: str = ""
) -> type[serializers.Serializer]:
    """The serializer of HSDS's `table` record with its children nested (only those named
    in `children` when given; `suffix` names that shorter component)."""
    spec = TABLES[table]
    attributes = {
        name: _field(table, name, field_spec, name in spec.required)
        for name, field_spec in spec.fields.items()
    }
    for child in spec.children:
        if children is not None and child.key not in children:
            continue
        nested = record_serializer(child.table)
        attributes[child.key] = (
            nested(required=False, allow_null=True)
            if child.one
            else nested(many=True, required=False)
        )
    attributes["__doc__"] = f"HSDS 3.0 {spec.title}."
    attributes["__module__"] = __name__
    name = _class_name(table).replace("Serializer", f"{suffix}Serializer")
    return serializers.SerializerMetaclass(name, (_RecordSerializer,), attributes)


HsdsServiceSerializer = record_serializer("service")
# A page of the service list: each service with its organization and attributes; the
# service's own page (`services/{id}/`) has the full record.
HsdsServiceListItemSerializer = record_serializer(
    "service", ("organization", "attributes"), "ListItem"
)
HsdsOrganizationSerializer = record_serializer("organization")
HsdsLocationSerializer = record_serializer("location")
