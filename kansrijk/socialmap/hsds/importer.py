"""Import an HSDS 3.0 JSON document or tabular CSV datapackage into a coalition's social map.

What is read (`read_source`):

- a JSON file (`*.json`): either an object with any of the lists `organizations`,
  `services`, `locations`, `taxonomies`, `taxonomy_terms`, `attributes`, `metadata` (and an
  optional `hsds_version`), or a list of full HSDS service records. Records may nest their
  children as HSDS 3.0 does (a service's `phones`, `schedules`, `service_areas`,
  `languages`, `cost_options`, `funding`, `required_documents`, `contacts`, `attributes`,
  `service_at_locations` with their `location`; an organization's `phones`, `contacts`,
  `funding`, `programs`, `attributes`; a location's `addresses`, `phones`, `languages`,
  `schedules`, `contacts`, `attributes`; a contact's `phones`; a phone's `languages`). A
  nested child may leave out its parent's id. A service's nested `organization` and a
  service_at_location's nested `location` (and an attribute's `taxonomy_term`) are
  references: they are imported only when the same id is not listed elsewhere in the file;
- a directory or a `.zip` with the tabular datapackage: `datapackage.json` naming one CSV per
  HSDS table (`organization.csv`, `service.csv`, ...; see `tabular.py`), or without it the
  CSV files by those names.

Every record is checked (`checks.py`) against our schema (`schema.py`) and its references (an
`organization_id` must name an organization in the file or already in this coalition, and
so on). Every problem is reported as a `Rejection` (file, record id, field, reason, in
Dutch); with any rejection nothing is written. Otherwise everything is written in one
transaction: records are updated by id (a second import of the same data changes nothing
and duplicates nothing), a `Metadata` row "import" per record and one audit event with the
counts. Records that are not in the file are left alone (an import never deletes).

kansrijk's own taxonomy terms (`vocabulary.py`) are matched by taxonomy name and code, not
by id: a term exported by another kansrijk installation lands on this one's term, so
`terms.service_terms` keeps working. Other terms with a code are matched the same way, and
an attribute by its record and term when its id is new.

A service's coalition is its organization's; organizations get the coalition given to the
import. A record that already belongs to another coalition is rejected.
"""

import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Coalition

from ..models import Metadata
from ..vocabulary import ensure_taxonomies
from . import tabular
from .checks import WRITE_ORDER, Resolver, check_schema, deduplicate
from .mapping import CBS_CODE, MODELS, RENAMED, model_values
from .rows import Batch, ImportRejected, Rejection, flatten_document
from .schema import REFERENCES

SELF_REFERENCES = {"organization": "parent_organization_id", "taxonomy_term": "parent_id"}
HSDS_NAMES = {
    table: {model: hsds for hsds, model in names.items()} for table, names in RENAMED.items()
}


@dataclass
class Change:
    """What the import did to one record: created, or these fields (old, new); none if the
    record was already as in the file."""

    table: str
    pk: UUID
    created: bool = False
    fields: dict[str, tuple] = field(default_factory=dict)


@dataclass
class ImportResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def count(self, table: str, change: Change) -> None:
        if change.created:
            self.created[table] += 1
        elif change.fields:
            self.updated[table] += 1
        else:
            self.unchanged[table] += 1

    def summary(self) -> str:
        parts = [
            _("%(table)s: %(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd")
            % {
                "table": table,
                "created": self.created[table],
                "updated": self.updated[table],
                "unchanged": self.unchanged[table],
            }
            for table in WRITE_ORDER
            if self.created[table] or self.updated[table] or self.unchanged[table]
        ]
        return "; ".join(parts) or _("niets")


# --- Reading -----------------------------------------------------------------------------------


def read_source(path: Path) -> Batch:
    """The flat rows of a JSON document, a datapackage directory or a zip."""
    path = Path(path)
    if path.is_dir():
        return tabular.read_directory(path)
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        return tabular.read_zip(path)
    batch = Batch()
    try:
        document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        batch.reject(None, "", _("bestand niet gevonden"), file=path.name)
        return batch
    except (ValueError, UnicodeDecodeError) as error:
        batch.reject(None, "", _("geen geldige JSON: %(error)s") % {"error": error}, file=path.name)
        return batch
    flatten_document(document, path.name, batch)
    return batch


# --- Writing -----------------------------------------------------------------------------------


