"""Managing MDO series through the API: a coordinator sets up, changes and archives a series
and plans its meetings, through the pages' forms and the services (Dutch messages, audit
trail); a standing participant reads but does not manage; analysts get nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.mdo.models import MdoMeeting, MdoSeries
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import make_series, plan_meeting

pytestmark = pytest.mark.django_db
SERIES = "/api/v1/mdo/series/"  # reverse() at import time would load DRF too early

NEW = {
    "name": "MDO Zwangeren Tweededorp",
    "recurrence": "fortnightly",
    "default_place": "Wijkcentrum De Brug",
    "access_days": 10,
}


def detail(pk: int) -> str:
    return reverse("api:mdo_series_detail", args=[pk])


def meetings(pk: int) -> str:
    return reverse("api:mdo_series_meetings", args=[pk])


def _post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def test_a_coordinator_sets_up_a_series(cast):
    response = _post(logged_in_client(cast.coordinator), SERIES, NEW)
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["recurrence"], body["access_days"]) == (
        "MDO Zwangeren Tweededorp",
        "fortnightly",
        10,
    )
    assert body["coalition"]["id"] == cast.coalition.pk
    assert body["is_active"] is True
    assert body["manages"] is True
    series = MdoSeries.objects.get()
    assert series.created_by == cast.coordinator
    assert AuditEvent.objects.filter(object_type="mdo.MdoSeries", action="create").exists()


def test_the_pages_checks_give_dutch_messages(cast):
    client = logged_in_client(cast.coordinator)
    response = _post(client, SERIES, {**NEW, "name": " ", "access_days": 400})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["name"] == ["Geef het MDO een naam."]
    assert errors["access_days"][0].startswith("Kies een aantal dagen tussen 0 en")
    bad_link = _post(client, SERIES, {**NEW, "default_video_link": "geen link"})
    assert bad_link.json()["errors"]["default_video_link"] == [
        "Vul een volledige link in, bijvoorbeeld https://…"
    ]
    assert not MdoSeries.objects.exists()


def test_only_coordinators_manage_a_series(cast, client):
    series = make_series(cast)
    member = logged_in_client(cast.outsider)
    assert member.get(detail(series.pk)).status_code == 200
    assert _post(member, SERIES, NEW).status_code == 403
    assert member.patch(detail(series.pk), {"name": "X"}, "application/json").status_code == 403
    for actor in (cast.analyst, cast.administrator):
        refused = logged_in_client(actor)
        assert _post(refused, SERIES, NEW).status_code == 403
        assert (
            refused.patch(detail(series.pk), {"name": "X"}, "application/json").status_code == 403
        )
    other = logged_in_client(cast.other_coalition_professional)
    assert other.patch(detail(series.pk), {"name": "X"}, "application/json").status_code == 403
    assert client.post(SERIES, NEW, content_type="application/json").status_code == 401
    series.refresh_from_db()
    assert series.name == "MDO Zwangeren Eerstedorp"
    assert MdoSeries.objects.count() == 1


def test_a_coordinator_changes_and_archives_a_series(cast):
    series = make_series(cast, default_place="Gemeentehuis")
    client = logged_in_client(cast.coordinator)
    response = client.patch(detail(series.pk), {"access_days": 21}, "application/json")
    assert response.status_code == 200
    assert (response.json()["access_days"], response.json()["default_place"]) == (
        21,
        "Gemeentehuis",
    )
    archived = client.patch(detail(series.pk), {"is_active": False}, "application/json")
    assert archived.json()["is_active"] is False
    # An archived series gets no new meetings.
    later = (timezone.now() + timedelta(days=7)).isoformat()
    refused = _post(client, meetings(series.pk), {"starts_at": later})
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Dit MDO is niet meer actief."
    replaced = client.put(detail(series.pk), NEW, "application/json")
    assert replaced.status_code == 200, replaced.json()
    assert (replaced.json()["name"], replaced.json()["is_active"]) == (NEW["name"], True)
    assert AuditEvent.objects.filter(object_type="mdo.MdoSeries", action="update").count() == 3


def test_planning_a_meeting_copies_the_standing_participants(cast):
    series = make_series(cast, default_place="Wijkcentrum")
    client = logged_in_client(cast.coordinator)
    starts = timezone.now() + timedelta(days=14)
    response = _post(client, meetings(series.pk), {"starts_at": starts.isoformat()})
    assert response.status_code == 201
    body = response.json()
    assert (body["series"], body["place"], body["status"]) == (series.pk, "Wijkcentrum", "draft")
    meeting = MdoMeeting.objects.get()
    assert list(meeting.participants.values_list("professional", flat=True)) == [cast.outsider.pk]
    past = _post(client, meetings(series.pk), {"starts_at": "2020-01-01T10:00:00+01:00"})
    assert past.status_code == 400
    assert past.json()["errors"]["starts_at"] == [
        "Een nieuw overleg kan niet in het verleden liggen."
    ]
    assert (
        _post(
            logged_in_client(cast.outsider), meetings(series.pk), {"starts_at": starts.isoformat()}
        ).status_code
        == 403
    )
    assert MdoMeeting.objects.count() == 1


def test_a_create_with_an_idempotency_key_sets_up_one_series(cast):
    client = logged_in_client(cast.coordinator)
    first = _post(client, SERIES, NEW, **{"Idempotency-Key": "mdo-tweededorp"})
    second = _post(client, SERIES, NEW, **{"Idempotency-Key": "mdo-tweededorp"})
    assert first.status_code == second.status_code == 201, first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert MdoSeries.objects.count() == 1


def test_the_meetings_list_costs_the_same_with_few_and_many_meetings(cast):
    series = make_series(cast)
    plan_meeting(cast, series, in_days=1)
    client = logged_in_client(cast.coordinator)

    def queries() -> int:
        client.get(meetings(series.pk))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(meetings(series.pk)).status_code == 200
        return len(captured)

    few = queries()
    for days in range(2, 14):
        plan_meeting(cast, series, in_days=days)
    assert queries() == few
