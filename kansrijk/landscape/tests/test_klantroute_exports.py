"""The klantroute's poster and XLSX: the same grid, suppressed counts as text, both logged in
the audit trail as the monitoring exports are."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape_klantroute import klantroute_world, referrals_to

pytestmark = pytest.mark.django_db


def _rows(sheet) -> list[list]:
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row[0] == "Fase")
    return rows[start + 1 :]


def test_the_workbook_has_a_municipality_column_and_numbers_as_numbers(cast):
    world = klantroute_world(cast)
    referrals_to(world.kraamzorg, cast, 12, completed=0)
    response = logged_in_client(cast.coordinator).get(reverse("landscape:klantroute_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="klantroute-')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Klantroute", "Leemten en gebruik"]

    services = _rows(book["Klantroute"])
    gap = "Tussen kraamzorg en JGZ (dag 8 tot week 5)"
    language = [row for row in services if row[0] == gap and row[1].startswith("Taal")]
    assert [row[2:4] for row in language] == [
        ["Eerstedorp", "Taalspreekuur"],
        ["Noorddorp", "geen aanbod"],
    ]
    mental = next(r for r in services if r[0] == gap and r[3] == "Praatgroep na de bevalling")
    assert mental[6] == 6  # waiting weeks as a number

    cells = _rows(book["Leemten en gebruik"])
    parenting = next(r for r in cells if r[0] == gap and r[1] == "Opvoeding en hechting")
    assert parenting[4] == 12
    assert parenting[5] == "<10"
    language = next(r for r in cells if r[0] == gap and r[1].startswith("Taal"))
    assert "Leemte in Noorddorp: niet beschikbaar" in language[3]
    assert language[4] == "<10"

    event = AuditEvent.objects.get(object_type="landscape.klantroute")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert event.summary.startswith("XLSX van de klantroute")


def test_the_poster_has_no_menu_and_is_logged(cast):
    klantroute_world(cast)
    response = logged_in_client(cast.analyst).get(reverse("landscape:klantroute_print"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-label="Hoofdmenu"' not in html
    assert "klantroute.css" in html
    assert "Klantroute: Zwangeren in een kwetsbare situatie" in html
    assert "Taalspreekuur" in html
    assert "Afspraak maken" not in html
    assert AuditEvent.objects.filter(
        object_type="landscape.klantroute", actor=cast.analyst, summary__startswith="Poster"
    ).exists()


def test_a_bad_filter_makes_no_file(cast):
    klantroute_world(cast)
    response = logged_in_client(cast.coordinator).get(
        reverse("landscape:klantroute_xlsx"), {"gemeente": "abc"}
    )
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(object_type="landscape.klantroute").exists()
