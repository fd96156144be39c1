"""The XLSX export: the inputs with their sources, and per estimate the result per payer
per year, as numbers a spreadsheet can compute with."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing_business import make_small_case

pytestmark = pytest.mark.django_db


def _rows(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _find(rows, first, second=None):
    return next(row for row in rows if row[0] == first and (second is None or row[1] == second))


def test_the_export_is_a_workbook_with_inputs_and_three_result_sheets(cast):
    case = make_small_case(cast.coalition, cast.coordinator, is_example=True)

    response = logged_in_client(cast.analyst).get(
        reverse("financing:business_export", args=[case.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="businesscase-preconceptie.xlsx"' in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Invoer", "Resultaat laag", "Resultaat basis", "Resultaat hoog"]

    inputs = _rows(book["Invoer"])
    assert inputs[0][0] == "Preconceptie"
    assert _find(inputs, "Let op")[1].startswith("Fictief voorbeeld")
    intervention = _find(inputs, "Preconceptiespreekuur")
    assert intervention[1:5] == (
        10,
        100,
        "Gemeente: publieke gezondheid (Wpg)",
        "Begroting GGD (test)",
    )
    effect = _find(inputs, "Preconceptiespreekuur", "Vroeggeboorte")
    assert effect[2:10] == (
        0.1,
        0.2,
        0.3,
        1,
        "Werkgroep (test)",
        "Zorgverzekeraar",
        1000,
        "Testbron",
    )

    base = _rows(book["Resultaat basis"])
    assert base[3] == ("Betaler", "Soort", 2026, 2027, 2028, 2029, "Totaal")
    assert _find(base, "Zorgverzekeraar", "Besparing")[2:7] == (0, 2000, 2000, 2000, 6000)
    assert _find(base, "Gemeente: publieke gezondheid (Wpg)", "Investering")[2:7] == (
        1000,
        1000,
        1000,
        1000,
        4000,
    )
    assert _find(base, "Alle betalers", "Cumulatief netto")[2:6] == (-1000, 0, 1000, 2000)
    assert _find(base, "Terugverdiend in")[1] == 2027
    pocket = _find(base, "Gemeente: publieke gezondheid (Wpg)", 4000)
    assert pocket[2:5] == (0, -4000, "ja")
    assert book["Resultaat basis"]["C6"].number_format.startswith('"€"')

    low = _rows(book["Resultaat laag"])
    assert _find(low, "Terugverdiend in")[1] == "niet binnen 4 jaar"
    assert Decimal(str(_find(_rows(book["Resultaat hoog"]), "Alle betalers", "Netto")[6])) == 5000
