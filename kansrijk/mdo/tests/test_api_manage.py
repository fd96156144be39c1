"""Managing an MDO through the API: coordinators add and remove standing participants; the
meeting's managers invite guests, record attendance and order the agenda (move, put a
candidate on it as urgent, take an item off with a reason), through the pages' forms and the
services (Dutch messages, the audit trail); participants who do not manage get 403."""

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.mdo import services
from kansrijk.mdo.models import ItemStatus, MeetingStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

pytestmark = pytest.mark.django_db


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", headers=headers)


def test_a_coordinator_adds_and_removes_a_standing_participant(cast):
    series = make_series(cast)
    client = logged_in_client(cast.coordinator)
    url = f"/api/v1/mdo/series/{series.pk}/participants/"
    response = _post(client, url, {"professional": cast.case_director.pk, "role": "chair"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["professional"], body["role"]) == (cast.case_director.pk, "chair")
    twice = _post(client, url, {"professional": cast.case_director.pk, "role": "member"})
    assert twice.status_code == 400
    assert twice.json()["errors"]["professional"] == ["Deze persoon is al deelnemer."]
    wrong = _post(client, url, {"professional": cast.case_director.pk, "role": "baas"})
    assert wrong.json()["errors"]["role"] == ["Kies een rol uit de lijst."]
    removed = client.delete(f"{url}{body['id']}/")
    assert removed.status_code == 204
    assert not series.participants.filter(professional=cast.case_director).exists()
    assert client.delete(f"{url}{body['id']}/").status_code == 404
    assert AuditEvent.objects.filter(object_type="mdo.SeriesParticipant").count() >= 2


def test_a_standing_participant_does_not_manage_the_participants(cast, client):
    series = make_series(cast)  # the outsider is a standing member
    url = f"/api/v1/mdo/series/{series.pk}/participants/"
    member = logged_in_client(cast.outsider)
    response = _post(member, url, {"professional": cast.case_director.pk, "role": "member"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert _post(logged_in_client(cast.analyst), url, {}).status_code == 403
    assert _post(client, url, {}).status_code == 401
    missing = _post(logged_in_client(cast.coordinator), "/api/v1/mdo/series/0/participants/")
    assert missing.status_code == 404
    assert series.participants.count() == 1


def test_a_manager_invites_a_guest_and_records_attendance(cast):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)  # publishing needs an item on the agenda
    client = logged_in_client(cast.coordinator)
    invited = _post(
        client,
        f"/api/v1/mdo/meetings/{meeting.pk}/participants/",
        {"professional": cast.care_team_member.pk, "role": "guest"},
        **{"Idempotency-Key": "gast-1"},
    )
    assert invited.status_code == 201, invited.json()
    again = _post(
        client,
        f"/api/v1/mdo/meetings/{meeting.pk}/participants/",
        {"professional": cast.care_team_member.pk, "role": "guest"},
        **{"Idempotency-Key": "gast-1"},
    )
    assert again["Idempotent-Replayed"] == "true"
    assert meeting.participants.filter(professional=cast.care_team_member).count() == 1
    url = f"/api/v1/mdo/meetings/{meeting.pk}/attendance/"
    early = client.put(url, {"present": [cast.outsider.pk]}, content_type="application/json")
    assert early.status_code == 400
    assert early.json()["errors"]["non_field_errors"] == [
        "Aanwezigheid leg je vast tijdens of na het overleg."
    ]
    services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    recorded = client.put(url, {"present": [cast.outsider.pk]}, content_type="application/json")
    assert recorded.status_code == 200
    assert recorded.json() == {"present": [cast.outsider.pk]}
    attended = dict(meeting.participants.values_list("professional_id", "attended"))
    assert attended[cast.outsider.pk] is True
    assert attended[cast.care_team_member.pk] is False
    unknown = client.put(url, {"present": [cast.analyst.pk]}, content_type="application/json")
    assert unknown.json()["errors"]["present"] == ["Kies deelnemers uit de lijst."]
    member = logged_in_client(cast.outsider)
    refused = member.put(url, {"present": []}, content_type="application/json")
    assert refused.status_code == 403


def test_a_manager_orders_the_agenda_adds_an_urgent_item_and_withdraws_one(cast):
    meeting = plan_meeting(cast, make_series(cast))
    first = submit(cast, make_family(cast), meeting)
    second = submit(cast, make_family(cast), meeting)
    client = logged_in_client(cast.coordinator)
    base = f"/api/v1/mdo/meetings/{meeting.pk}/items/"
    moved = _post(client, f"{base}{second.pk}/move/", {"direction": "up"})
    assert moved.status_code == 204
    order = list(
        meeting.items.filter(status=ItemStatus.ON_AGENDA)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [second.pk, first.pk]
    bad = _post(client, f"{base}{second.pk}/move/", {"direction": "opzij"})
    assert bad.json()["errors"]["direction"] == ["Kies omhoog of omlaag."]
    services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    late = submit(cast, make_family(cast), meeting)
    assert late.status == ItemStatus.CANDIDATE
    scheduled = _post(client, f"{base}{late.pk}/schedule/", {"question": "Spoed: wie helpt?"})
    assert scheduled.status_code == 204
    late.refresh_from_db()
    assert (late.status, late.urgent, late.question) == (
        ItemStatus.ON_AGENDA,
        True,
        "Spoed: wie helpt?",
    )
    no_reason = _post(client, f"{base}{first.pk}/withdraw/", {"reason": ""})
    assert no_reason.json()["errors"]["reason"] == ["Geef een reden."]
    withdrawn = _post(client, f"{base}{first.pk}/withdraw/", {"reason": "Het gezin verhuisde."})
    assert withdrawn.status_code == 204
    first.refresh_from_db()
    assert (first.status, first.withdrawn_reason) == (ItemStatus.WITHDRAWN, "Het gezin verhuisde.")
    member = logged_in_client(cast.outsider)
    assert _post(member, f"{base}{second.pk}/move/", {"direction": "down"}).status_code == 403
    assert _post(client, f"{base}0/move/", {"direction": "down"}).status_code == 404
