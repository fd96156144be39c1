"""The region's view of accepted documents: side by side, and summed without ever revealing a
small number.

The summing rule, per count (numerator or denominator) of a cell:
- every part is a number (so each is at least 10): the total is their sum;
- some parts are hidden ("<10", or "x" for a number hidden by complementary suppression):
  the total is at least the sum of the parts that are numbers, shown as "≥ X" (X is at least
  10 and public already: each part is in a published document); the true total stays
  unknown, so nothing hidden can be derived from it;
- every part is hidden: a single "<10" stays "<10"; otherwise the total is unknown and is
  shown as suppressed;
- a part lacks the cell or the indicator, or the parts follow different definition versions:
  no total (adding them up would mix definitions).
A share is computed only from exact totals; a value (a median) is never summed.

The national view (`by_region`) uses the same rules: a column per region with the region's
total, and the national total over every document of every region (not over the region
totals, which may be "≥ X" already).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .document import SMALL

EXACT, AT_LEAST, SMALL_ONE, SUPPRESSED, NONE = "exact", "at_least", "small", "suppressed", "none"


@dataclass(frozen=True)
class Total:
    kind: str
    number: int | None = None

    def __str__(self) -> str:
        if self.kind == EXACT:
            return number_format(self.number, force_grouping=True)
        if self.kind == AT_LEAST:
            return "≥ " + number_format(self.number, force_grouping=True)
        if self.kind == SMALL_ONE:
            return SMALL
        if self.kind == SUPPRESSED:
            return _("onderdrukt")
        return "—"


def add_counts(parts: list) -> Total:
    """The total of one count over the parts (int, "<10", or None when a part lacks it)."""
    if not parts or any(part is None for part in parts):
        return Total(NONE)
    known = sum(part for part in parts if isinstance(part, int))
    if all(isinstance(part, int) for part in parts):
        return Total(EXACT, known)
    if known > 0:
        return Total(AT_LEAST, known)
    return Total(SMALL_ONE) if parts == [SMALL] else Total(SUPPRESSED)


def _count_text(count) -> str:
    if isinstance(count, str):  # "<10", or "x" (hidden by complementary suppression)
        return count
    return number_format(count, force_grouping=True)


def _percent(share) -> str:
    return number_format(Decimal(str(share)) * 100, decimal_pos=1) + "%"


def cell_text(cell: dict | None, *, kind: str = "count", unit: str = "") -> str:
    """One publisher's cell as the region page shows it."""
    if cell is None:
        return "—"
    if kind == "median" or "value" in cell:
        if "value" not in cell:
            return _("onderdrukt")
        value = number_format(Decimal(str(cell["value"])), decimal_pos=1)
        return f"{value} {unit}".strip() + f" (n = {_count_text(cell['denominator'])})"
    parts = []
    if "numerator" in cell:
        parts.append(_count_text(cell["numerator"]))
    if "denominator" in cell:
        parts.append(_("van %(total)s") % {"total": _count_text(cell["denominator"])})
    if "share" in cell:
        parts.append(f"({_percent(cell['share'])})")
    return " ".join(parts) or "—"


def total_text(numerator: Total, denominator: Total | None) -> str:
    parts = [str(numerator)]
    if denominator is not None:
        parts.append(_("van %(total)s") % {"total": denominator})
        if numerator.kind == EXACT and denominator.kind == EXACT and denominator.number:
            parts.append(f"({_percent(Decimal(numerator.number) / denominator.number)})")
    return " ".join(parts)


@dataclass
class Row:
    key: str
    label: str
    texts: list[str]
    total: str
    numerator: Total
    denominator: Total | None


@dataclass
class Table:
    code: str
    title: str
    kind: str
    unit: str
    versions: list[int]
    summed: bool
    rows: list[Row] = field(default_factory=list)


def side_by_side(documents: list[dict]) -> list[Table]:
    """One table per indicator: a column per document, and the total where it may be added."""
    order: dict[str, dict] = {}
    for document in documents:
        for indicator in document["indicators"]:
            order.setdefault(indicator["code"], indicator)
    tables = []
    for code, first in order.items():
        parts = [
            next((i for i in document["indicators"] if i["code"] == code), None)
            for document in documents
        ]
        versions = sorted({part["version"] for part in parts if part is not None})
        summed = (
            len(versions) == 1
            and all(part is not None for part in parts)
            and first["kind"] != "median"
        )
        table = Table(code, first["title"], first["kind"], first.get("unit", ""), versions, summed)
        labels: dict[str, str] = {}
        for part in parts:
            for cell in part["cells"] if part else []:
                labels.setdefault(cell["key"], cell["label"])
        for key, label in labels.items():
            cells = [
                next((c for c in part["cells"] if c["key"] == key), None) if part else None
                for part in parts
            ]
            table.rows.append(_row(key, label, cells, table))
        tables.append(table)
    return tables


def _row(key: str, label: str, cells: list, table: Table) -> Row:
    texts = [cell_text(cell, kind=table.kind, unit=table.unit) for cell in cells]
    if (
        not table.summed
        or any(cell is None for cell in cells)
        or any("value" in cell for cell in cells)
    ):
        return Row(key, label, texts, "—", Total(NONE), None)
    numerator = add_counts([cell.get("numerator") for cell in cells])
    denominator = None
    if any("denominator" in cell for cell in cells):
        denominator = add_counts([cell.get("denominator") for cell in cells])
    return Row(key, label, texts, total_text(numerator, denominator), numerator, denominator)


@dataclass
class RegionColumn:
    name: str
    publishers: int


def by_region(regions: list[tuple[str, list[dict]]]) -> tuple[list[RegionColumn], list[Table]]:
    """The national view: per indicator a column per region (the region's total, as its own
    page sums it) and the national total over all documents."""
    everything = [document for _name, documents in regions for document in documents]
    national = side_by_side(everything)
    per_region = [
        {(table.code, row.key): row for table in side_by_side(documents) for row in table.rows}
        for _name, documents in regions
    ]
    columns = [RegionColumn(name, len(documents)) for name, documents in regions]
    tables = []
    for table in national:
        merged = Table(
            table.code, table.title, table.kind, table.unit, table.versions, table.summed
        )
        for row in table.rows:
            texts = []
            for rows in per_region:
                part = rows.get((table.code, row.key))
                texts.append(part.total if part is not None else "—")
            merged.rows.append(
                Row(row.key, row.label, texts, row.total, row.numerator, row.denominator)
            )
        tables.append(merged)
    return columns, tables
