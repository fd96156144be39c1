"""The monitoring export through the API: the dashboard's CSV or XLSX file with the small
numbers suppressed, recorded in the audit trail; bad filters get Dutch messages and leave
no trace; only coordinators and analysts of the coalition."""

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.monitoring_federation import fake_indicators_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/api/v1/monitoring/export/"


def _exports() -> int:
    return AuditEvent.objects.filter(object_type="monitoring.indicators").count()


def test_a_coordinator_downloads_the_csv_with_small_numbers_suppressed(cast, fake_indicators):
    response = logged_in_client(cast.coordinator).get(URL, {"period": "2026-Q3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="monitoring-' in response["Content-Disposition"]
    assert "2026-q3.csv" in response["Content-Disposition"]
    content = response.content.decode("utf-8-sig")
    assert "Kwetsbaarheid (test)" in content
    assert "<10" in content
    event = AuditEvent.objects.get(object_type="monitoring.indicators")
    assert (event.actor, event.coalition) == (cast.coordinator, cast.coalition)
    assert event.changes["period"] == "2026-Q3"


def test_an_analyst_downloads_the_xlsx_of_one_municipality(cast, fake_indicators):
    response = logged_in_client(cast.analyst).get(
        URL, {"format": "xlsx", "period": "2026", "municipality": "GM9501"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert "eerstedorp.xlsx" in response["Content-Disposition"]
    assert _exports() == 1


def test_bad_filters_get_dutch_messages_and_leave_no_trace(cast, fake_indicators):
    client = logged_in_client(cast.coordinator)
    wrong_format = client.get(URL, {"format": "pdf"})
    assert wrong_format.status_code == 400
    assert wrong_format.json()["errors"]["format"] == ["Kies als formaat csv of xlsx."]
    assert client.get(URL, {"period": "2026-Q5"}).status_code == 400
    other = client.get(URL, {"municipality": "GM9502"})
    assert other.json()["errors"]["municipality"] == ["Deze gemeente hoort niet bij je coalitie."]
    assert _exports() == 0


def test_only_coordinators_and_analysts_of_the_coalition(cast, fake_indicators, client):
    for actor in (cast.case_director, cast.administrator, cast.other_coalition_professional):
        assert logged_in_client(actor).get(URL).status_code == 403
    assert client.get(URL).status_code == 401
    other = logged_in_client(cast.coordinator).get(URL, {"coalition": cast.other_coalition.pk})
    assert other.status_code == 404
    assert _exports() == 0
