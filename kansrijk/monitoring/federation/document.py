"""The aggregate document of a coalition for one period (schema version 1, see schema.json).

The figures come through the one door (`figures.figures`) and are suppressed before they
enter the document, exactly as the dashboard shows them (`suppression.suppress`): a count
under 10 (also 0) becomes "<10", a count from which a small one could be derived by
subtraction becomes "x" (complementary suppression), a share is given only when its
numerator and denominator are both shown, a value (a median) only when the number of
families it is computed over is shown. Nothing else about a family is in the document.
"""

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import indicators as registry
from ..indicators import Scope
from ..periods import Period
from ..protection import shown_tables
from ..suppression import COMPLEMENTARY, Shown, ShownCell, ShownTable

SCHEMA_VERSION = 1
SMALL = "<10"
HIDDEN = "x"
THRESHOLD = 10
SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def schema_errors(document) -> list[str]:
    """The schema violations of `document`, each as "<where>: <what>" (empty: valid).

    The messages name fields, never values: a refused document's reason is kept, and a value
    in it could be a figure or worse."""
    errors = sorted(
        _validator().iter_errors(document), key=lambda error: [str(part) for part in error.path]
    )
    return [_described_error(error) for error in errors]


def _names(names) -> str:
    return ", ".join(str(name)[:40] for name in sorted(names, key=str)[:5])


def _described_error(error) -> str:
    where = "/".join(map(str, error.path)) or "(document)"
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        return _("%(where)s: %(names)s ontbreekt") % {"where": where, "names": _names(missing)}
    if error.validator == "additionalProperties":
        extra = set(instance) - set(error.schema.get("properties", {}))
        return _("%(where)s: onbekend veld %(names)s") % {"where": where, "names": _names(extra)}
    return _("%(where)s: ongeldige waarde (%(rule)s)") % {"where": where, "rule": error.validator}


def publisher_id(coalition) -> str:
    """A coalition's id across installations: this installation's host and the coalition's
    number (MONITORING_PUBLISHER_PREFIX overrides the host, e.g. behind a proxy)."""
    prefix = getattr(settings, "MONITORING_PUBLISHER_PREFIX", "") or (
        urlsplit(settings.SITE_URL).netloc or "kansrijk"
    )
    return f"{prefix}/coalities/{coalition.pk}"


# --- Suppression ---------------------------------------------------------------------------------


def _count(part: Shown | None):
    """A suppressed count as the document writes it: the number (at least 10), "<10" for a
    small number, "x" for a number hidden so that a small one cannot be derived from it."""
    if part is None:
        return None
    if part.reason == COMPLEMENTARY:
        return HIDDEN
    if part.suppressed or part.number is None:
        return SMALL
    return int(part.number)


def _document_cell(cell: ShownCell) -> dict:
    shown: dict = {"key": str(cell.key), "label": str(cell.label)}
    numerator, denominator = _count(cell.numerator), _count(cell.denominator)
    if numerator is not None:
        shown["numerator"] = numerator
    if denominator is not None:
        shown["denominator"] = denominator
    share_shown = cell.share is not None and cell.share.number is not None
    if share_shown and isinstance(numerator, int) and isinstance(denominator, int) and denominator:
        shown["share"] = float(round(Decimal(numerator) / Decimal(denominator), 4))
    value_shown = cell.value is not None and cell.value.number is not None
    if value_shown and isinstance(denominator, int):
        shown["value"] = float(round(Decimal(cell.value.number), 2))
    return shown


def document_cells(table: ShownTable) -> list[dict]:
    """An indicator's shown table (`protection`: small numbers and the numbers they could be
    derived from are hidden) as document cells."""
    return [_document_cell(cell) for cell in table.cells]


# --- The document --------------------------------------------------------------------------------


def build_document(coalition, period: Period, *, version: int, generated_at=None) -> dict:
    """The document of `coalition` for `period`, not yet signed (see signing.signed_file).
    Titles and labels are Dutch whatever the language of the page that publishes it."""
    generated_at = generated_at or timezone.now()
    indicators = []
    with translation.override("nl"):
        tables = shown_tables(Scope(coalition_id=coalition.pk), period)
        for code, table in tables.items():
            indicator = registry.get(code)
            indicators.append(
                {
                    "code": indicator.code,
                    "version": indicator.version,
                    "title": str(indicator.title),
                    "kind": indicator.kind,
                    "unit": str(indicator.unit),
                    "cells": document_cells(table),
                }
            )
    return {
        "schema_version": SCHEMA_VERSION,
        "publisher": {"id": publisher_id(coalition), "name": coalition.name},
        "region": coalition.region.name,
        "period": period.code,
        "version": version,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "indicators": indicators,
    }
