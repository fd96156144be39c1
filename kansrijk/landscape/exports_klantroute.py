"""The klantroute as an XLSX workbook, for the coalition's own analysis.

Two sheets: "Klantroute" with one row per cell, municipality and service (how to get in,
waiting weeks, who pays, own costs, evidence), and a row "geen aanbod" where a municipality
can reach nothing in the cell; "Leemten en gebruik" with one row per cell: its gaps per
municipality, its use in the last 12 months and its open agreements. A shown count is a
number, a hidden one the text "<10" or "x" (never its number, as in the monitoring exports).
"""

from io import BytesIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kansrijk.care.needs import Need
from kansrijk.monitoring.suppression import COMPLEMENTARY_TEXT, NOT_SHOWN, SMALL_TEXT, Shown
from kansrijk.socialmap.vocabulary import Phase

from .selectors_klantroute import Klantroute

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def filename(data: Klantroute) -> str:
    parts = ["klantroute", slugify(data.coalition.name)[:40], slugify(data.target_group)]
    if data.municipality is not None:
        parts.append(slugify(data.municipality.name)[:30])
    return f"{'-'.join(part for part in parts if part)}.xlsx"


def header(data: Klantroute) -> list[tuple[str, str]]:
    return [
        (_("Coalitie"), data.coalition.name),
        (_("Doelgroep"), data.target_group_label),
        (
            _("Gemeente"),
            data.municipality.name if data.municipality else _("Alle gemeenten"),
        ),
        (_("Verwijzingen sinds"), data.since.strftime("%d-%m-%Y")),
        (_("Geëxporteerd op"), timezone.localtime().strftime("%d-%m-%Y %H:%M")),
        (
            _("Let op"),
            _(
                "Alleen verwijzingen van gezinnen met toestemming voor monitoring tellen mee. "
                "%(small)s: minder dan 10 (ook 0); %(hidden)s: verborgen, zodat een aantal "
                "onder de 10 niet terug te rekenen is."
            )
            % {"small": SMALL_TEXT, "hidden": COMPLEMENTARY_TEXT},
        ),
    ]


def _figure(value: Shown):
    if value is NOT_SHOWN:
        return None
    return value.number if value.number is not None else value.text


def service_rows(data: Klantroute) -> list[list]:
    rows = []
    for cell in data.grid.cells():
        phase, need = str(Phase(cell.phase).label), str(Need(cell.need).label)
        for municipality in data.grid.municipalities:
            reachable = []
            for service in cell.services:
                offer = next(o for o in service.offers if o.municipality.id == municipality.id)
                if offer.available:
                    reachable.append((service, offer))
            if not reachable:
                rows.append([phase, need, municipality.name, _("geen aanbod")] + [None] * 6)
            for service, offer in reachable:
                rows.append(
                    [
                        phase,
                        need,
                        municipality.name,
                        service.name,
                        service.provider,
                        offer.route_label,
                        offer.waiting_weeks,
                        ", ".join(service.payer_labels),
                        ", ".join(service.own_cost_labels),
                        service.evidence_label,
                    ]
                )
    return rows


def cell_rows(data: Klantroute) -> list[list]:
    rows = []
    for cell in data.grid.cells():
        agreements = "; ".join(
            f"{a.facts.what} ({a.facts.who}, {a.facts.due_date.strftime('%d-%m-%Y')}"
            + (f", {_('te laat')}" if a.overdue else "")
            + ")"
            for a in cell.agreements
        )
        rows.append(
            [
                str(Phase(cell.phase).label),
                str(Need(cell.need).label),
                len(cell.services),
                "; ".join(gap.text for gap in cell.gaps),
                _figure(cell.usage.referred),
                _figure(cell.usage.completed),
                agreements,
            ]
        )
    return rows


def _sheet(sheet, title: str, data: Klantroute, columns: list[str], rows, widths) -> None:
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    row = 2
    for label, value in header(data):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        sheet.cell(row=row, column=2, value=value)
        row += 1
    row += 1
    for column, label in enumerate(columns, start=1):
        sheet.cell(row=row, column=column, value=label).font = BOLD
    for values in rows:
        row += 1
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def xlsx_bytes(data: Klantroute) -> bytes:
    book = Workbook()
    services = book.active
    services.title = _("Klantroute")
    _sheet(
        services,
        _("Klantroute: %(group)s") % {"group": data.target_group_label},
        data,
        [
            _("Fase"),
            _("Behoefte"),
            _("Gemeente"),
            _("Aanbod"),
            _("Aanbieder"),
            _("Toegang"),
            _("Wachttijd (weken)"),
            _("Wie betaalt"),
            _("Eigen kosten"),
            _("Bewijskracht"),
        ],
        service_rows(data),
        [28, 26, 16, 40, 30, 34, 10, 26, 20, 34],
    )
    cells = book.create_sheet(_("Leemten en gebruik"))
    _sheet(
        cells,
        _("Leemten en gebruik: %(group)s") % {"group": data.target_group_label},
        data,
        [
            _("Fase"),
            _("Behoefte"),
            _("Aantal aanbod"),
            _("Leemten"),
            _("Verwezen (12 maanden)"),
            _("Afgerond"),
            _("Open verbeterafspraken"),
        ],
        cell_rows(data),
        [28, 26, 10, 60, 14, 12, 60],
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
