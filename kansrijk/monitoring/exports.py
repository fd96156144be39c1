"""The shown indicators as CSV and XLSX: the same suppressed figures as the dashboard.

Only `Shown` figures are written (selectors_dashboard suppresses before anything gets here):
a hidden count is the text "<10" or "x", never its number. In the workbook a shown figure is
a number (so it can be computed with), a hidden one text. The CSV uses a semicolon and a
byte order mark, as Excel in Dutch expects.
"""

import csv
from io import BytesIO, StringIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .selectors_dashboard import Dashboard
from .suppression import COMPLEMENTARY_TEXT, NOT_SHOWN, SMALL_TEXT, Shown

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
BOLD = Font(bold=True)


def filename(data: Dashboard, coalition, municipality, extension: str) -> str:
    parts = ["monitoring", slugify(coalition.name)[:40], data.period.code.lower()]
    if municipality is not None:
        parts.append(slugify(municipality.name)[:30])
    return f"{'-'.join(part for part in parts if part)}.{extension}"


def header(data: Dashboard, coalition, municipality) -> list[tuple[str, str]]:
    return [
        (_("Coalitie"), coalition.name),
        (_("Periode"), f"{data.period.label} ({data.period.code})"),
        (_("Vergeleken met"), f"{data.previous.label} ({data.previous.code})"),
        (_("Gemeente"), municipality.name if municipality else _("Alle gemeenten")),
        (_("Geëxporteerd op"), timezone.localtime().strftime("%d-%m-%Y %H:%M")),
        (
            _("Let op"),
            _(
                "%(small)s: minder dan 10 (ook 0); %(hidden)s: verborgen, zodat een aantal "
                "onder de 10 niet terug te rekenen is."
            )
            % {"small": SMALL_TEXT, "hidden": COMPLEMENTARY_TEXT},
        ),
    ]


def columns() -> list[str]:
    return [
        _("Groep"),
        _("Code"),
        _("Versie"),
        _("Indicator"),
        _("Cel"),
        _("Aantal"),
        _("Noemer"),
        _("Percentage"),
        _("Waarde"),
        _("Eenheid"),
        _("Vorige periode"),
        _("Verschil"),
    ]


def rows(data: Dashboard) -> list[list[Shown | str | int]]:
    """One row per shown cell (and per distribution total), in the dashboard's order."""
    result = []
    for view in data.views:
        indicator = view.indicator
        compared = {row.key: row for row in view.comparison}
        start = [indicator.group, indicator.code, indicator.version, indicator.title]
        for cell in view.table.cells:
            row = compared.get(cell.key)
            result.append(
                [
                    *start,
                    cell.label,
                    cell.numerator or NOT_SHOWN,
                    cell.denominator or NOT_SHOWN,
                    cell.share or NOT_SHOWN,
                    cell.value or NOT_SHOWN,
                    indicator.unit,
                    row.previous if row else NOT_SHOWN,
                    row.difference if row else NOT_SHOWN,
                ]
            )
        if view.table.total is not None:
            row = compared.get("_total")
            result.append(
                [
                    *start,
                    _("Totaal"),
                    view.table.total,
                    NOT_SHOWN,
                    NOT_SHOWN,
                    NOT_SHOWN,
                    indicator.unit,
                    row.previous if row else NOT_SHOWN,
                    row.difference if row else NOT_SHOWN,
                ]
            )
    return result


def _text(value) -> str:
    if isinstance(value, Shown):
        return "" if value is NOT_SHOWN else value.text
    return str(value)


def csv_bytes(data: Dashboard, coalition, municipality) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in header(data, coalition, municipality):
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow(columns())
    for row in rows(data):
        writer.writerow([_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell_value(value):
    """A shown figure as a number (a percentage as a fraction is not done: the text says %),
    a hidden one as its text, an absent one as empty."""
    if isinstance(value, Shown):
        if value is NOT_SHOWN:
            return None
        return value.number if value.number is not None else value.text
    return value


def xlsx_bytes(data: Dashboard, coalition, municipality) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicatoren")
    sheet.cell(row=1, column=1, value=_("Monitoring Kansrijke Start")).font = Font(
        bold=True, size=14
    )
    row = 2
    for label, value in header(data, coalition, municipality):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        sheet.cell(row=row, column=2, value=value)
        row += 1
    row += 1
    for column, label in enumerate(columns(), start=1):
        sheet.cell(row=row, column=column, value=label).font = BOLD
    for values in rows(data):
        row += 1
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=_cell_value(value))
    widths = {1: 18, 2: 22, 3: 8, 4: 44, 5: 30, 6: 10, 7: 10, 8: 12, 9: 12, 10: 10, 11: 14, 12: 18}
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
