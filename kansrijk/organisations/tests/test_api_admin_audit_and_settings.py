"""The coalition's audit trail and settings through the API: coordinators and administrators
read the trail, filtered as on the page; coordinators change the retention period through the
page's form and service, a shorter one only when confirmed; another coalition is "not found";
the trail costs the same queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

AUDIT = "/api/v1/admin/audit/"
SETTINGS = "/api/v1/coalition-settings/"


def _event(cast, coalition=None, summary="Organisatie gewijzigd", action="update"):
    return audit_record(
        actor=cast.coordinator,
        action=action,
        coalition=coalition or cast.coalition,
        summary=summary,
        changes={"phone": ["1", "2"]},
    )


def test_coordinators_and_administrators_read_the_coalitions_trail(cast):
    mine = _event(cast)
    _event(cast, coalition=cast.other_coalition, summary="Elders")
    for actor in (cast.coordinator, cast.administrator):
        rows = logged_in_client(actor).get(AUDIT).json()["results"]
        assert [row["id"] for row in rows] == [mine.pk]
        assert rows[0]["actor_name"] == "Coordinator Testpersoon"
        assert rows[0]["changes"] == {"phone": ["1", "2"]}
        assert "ip_address" not in rows[0]
    for actor in (cast.analyst, cast.case_director):
        assert logged_in_client(actor).get(AUDIT).status_code == 403
    other = logged_in_client(cast.coordinator).get(f"{AUDIT}?coalition={cast.other_coalition.pk}")
    assert other.status_code == 404


def test_the_trail_is_filtered_as_on_the_page(cast):
    _event(cast)
    created = _event(cast, action="create", summary="Aangemaakt")
    client = logged_in_client(cast.coordinator)
    rows = client.get(f"{AUDIT}?action=create").json()["results"]
    assert [row["id"] for row in rows] == [created.pk]
    assert client.get(f"{AUDIT}?from=2999-01-01").json()["count"] == 0
    response = client.get(f"{AUDIT}?from=2026-02-01&to=2026-01-01")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "to": ["De einddatum van de periode ligt voor de begindatum."]
    }
    assert client.get(f"{AUDIT}?from=gisteren").json()["errors"] == {
        "from": ["Vul een geldige datum in."]
    }


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(AUDIT)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_trail_costs_the_same_for_one_row_as_for_many(cast):
    _event(cast)
    client = logged_in_client(cast.coordinator)
    client.get(AUDIT)  # the first request of a session stores its last activity
    few = _queries(client)
    for number in range(8):
        _event(cast, summary=f"Wijziging {number}")
    # Session, user, device, the role check, a count and one page (actor joined).
    assert _queries(client) == few


def test_a_coordinator_reads_and_lengthens_the_retention_period(cast):
    client = logged_in_client(cast.coordinator)
    assert client.get(SETTINGS).json() == {
        "coalition": cast.coalition.pk,
        "retention_years": 20,
        "files_due_for_anonymisation": 0,
    }
    response = client.patch(SETTINGS, {"retention_years": 25}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["retention_years"] == 25
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 25
    event = AuditEvent.objects.get(object_type="organisations.Coalition")
    assert (event.actor, event.changes) == (cast.coordinator, {"retention_years": [20, 25]})


def test_a_shorter_period_needs_a_confirmation(cast):
    client = logged_in_client(cast.coordinator)
    response = client.patch(SETTINGS, {"retention_years": 10}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["confirmed"] == [
        "Je verkort de bewaartermijn van 20 naar 10 jaar: dan worden bij de volgende run 0 "
        "dossiers van deze coalitie geanonimiseerd, en dat kan niet ongedaan worden gemaakt. "
        "Stuur confirmed: true mee om dit te bevestigen."
    ]
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20
    assert not AuditEvent.objects.exists()
    response = client.patch(
        SETTINGS, {"retention_years": 10, "confirmed": True}, content_type="application/json"
    )
    assert response.json()["retention_years"] == 10


def test_the_period_is_checked_as_on_the_page(cast):
    client = logged_in_client(cast.coordinator)
    response = client.patch(SETTINGS, {"retention_years": 0}, content_type="application/json")
    assert response.json()["errors"] == {
        "retention_years": ["De bewaartermijn is minstens 1 jaar."]
    }
    response = client.patch(SETTINGS, {"retention_years": 101}, content_type="application/json")
    assert response.json()["errors"] == {
        "retention_years": ["De bewaartermijn is hoogstens 100 jaar."]
    }
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20


def test_only_coordinators_change_the_settings(cast):
    for actor in (cast.administrator, cast.analyst, cast.case_director):
        client = logged_in_client(actor)
        assert client.get(SETTINGS).status_code == 403
        response = client.patch(SETTINGS, {"retention_years": 30}, content_type="application/json")
        assert response.status_code == 403
    client = logged_in_client(cast.coordinator)
    assert client.get(f"{SETTINGS}?coalition={cast.other_coalition.pk}").status_code == 404
    assert client.delete(SETTINGS).status_code == 405
    cast.coalition.refresh_from_db()
    assert cast.coalition.retention_years == 20
