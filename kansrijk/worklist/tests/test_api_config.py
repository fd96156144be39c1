"""A coalition's chain-signal settings through the API: a coordinator reads the thresholds and
changes them through the page's form and service (Dutch messages, one audit event per changed
signal); other roles get 403; another coalition is "not found"; a refused write stores
nothing."""

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.worklist.models import SignalSetting
from kansrijk.worklist.rules import RULES

pytestmark = pytest.mark.django_db

URL = "/api/v1/signal-settings/"


def put(client, signals):
    return client.put(URL, {"signals": signals}, content_type="application/json")


def test_a_coordinator_reads_and_changes_the_thresholds(cast):
    client = logged_in_client(cast.coordinator)
    body = client.get(URL).json()
    assert body["coalition"] == cast.coalition.pk
    assert [row["code"] for row in body["signals"]] == [rule.code for rule in RULES]
    urgent = body["signals"][0]
    assert urgent == {
        "code": "urgent_no_action",
        "title": "Urgent zonder actie",
        "days_label": "Werkdagen na de urgente routekeuze",
        "days": 2,
        "is_active": True,
        "is_default": True,
        "default_days": 2,
        "min_days": 1,
        "max_days": 30,
    }

    response = put(
        client,
        [
            {"code": "no_case_director", "days": 10, "is_active": True},
            {"code": "consent_missing", "days": 7, "is_active": False},
        ],
    )
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["signals"]}
    assert (rows["no_case_director"]["days"], rows["no_case_director"]["is_default"]) == (10, False)
    assert rows["consent_missing"]["is_active"] is False
    assert rows["urgent_no_action"]["is_default"] is True  # not sent: unchanged
    events = AuditEvent.objects.filter(action="update", coalition=cast.coalition)
    assert [event.changes for event in events.order_by("pk")] == [
        {"days": [7, 10]},
        {"is_active": [True, False]},
    ]
    assert {event.actor for event in events} == {cast.coordinator}

    # The same values again change nothing and write no audit event.
    put(client, [{"code": "no_case_director", "days": 10, "is_active": True}])
    assert AuditEvent.objects.filter(action="update", coalition=cast.coalition).count() == 2


def test_the_page_forms_limits_come_back_in_dutch_and_nothing_is_stored(cast):
    client = logged_in_client(cast.coordinator)
    response = put(
        client,
        [
            {"code": "no_case_director", "days": 10, "is_active": True},
            {"code": "urgent_no_action", "days": 31, "is_active": True},
        ],
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {"signals": {"1": {"days": ["Kies hooguit 30."]}}}
    response = put(client, [{"code": "urgent_no_action", "days": 0, "is_active": True}])
    assert response.json()["errors"] == {"signals": {"0": {"days": ["Kies minstens 1."]}}}
    assert not SignalSetting.objects.exists()
    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_signal_sent_twice_or_unknown_is_refused(cast):
    client = logged_in_client(cast.coordinator)
    twice = {"code": "consent_missing", "days": 5, "is_active": True}
    response = put(client, [twice, twice])
    assert response.status_code == 400
    assert response.json()["errors"] == {"signals": ["Geef elk ketensignaal hooguit één keer mee."]}
    response = put(client, [{"code": "bestaat_niet", "days": 5, "is_active": True}])
    assert response.status_code == 400
    assert list(response.json()["errors"]["signals"]["0"]) == ["code"]
    assert not SignalSetting.objects.exists()


@pytest.mark.parametrize("actor", ["analyst", "case_director", "administrator", "outsider"])
def test_only_coordinators_configure(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(URL).status_code == 403
    response = put(client, [{"code": "consent_missing", "days": 5, "is_active": True}])
    assert response.status_code == 403
    assert not SignalSetting.objects.exists()


def test_another_coalition_is_not_found(cast):
    client = logged_in_client(cast.coordinator)
    other = f"{URL}?coalition={cast.other_coalition.pk}"
    assert client.get(other).status_code == 404
    response = client.put(
        other,
        {"signals": [{"code": "consent_missing", "days": 5, "is_active": True}]},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not SignalSetting.objects.exists()


def test_without_a_session_or_token_the_answer_is_401(client):
    assert client.get(URL).status_code == 401


def test_the_schema_describes_the_signal_settings(cast):
    schema = logged_in_client(cast.coordinator).get("/api/v1/schema/", {"format": "json"}).json()
    operations = schema["paths"]["/api/v1/signal-settings/"]
    assert set(operations) == {"get", "put"}
    assert operations["put"]["summary"] == "Ketensignalen instellen"
    assert {"200", "400", "403", "404"} <= set(operations["put"]["responses"])
