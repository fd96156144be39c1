"""Flat rows of HSDS records and the rejections found in them, shared by the readers (JSON in
`flatten_document`, CSV in `tabular`) and the importer's checks."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .schema import DOCUMENT_LISTS, TABLES

# A nested single record is a reference: the parent's field that names it.
EMBEDDED_REFERENCE = {
    "organization": "organization_id",
    "location": "location_id",
    "taxonomy_term": "taxonomy_term_id",
    "taxonomy_detail": "taxonomy_id",
}


@dataclass(frozen=True)
class Rejection:
    """Why one record (or the file) cannot be imported."""

    file: str
    record_id: str
    field: str
    reason: str
    table: str = ""
    where: str = ""

    def __str__(self) -> str:
        place = f"{self.file} ({self.where})" if self.where else self.file
        record = f"{self.table} {self.record_id}".strip() or "-"
        return f"{place}: {record}: {self.field or '-'}: {self.reason}"


class ImportRejected(Exception):
    def __init__(self, rejections: list[Rejection]):
        super().__init__(_("%(count)s records afgekeurd") % {"count": len(rejections)})
        self.rejections = rejections


@dataclass
class Row:
    """One flat record of one table, and where it came from."""

    file: str
    table: str
    record: dict
    where: str
    embedded: bool = False
    valid: bool = True

    @property
    def id(self) -> str:
        value = self.record.get("id")
        return str(value) if value not in (None, "") else ""

    @property
    def key(self) -> str:
        return self.id.lower()


@dataclass
class Batch:
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    rejections: list[Rejection] = field(default_factory=list)

    def reject(self, row: Row | None, field_name: str, reason: str, *, file: str = "") -> None:
        if row is None:
            self.rejections.append(Rejection(file, "", field_name, reason))
            return
        row.valid = False
        self.rejections.append(
            Rejection(row.file, row.id or "?", field_name, reason, row.table, row.where)
        )

    def add(self, row: Row) -> None:
        self.rows[row.table].append(row)


def flatten_document(document, file: str, batch: Batch) -> None:
    if isinstance(document, list):
        document = {"services": document}
    if not isinstance(document, dict):
        batch.reject(None, "", _("het document is geen object of lijst"), file=file)
        return
    for key in document:
        if key not in DOCUMENT_LISTS and key != "hsds_version":
            batch.reject(None, key, _("onbekende lijst in het document"), file=file)
    for key, table in DOCUMENT_LISTS.items():
        items = document.get(key) or []
        if not isinstance(items, list):
            batch.reject(None, key, _("moet een lijst zijn"), file=file)
            continue
        for index, item in enumerate(items):
            _flatten(batch, file, table, item, f"{key}[{index}]", {}, embedded=False)


def _flatten(batch, file, table, item, where, parent: dict, *, embedded: bool) -> str | None:
    """Add `item` and its nested children as flat rows; returns its id."""
    if not isinstance(item, dict):
        batch.reject(None, where, _("moet een object zijn"), file=file)
        return None
    spec = TABLES[table]
    child_keys = {child.key for child in spec.children}
    record = {key: value for key, value in item.items() if key not in child_keys}
    row = Row(file, table, record, where, embedded)
    for name, value in parent.items():
        given = record.get(name)
        if given in (None, ""):
            record[name] = value
        elif str(given).lower() != str(value).lower():
            batch.reject(row, name, _("verwijst naar een ander record dan waarin het staat"))
    batch.add(row)
    own = record.get("id")
    for child in spec.children:
        value = item.get(child.key)
        if value is None:
            continue
        child_where = f"{where}.{child.key}"
        if child.one:
            child_id = _flatten(batch, file, child.table, value, child_where, {}, embedded=True)
            reference = EMBEDDED_REFERENCE[child.key]
            if child_id and record.get(reference) in (None, ""):
                record[reference] = child_id
            continue
        if not isinstance(value, list):
            batch.reject(row, child.key, _("moet een lijst zijn"))
            continue
        if child.table == "attribute":
            child_parent = {"link_id": own, "link_entity": table}
        else:
            child_parent = {f"{table}_id": own}
        for index, child_item in enumerate(value):
            _flatten(
                batch,
                file,
                child.table,
                child_item,
                f"{child_where}[{index}]",
                child_parent,
                embedded=embedded,
            )
    return own if isinstance(own, str) else None
