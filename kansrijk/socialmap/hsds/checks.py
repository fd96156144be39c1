"""The importer's checks of flat HSDS rows: our schema per table (with Dutch reasons), one
row per id, and the references (`Resolver`): every `<table>_id` names a record in the file
or of the importing coalition in the database; records of another coalition are refused;
kansrijk's taxonomy terms, coded terms and attributes are matched to the stored ones.
"""

import json
import re
from collections import defaultdict
from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from kansrijk.organisations.models import Coalition, Municipality

from ..models import Attribute, Location, Organization, Service, Taxonomy, TaxonomyTerm
from .mapping import CBS_CODE, MODELS
from .rows import Batch, Row
from .schema import REFERENCES, TABLES, UUID_PATTERN, flat_validator

# Parents before children: the order records are written in.
WRITE_ORDER = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "program",
    "location",
    "address",
    "service",
    "service_at_location",
    "contact",
    "phone",
    "language",
    "schedule",
    "service_area",
    "cost_option",
    "funding",
    "required_document",
    "attribute",
    "metadata",
)
LINKABLE = tuple(table for table in TABLES if table != "metadata")
_UUID = re.compile(UUID_PATTERN)


def _is_uuid(value) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


# --- Checking ----------------------------------------------------------------------------------

# Marked for translation here, translated where the reason is made.
TYPE_NAMES = {
    "string": N_("tekst"),
    "integer": N_("geheel getal"),
    "number": N_("getal"),
    "object": N_("object"),
    "array": N_("lijst"),
    "boolean": N_("ja/nee"),
    "null": N_("leeg"),
}
FORMAT_REASONS = {
    "uuid": N_("geen geldige UUID"),
    "email": N_("geen geldig e-mailadres"),
    "uri": N_("geen geldige URL (begint met http:// of https://)"),
    "date": N_("geen geldige datum (JJJJ-MM-DD)"),
    "time": N_("geen geldige tijd (UU:MM of UU:MM:SS)"),
    "date-time": N_("geen geldig tijdstip (JJJJ-MM-DDTUU:MM:SS)"),
}


