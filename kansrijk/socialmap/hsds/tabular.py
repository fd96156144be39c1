"""HSDS 3.0's tabular form: a Frictionless tabular data package with one CSV per table.

`datapackage.json` names the resources (`organization` in `organization.csv`, `service` in
`service.csv`, ... for every table in `schema.TABLES`) with their fields, types, required
fields, primary key and foreign keys. Each CSV has the table's flat fields as columns
(UTF-8, a header row, an empty cell for null). Reading accepts a directory or a zip (the
package may sit in one folder inside it); without `datapackage.json` the CSV files are
found by their table names. Columns we do not know are ignored, as in JSON.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .mapping import csv_value
from .rows import Batch, Row
from .schema import HSDS_VERSION, REFERENCES, TABLES

DATAPACKAGE = "datapackage.json"
FRICTIONLESS_TYPES = {"date": "date", "time": "time", "date-time": "datetime"}


# --- Writing -----------------------------------------------------------------------------------


def _field_descriptor(name: str, spec: dict, required: bool) -> dict:
    kinds = spec.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    fmt = spec.get("format")
    if fmt in FRICTIONLESS_TYPES:
        descriptor = {"name": name, "type": FRICTIONLESS_TYPES[fmt]}
    elif "integer" in kinds:
        descriptor = {"name": name, "type": "integer"}
    elif "number" in kinds:
        descriptor = {"name": name, "type": "number"}
    else:
        descriptor = {"name": name, "type": "string"}
        if fmt in ("uuid", "email", "uri"):
            descriptor["format"] = fmt
    constraints = {}
    if required:
        constraints["required"] = True
    if "enum" in spec:
        constraints["enum"] = [value for value in spec["enum"] if value]
    if "maxLength" in spec:
        constraints["maxLength"] = spec["maxLength"]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def datapackage_descriptor() -> dict:
    resources = []
    for table, spec in TABLES.items():
        foreign_keys = [
            {
                "fields": name,
                "reference": {"resource": "" if target == table else target, "fields": "id"},
            }
            for name, target in REFERENCES.items()
            if name in spec.fields
        ]
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        _field_descriptor(name, field_spec, name in spec.required)
                        for name, field_spec in spec.fields.items()
                    ],
                    "primaryKey": "id",
                    "foreignKeys": foreign_keys,
                },
            }
        )
    return {
        "name": "kansrijk-sociale-kaart",
        "title": "Sociale kaart (Open Referral HSDS)",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "resources": resources,
    }


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_datapackage(rows: dict[str, list[dict]], directory: Path) -> None:
    """Write `datapackage.json` and one CSV per table (all tables, empty ones too)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / DATAPACKAGE).write_text(
        json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for table, spec in TABLES.items():
        with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(spec.columns)
            for record in rows.get(table, []):
                writer.writerow([_cell(record.get(name)) for name in spec.columns])


# --- Reading -----------------------------------------------------------------------------------


def read_directory(path: Path) -> Batch:
    def opener(name: str) -> str | None:
        target = path / name
        return target.read_text(encoding="utf-8-sig") if target.is_file() else None

    return _read_package(opener, path.name)


def read_zip(path: Path) -> Batch:
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if not name.endswith("/")]
        packages = sorted(
            (name for name in names if PurePosixPath(name).name == DATAPACKAGE), key=len
        )
        if packages:
            base = PurePosixPath(packages[0]).parent
        else:
            csvs = sorted((name for name in names if name.endswith(".csv")), key=len)
            base = PurePosixPath(csvs[0]).parent if csvs else PurePosixPath(".")

        def opener(name: str) -> str | None:
            member = str(base / name) if str(base) != "." else name
            if member not in names:
                return None
            return archive.read(member).decode("utf-8-sig")

        return _read_package(opener, path.name)


def _read_package(opener: Callable[[str], str | None], label: str) -> Batch:
    batch = Batch()
    resources = _resources(opener, label, batch)
    for table, file_name in resources.items():
        text = opener(file_name)
        if text is None:
            batch.reject(
                None, table, _("bestand %(name)s ontbreekt") % {"name": file_name}, file=label
            )
            continue
        _read_csv(batch, table, file_name, text)
    return batch


def _resources(opener, label: str, batch: Batch) -> dict[str, str]:
    """{table: CSV file} from `datapackage.json`, or the CSV files named after the tables."""
    descriptor_text = opener(DATAPACKAGE)
    if descriptor_text is None:
        found = {table: f"{table}.csv" for table in TABLES if opener(f"{table}.csv") is not None}
        if not found:
            batch.reject(
                None, "", _("geen datapackage.json en geen HSDS-CSV-bestanden"), file=label
            )
        return found
    try:
        descriptor = json.loads(descriptor_text)
        resources = descriptor["resources"]
        if not isinstance(resources, list):
            raise TypeError(resources)
    except (ValueError, KeyError, TypeError):
        batch.reject(None, "resources", _("geen geldige datapackage.json"), file=DATAPACKAGE)
        return {}
    found = {}
    for index, resource in enumerate(resources):
        name = resource.get("name") if isinstance(resource, dict) else None
        if name not in TABLES:
            batch.reject(
                None,
                f"resources[{index}].name",
                _("onbekende HSDS-tabel: %(name)s") % {"name": name},
                file=DATAPACKAGE,
            )
            continue
        found[name] = str(resource.get("path") or f"{name}.csv")
    return found


def _read_csv(batch: Batch, table: str, file_name: str, text: str) -> None:
    fields = TABLES[table].fields
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "id" not in (reader.fieldnames or []):
        batch.reject(None, "id", _("de kolom id ontbreekt"), file=file_name)
        return
    for line, cells in enumerate(reader, start=2):
        record = {
            name: csv_value(fields[name], value)
            for name, value in cells.items()
            if name in fields and value is not None
        }
        batch.add(Row(file_name, table, record, _("regel %(line)s") % {"line": line}))
