"""The exports of the shown indicators (CSV and XLSX) and the printable report: the same
suppressed figures as the dashboard, never a count under 10, logged in the audit trail."""

import csv
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kansrijk.core.models import AuditEvent
from kansrijk.monitoring.selectors_dashboard import default_period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.monitoring_dashboard import (  # noqa: F401 (fixture)
    fake_indicators,
    registered_families,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_indicators")]

COUNT_COLUMNS = ("Aantal", "Noemer")


def _families(cast):
    """Small and large figures: 4 with a low income, 25 in all, 3 with an interpreter."""
    day = default_period().first + timedelta(days=3)
    registered_families(cast.coalition, cast.coordinator, day, 4, low_income=True)
    registered_families(cast.coalition, cast.coordinator, day, 3, interpreter_needed=True)
    registered_families(cast.coalition, cast.coordinator, day, 18)


def _table(rows: list[list]) -> tuple[list, list[list]]:
    start = next(index for index, row in enumerate(rows) if row and row[0] == "Groep")
    return rows[start], [row for row in rows[start + 1 :] if row]


def _assert_no_count_under_10(header, body):
    for name in COUNT_COLUMNS:
        column = header.index(name)
        for row in body:
            value = row[column]
            if isinstance(value, int | float):
                assert value >= 10, row
            elif value not in (None, "", "<10", "x"):
                assert int(value.replace(".", "")) >= 10, row


def test_the_csv_has_the_suppressed_figures_of_the_period(cast):
    _families(cast)
    period = default_period()

    response = logged_in_client(cast.analyst).get(
        reverse("monitoring:export"), {"format": "csv", "periode": period.code}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"{period.code.lower()}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Coalitie", cast.coalition.name]
    assert rows[1][1] == f"{period.label} ({period.code})"
    header, body = _table(rows)
    _assert_no_count_under_10(header, body)
    by_cell = {(row[1], row[4]): row for row in body}
    assert by_cell[("test-nieuw", "Nieuwe gezinnen")][5] == "25"
    assert by_cell[("test-tolk", "Met tolk")][5:8] == ["<10", "25", ""]
    assert by_cell[("test-inkomen", "Laag inkomen")][5] == "<10"
    assert by_cell[("test-inkomen", "Geen laag inkomen")][5] == "x"
    assert by_cell[("test-inkomen", "Totaal")][5] == "25"
    assert by_cell[("test-mediaan", "Dagen tot eerste contact")][8] == "12,5 dagen"


def test_the_workbook_has_numbers_for_shown_figures_and_text_for_hidden_ones(cast):
    _families(cast)
    other = cast.coalition.municipalities.get()

    response = logged_in_client(cast.coordinator).get(
        reverse("monitoring:export"), {"format": "xlsx", "gemeente": other.pk}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "eerstedorp.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content))["Indicatoren"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[4][:2] == ["Gemeente", "Eerstedorp"]
    header, body = _table(rows)
    _assert_no_count_under_10(header, body)
    by_cell = {(row[1], row[4]): row for row in body}
    assert by_cell[("test-nieuw", "Nieuwe gezinnen")][5] == 25
    assert by_cell[("test-inkomen", "Laag inkomen")][5] == "<10"
    assert by_cell[("test-mediaan", "Dagen tot eerste contact")][8] == 12.5


def test_an_export_is_logged_without_personal_data(cast):
    client = logged_in_client(cast.coordinator)

    client.get(reverse("monitoring:export"), {"format": "csv"})

    event = AuditEvent.objects.get(object_type="monitoring.indicators")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert event.action in ("export", "create")
    assert event.summary.startswith("CSV van de indicatoren")
    assert event.changes == {"period": default_period().code, "municipality": None}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "pdf"}, "Kies als formaat csv of xlsx."),
        ({"format": "csv", "periode": "2026-13"}, "Geef een periode als jaar"),
    ],
)
def test_a_bad_export_request_is_refused_in_dutch(cast, data, message):
    response = logged_in_client(cast.coordinator).get(reverse("monitoring:export"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="monitoring.indicators").exists()


def test_the_report_is_printable_and_logged(cast):
    _families(cast)
    period = default_period()

    response = logged_in_client(cast.analyst).get(reverse("monitoring:report"))

    assert response.status_code == 200
    content = response.content.decode()
    assert f"Monitoring Kansrijke Start: {period.label}" in content
    assert "care/plan.css" in content
    assert "care/print.js" in content
    assert "data-print" in content
    assert content.count('data-testid="indicator"') == 4
    assert 'data-testid="definition-link"' not in content
    assert "Nieuwe gezinnen die een tolk nodig hebben." in content  # the definition
    assert AuditEvent.objects.filter(
        object_type="monitoring.indicators", summary__startswith="Rapport"
    ).exists()