def import_hsds(*, path: Path, coalition: Coalition, actor=None) -> ImportResult:
    """Check and write the file at `path` into `coalition`'s map; raises `ImportRejected`
    with every rejection (and writes nothing) if any record is wrong."""
    batch = read_source(Path(path))
    with transaction.atomic():
        ensure_taxonomies()
        deduplicate(batch)
        check_schema(batch)
        resolver = Resolver(batch, coalition)
        resolver.match_taxonomies()
        resolver.match_attributes()
        resolver.check_references()
        if batch.rejections:
            raise ImportRejected(batch.rejections)
        try:
            result, changes = _write(resolver, coalition)
        except IntegrityError as error:
            raise ImportRejected(
                [Rejection(Path(path).name, "", "", _("conflict in de database: %s") % error)]
            ) from error
        _record_history(changes, result, coalition=coalition, actor=actor, file=Path(path).name)
    return result


def _write(resolver: Resolver, coalition: Coalition) -> tuple[ImportResult, list[Change]]:
    result = ImportResult()
    changes: list[Change] = []
    self_references = []
    for table in WRITE_ORDER:
        for row in resolver.rows(table):
            values = model_values(table, row.record)
            for name, value in list(values.items()):
                target = REFERENCES.get(name)
                if target and value is not None:
                    values[name] = UUID(resolver.target(target, value))
            if table == "attribute":
                values["link_id"] = UUID(resolver.target_link(row.record))
            pk = UUID(resolver.target(table, row.key))
            if table in SELF_REFERENCES:
                # Set once every record of the table exists: a parent may come later.
                name = SELF_REFERENCES[table]
                self_references.append((table, pk, {name: values.pop(name)}))
            if table in ("organization", "service"):
                values["coalition_id"] = coalition.pk
            _apply_municipality(resolver, table, values)
            change = _upsert(table, pk, values)
            result.count(table, change)
            changes.append(change)
    for table, pk, values in self_references:
        change = _upsert(table, pk, values)
        if change.fields:
            changes.append(change)
    return result, changes


def _apply_municipality(resolver: Resolver, table: str, values: dict) -> None:
    fields = {
        "service_area": ("extent_type", "extent"),
        "location": ("external_identifier_type", "external_identifier"),
    }
    if table not in fields:
        return
    type_field, code_field = fields[table]
    if values[type_field] == CBS_CODE:
        values["municipality_id"] = resolver.municipalities[values[code_field]].pk
        values[type_field] = values[code_field] = ""
    else:
        values["municipality_id"] = None


def _upsert(table: str, pk: UUID, values: dict) -> Change:
    """Update the record with this id, or create it (`update_or_create` on the HSDS id).

    By hand rather than `update_or_create`: an unchanged record is not saved (a re-import
    changes nothing), each changed field is known for the history, and a changed service
    gets a new version, so that an editor who opened it before the import gets the version
    conflict instead of overwriting the imported data."""
    model = MODELS[table]
    instance = model.objects.filter(pk=pk).first()
    if instance is None:
        model.objects.create(pk=pk, **values)
        return Change(table, pk, created=True)
    changed = {
        name: (getattr(instance, name), value)
        for name, value in values.items()
        if getattr(instance, name) != value
    }
    if changed:
        for name, (_old, value) in changed.items():
            setattr(instance, name, value)
        if table == "service":
            instance.version += 1
        instance.save()
    return Change(table, pk, fields=changed)


def _text(value) -> str:
    return "" if value is None else str(value)


def _record_history(changes: list[Change], result: ImportResult, *, coalition, actor, file):
    """HSDS metadata "import" rows: one per created record, one per changed field (old and
    new value); and one audit event with the counts."""
    now = timezone.now()
    updated_by = getattr(actor, "username", "") or "import_hsds"
    rows = []
    for change in changes:
        if change.table == "metadata":
            continue
        base = {
            "resource_id": change.pk,
            "resource_type": change.table,
            "last_action_date": now,
            "last_action_type": "import",
            "updated_by": updated_by,
        }
        if change.created:
            rows.append(Metadata(**base, replacement_value=file))
        for name, (old, new) in change.fields.items():
            rows.append(
                Metadata(
                    **base,
                    field_name=HSDS_NAMES.get(change.table, {}).get(name, name),
                    previous_value=_text(old),
                    replacement_value=_text(new),
                )
            )
    Metadata.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        object_type="socialmap.hsds_import",
        summary=_("HSDS-import uit %(file)s: %(summary)s")
        % {"file": file, "summary": result.summary()},
        coalition=coalition,
        changes={
            "file": file,
            "created": dict(result.created),
            "updated": dict(result.updated),
            "unchanged": dict(result.unchanged),
        },
    )