def reason_for(error) -> tuple[str, str]:
    """(field, Dutch reason) of a jsonschema error on a flat record."""
    field_name = ".".join(str(part) for part in error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return missing, _("verplicht veld ontbreekt")
    if kind == "type":
        if error.instance is None:
            return field_name, _("is verplicht")
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = " of ".join(_(TYPE_NAMES.get(name, name)) for name in expected if name != "null")
        return field_name, _("verwacht %(expected)s, gekregen: %(value)s") % {
            "expected": names,
            "value": json.dumps(error.instance, default=str)[:60],
        }
    if kind in ("pattern", "format"):
        fmt = error.schema.get("format")
        if fmt in FORMAT_REASONS:
            return field_name, _(FORMAT_REASONS[fmt])
        return field_name, _("heeft niet de juiste vorm")
    if kind == "minLength":
        return field_name, _("mag niet leeg zijn")
    if kind == "maxLength":
        return field_name, _("is langer dan %(max)s tekens") % {"max": error.validator_value}
    if kind == "enum":
        values = ", ".join(f'"{value}"' for value in error.validator_value if value)
        return field_name, _("moet een van deze waarden zijn: %(values)s") % {"values": values}
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return field_name, _("valt buiten het toegestane bereik")
    return field_name, error.message


def check_schema(batch: Batch) -> None:
    for table, rows in batch.rows.items():
        validator = flat_validator(table)
        for row in rows:
            for error in sorted(validator.iter_errors(row.record), key=lambda e: list(e.path)):
                field_name, reason = reason_for(error)
                batch.reject(row, field_name, reason)


def deduplicate(batch: Batch) -> None:
    """One row per id: a nested reference copy gives way to the record listed in full; a
    record listed twice is rejected."""
    for table, rows in batch.rows.items():
        listed: dict[str, Row] = {}
        for row in rows:
            if row.key and not row.embedded:
                if row.key in listed:
                    batch.reject(row, "id", _("dit id komt meer dan eens voor in de gegevens"))
                else:
                    listed[row.key] = row
        kept = []
        for row in rows:
            if row.embedded and row.key:
                if row.key in listed:
                    continue
                listed[row.key] = row
            kept.append(row)
        batch.rows[table] = kept


class Resolver:
    """The import's view of the database: which referenced ids exist and where, and the ids
    that file records take over from existing ones (matched by name and code)."""

    def __init__(self, batch: Batch, coalition: Coalition):
        self.batch = batch
        self.coalition = coalition
        # Rejected rows count as present: a reference to one is no second error.
        self.in_file: dict[str, set[str]] = {
            table: {row.key for row in rows if row.key} for table, rows in batch.rows.items()
        }
        self.remap: dict[str, dict[str, str]] = defaultdict(dict)

    def rows(self, table: str) -> list[Row]:
        return [row for row in self.batch.rows.get(table, []) if row.valid]

    # Ids of kansrijk's terms (and other coded terms) are matched by name and code.
    def match_taxonomies(self) -> None:
        """A new taxonomy id with a name this database has takes over that taxonomy; a new
        term id with a code takes over the term with that code in its taxonomy (by the
        taxonomy's name, or its id)."""
        stored = dict(Taxonomy.objects.values_list("pk", "name"))
        by_name = {name: str(pk) for pk, name in stored.items()}
        names = {str(pk): name for pk, name in stored.items()}  # file and database, by id
        for row in self.rows("taxonomy"):
            names[row.key] = row.record["name"]
            if UUID(row.key) not in stored and row.record["name"] in by_name:
                self.remap["taxonomy"][row.key] = by_name[row.record["name"]]
        terms = {}
        for pk, taxonomy_id, name, code in TaxonomyTerm.objects.exclude(code="").values_list(
            "pk", "taxonomy_id", "taxonomy_name", "code"
        ):
            terms[("name", name, code)] = str(pk)
            if taxonomy_id:
                terms[("id", str(taxonomy_id), code)] = str(pk)
        rows = self.rows("taxonomy_term")
        existing = set(
            TaxonomyTerm.objects.filter(pk__in=[row.key for row in rows]).values_list(
                "pk", flat=True
            )
        )
        for row in rows:
            record = row.record
            taxonomy_id = (record.get("taxonomy_id") or "").lower()
            if taxonomy_id and not record.get("taxonomy"):
                record["taxonomy"] = names.get(taxonomy_id, "")
            code = record.get("code") or ""
            if UUID(row.key) in existing or not code:
                continue
            match = terms.get(("id", self.target("taxonomy", taxonomy_id), code)) or terms.get(
                ("name", record.get("taxonomy") or "", code)
            )
            if match:
                self.remap["taxonomy_term"][row.key] = match

    def match_attributes(self) -> None:
        rows = self.rows("attribute")
        existing = set(
            map(
                str,
                Attribute.objects.filter(pk__in=[row.key for row in rows]).values_list(
                    "pk", flat=True
                ),
            )
        )
        links = {
            (entity, str(link), str(term)): str(pk)
            for pk, entity, link, term in Attribute.objects.filter(
                link_id__in=[row.record["link_id"] for row in rows]
            ).values_list("pk", "link_entity", "link_id", "taxonomy_term_id")
        }
        seen = set()
        for row in rows:
            record = row.record
            if record["link_entity"] not in LINKABLE:
                self.batch.reject(row, "link_entity", _("onbekende soort record"))
                continue
            term = self.target("taxonomy_term", record["taxonomy_term_id"])
            natural = (record["link_entity"], self.target_link(record), term)
            if natural in seen:
                self.batch.reject(
                    row, "taxonomy_term_id", _("dit record heeft deze term al (ander id)")
                )
            seen.add(natural)
            if row.key not in existing and natural in links:
                self.remap["attribute"][row.key] = links[natural]

    def target(self, table: str, value) -> str:
        key = str(value).lower()
        return self.remap[table].get(key, key)

    def target_link(self, record: dict) -> str:
        entity = record["link_entity"]
        return (
            self.target(entity, record["link_id"])
            if entity in TABLES
            else str(record["link_id"]).lower()
        )

    # References -----------------------------------------------------------------------------

    def check_references(self) -> None:
        """Every reference names a record in the file or of this coalition in the database.

        Rows with schema errors are checked too (their well-formed references), so that one
        run reports everything; a reference to a rejected record is not a second error."""
        rows = {
            table: [row for row in self.batch.rows.get(table, []) if _is_uuid(row.id)]
            for table in WRITE_ORDER
        }
        wanted: dict[str, set[str]] = defaultdict(set)
        for table in WRITE_ORDER:
            for row in rows[table]:
                for name, target in self._references(row):
                    key = self.target(target, row.record[name])
                    if key not in self.in_file.get(target, set()):
                        wanted[target].add(key)
        found = {table: self._existing(table, ids) for table, ids in wanted.items()}
        for table in WRITE_ORDER:
            for row in rows[table]:
                for name, target in self._references(row):
                    key = self.target(target, row.record[name])
                    if key in self.in_file.get(target, set()):
                        continue
                    status = found.get(target, {}).get(key)
                    if status is None:
                        self.batch.reject(
                            row, name, _("verwijst naar een onbekend %(table)s") % {"table": target}
                        )
                    elif status == "other":
                        self.batch.reject(
                            row,
                            name,
                            _("verwijst naar een %(table)s van een andere coalitie")
                            % {"table": target},
                        )
        self._check_owned_elsewhere(rows)
        self._check_municipalities()

    def _references(self, row: Row):
        for name in TABLES[row.table].fields:
            target = REFERENCES.get(name)
            if target and _is_uuid(row.record.get(name)):
                yield name, target
        entity = row.record.get("link_entity")
        if row.table == "attribute" and entity in LINKABLE and _is_uuid(row.record.get("link_id")):
            yield "link_id", entity

    def _existing(self, table: str, ids: set[str]) -> dict[str, str]:
        """{id: "ok" or "other" (of another coalition)} of the ids that exist."""
        model = MODELS[table]
        queryset = model.objects.filter(pk__in=[UUID(key) for key in ids])
        if table in ("organization", "service"):
            rows = queryset.values_list("pk", "coalition_id")
            return {str(pk): "ok" if owner == self.coalition.pk else "other" for pk, owner in rows}
        if table == "location":
            rows = queryset.values_list("pk", "organization__coalition_id")
            return {
                str(pk): "ok" if owner in (None, self.coalition.pk) else "other"
                for pk, owner in rows
            }
        return {str(pk): "ok" for pk in queryset.values_list("pk", flat=True)}

    def _check_owned_elsewhere(self, rows: dict[str, list[Row]]) -> None:
        checks = {
            "organization": Organization.objects.exclude(coalition=self.coalition),
            "service": Service.objects.exclude(coalition=self.coalition),
            "location": Location.objects.exclude(organization=None).exclude(
                organization__coalition=self.coalition
            ),
        }
        for table, queryset in checks.items():
            by_key = {row.key: row for row in rows[table]}
            taken = queryset.filter(pk__in=[UUID(key) for key in by_key]).values_list(
                "pk", flat=True
            )
            for pk in taken:
                self.batch.reject(by_key[str(pk)], "id", _("bestaat al in een andere coalitie"))

    def _check_municipalities(self) -> None:
        self.municipalities = {}
        fields = {
            "service_area": ("extent_type", "extent"),
            "location": ("external_identifier_type", "external_identifier"),
        }
        codes = {
            row.record.get(code_field)
            for table, (type_field, code_field) in fields.items()
            for row in self.rows(table)
            if row.record.get(type_field) == CBS_CODE
        }
        self.municipalities = Municipality.objects.in_bulk(
            [code for code in codes if code], field_name="cbs_code"
        )
        for table, (type_field, code_field) in fields.items():
            for row in self.rows(table):
                if row.record.get(type_field) == CBS_CODE and (
                    row.record.get(code_field) not in self.municipalities
                ):
                    self.batch.reject(row, code_field, _("onbekende CBS-code van een gemeente"))
