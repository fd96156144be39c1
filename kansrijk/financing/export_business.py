"""A business case as an XLSX workbook (openpyxl), for coalitions that work on in a
spreadsheet or share the case with funders.

Sheets: "Invoer" (the scenario and every number with its source), then one "Resultaat <estimate>"
sheet per estimate (low, base, high) with per payer per year the investment, the savings and
the net, the totals, the cumulative net and the break-even year. Amounts are written as
numbers (with a euro number format), not as text, so they can be computed with; they are
the same unrounded values the pages round for display.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .business_case import ESTIMATE_LABELS, ESTIMATES, case_input, compute_all

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EURO = '"€" #,##0.00;"€" -#,##0.00'
EFFECT = "0.0000"
BOLD = Font(bold=True)


def filename(case) -> str:
    return f"businesscase-{slugify(case.name)[:60] or case.pk}.xlsx"


def _header(sheet, row: int, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font = BOLD


def _widths(sheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _inputs(sheet, case) -> None:
    sheet.title = _("Invoer")
    sheet["A1"] = case.name
    sheet["A1"].font = Font(bold=True, size=14)
    rows = [
        (_("Beschrijving"), case.description),
        (_("Eerste jaar"), case.start_year),
        (_("Looptijd (jaren)"), case.horizon_years),
        (_("Versie"), case.version),
        (_("Geëxporteerd op"), timezone.localtime().strftime("%d-%m-%Y %H:%M")),
    ]
    if case.is_example:
        rows.insert(0, (_("Let op"), _("Fictief voorbeeld: verzonnen cijfers, geen echte.")))
    row = 2
    for label, value in rows:
        sheet.cell(row=row, column=1, value=label).font = BOLD
        sheet.cell(row=row, column=2, value=value)
        row += 1

    row += 1
    sheet.cell(row=row, column=1, value=_("Interventies")).font = Font(bold=True, size=12)
    row += 1
    _header(
        sheet,
        row,
        [
            _("Interventie"),
            _("Bereik per jaar"),
            _("Kosten per gezin"),
            _("Wie betaalt"),
            _("Bron"),
        ],
    )
    interventions = list(case.interventions.all())
    for intervention in interventions:
        row += 1
        sheet.cell(row=row, column=1, value=intervention.name)
        sheet.cell(row=row, column=2, value=intervention.reach_per_year)
        sheet.cell(row=row, column=3, value=intervention.cost_per_family).number_format = EURO
        sheet.cell(row=row, column=4, value=intervention.get_payer_display())
        sheet.cell(row=row, column=5, value=intervention.source)

    row += 2
    sheet.cell(row=row, column=1, value=_("Effecten en besparingen")).font = Font(
        bold=True, size=12
    )
    row += 1
    _header(
        sheet,
        row,
        [
            _("Interventie"),
            _("Vermeden uitkomst"),
            _("Effect laag"),
            _("Effect basis"),
            _("Effect hoog"),
            _("Vanaf jaar"),
            _("Bron effect"),
            _("Wie bespaart"),
            _("Besparing per uitkomst"),
            _("Bron besparing"),
        ],
    )
    for intervention in interventions:
        for effect in intervention.effects.all():
            savings = list(effect.savings.all()) or [None]
            for saving in savings:
                row += 1
                values = [
                    intervention.name,
                    effect.outcome,
                    effect.effect_low,
                    effect.effect_base,
                    effect.effect_high,
                    effect.lag_years,
                    effect.source,
                ]
                for column, value in enumerate(values, start=1):
                    cell = sheet.cell(row=row, column=column, value=value)
                    if column in (3, 4, 5):
                        cell.number_format = EFFECT
                if saving is not None:
                    sheet.cell(row=row, column=8, value=saving.get_payer_display())
                    amount = sheet.cell(row=row, column=9, value=saving.amount_per_outcome)
                    amount.number_format = EURO
                    sheet.cell(row=row, column=10, value=saving.source)
    _widths(sheet, {1: 34, 2: 30, 3: 16, 4: 16, 5: 40, 6: 11, 7: 40, 8: 34, 9: 22, 10: 40})


def _results(sheet, case, result) -> None:
    years = result.years
    sheet.cell(row=1, column=1, value=case.name).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=_("Schatting: %(label)s") % {"label": result.estimate_label})
    _header(sheet, 4, [_("Betaler"), _("Soort"), *years, _("Totaal")])
    row = 4
    kinds = ((_("Investering"), "investment"), (_("Besparing"), "savings"), (_("Netto"), "net"))
    for payer in result.payers:
        totals = {
            "investment": payer.total_investment,
            "savings": payer.total_savings,
            "net": payer.total_net,
        }
        for label, attribute in kinds:
            row += 1
            sheet.cell(row=row, column=1, value=payer.label)
            sheet.cell(row=row, column=2, value=label)
            for index, year in enumerate(payer.years):
                cell = sheet.cell(row=row, column=3 + index, value=getattr(year, attribute))
                cell.number_format = EURO
            total = sheet.cell(row=row, column=3 + len(years), value=totals[attribute])
            total.number_format = EURO
            total.font = BOLD
    row += 1
    total_rows = (
        (_("Investering"), "investment", result.total_investment),
        (_("Besparing"), "savings", result.total_savings),
        (_("Netto"), "net", result.total_net),
        (_("Cumulatief netto"), "cumulative_net", None),
    )
    for label, attribute, total in total_rows:
        row += 1
        sheet.cell(row=row, column=1, value=_("Alle betalers")).font = BOLD
        sheet.cell(row=row, column=2, value=label).font = BOLD
        for index, year_total in enumerate(result.totals):
            cell = sheet.cell(row=row, column=3 + index, value=getattr(year_total, attribute))
            cell.number_format = EURO
        if total is not None:
            cell = sheet.cell(row=row, column=3 + len(years), value=total)
            cell.number_format = EURO
            cell.font = BOLD
    row += 2
    sheet.cell(row=row, column=1, value=_("Terugverdiend in")).font = BOLD
    sheet.cell(
        row=row,
        column=2,
        value=result.break_even_year or _("niet binnen %(years)s jaar") % {"years": len(years)},
    )
    row += 2
    sheet.cell(row=row, column=1, value=_("Verkeerde zak")).font = Font(bold=True, size=12)
    row += 1
    _header(
        sheet,
        row,
        [_("Betaler"), _("Investeert"), _("Bespaart"), _("Netto"), _("Verkeerde zak")],
    )
    for payer in result.payers:
        row += 1
        sheet.cell(row=row, column=1, value=payer.label)
        for column, value in (
            (2, payer.total_investment),
            (3, payer.total_savings),
            (4, payer.total_net),
        ):
            sheet.cell(row=row, column=column, value=value).number_format = EURO
        sheet.cell(row=row, column=5, value=_("ja") if payer.wrong_pocket else _("nee"))
    _widths(sheet, {1: 38, 2: 18, **{3 + i: 15 for i in range(len(years) + 1)}})


def workbook(case) -> Workbook:
    """The workbook of a case whose rows are prefetched (`selectors_business`)."""
    book = Workbook()
    _inputs(book.active, case)
    results = compute_all(case_input(case))
    for estimate in ESTIMATES:
        sheet = book.create_sheet(_("Resultaat %(label)s") % {"label": ESTIMATE_LABELS[estimate]})
        _results(sheet, case, results[estimate])
    return book


def workbook_bytes(case) -> bytes:
    buffer = BytesIO()
    workbook(case).save(buffer)
    return buffer.getvalue()
