"""Recording an agenda item's discussion through the API (POST .../discussion/), as the
page of the item does: the chair (a manager) writes it with the item's version; the item is
then discussed, in the audit trail and, the first time, in the family's timeline. A stale
version answers 409 and an empty text 400, both without storing anything; participants who
do not manage read it but may not write it (403); outsiders of the meeting get 403."""

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.families.models import TimelineEvent
from kansrijk.mdo import timeline as mdo_timeline
from kansrijk.mdo.models import AgendaItem, ItemStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named family and an anonymous one."""
    return setup_meeting(cast)


def _url(meeting, item) -> str:
    return f"/api/v1/mdo/meetings/{meeting.pk}/items/{item.pk}/discussion/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_chair_records_the_discussion_and_the_item_is_discussed(held):
    item = held.named_item
    client = logged_in_client(held.chair)
    url = _url(held.meeting, item)
    read = client.get(url)
    assert read.status_code == 200
    version = read.json()["version"]
    response = _post(client, url, {"discussion": "Zorgen over de huisvesting.", "version": version})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["discussion"] == "Zorgen over de huisvesting."
    assert body["status"] == ItemStatus.DISCUSSED
    assert body["version"] == version + 1
    assert body["discussed_at"]
    item.refresh_from_db()
    assert (item.status, item.discussion) == (ItemStatus.DISCUSSED, "Zorgen over de huisvesting.")
    audit = AuditEvent.objects.filter(object_type="mdo.AgendaItem", object_id=str(item.pk))
    assert audit.filter(actor=held.chair, action="update").exists()
    timeline = TimelineEvent.objects.filter(family=held.named, kind=mdo_timeline.MDO_DISCUSSED)
    assert timeline.count() == 1
    again = _post(client, url, {"discussion": "Aangevuld: huisbezoek.", "version": version + 1})
    assert again.status_code == 200
    assert timeline.count() == 1  # only the first discussion goes into the timeline


def test_a_stale_version_is_a_conflict_and_nothing_changes(held):
    item = held.anonymous_item
    client = logged_in_client(held.chair)
    url = _url(held.meeting, item)
    first = _post(client, url, {"discussion": "Eerste versie.", "version": item.version})
    assert first.status_code == 200
    stale = _post(client, url, {"discussion": "Overschrijven?", "version": item.version})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    body = stale.json()
    assert body["submitted_version"] == item.version
    assert body["current_version"] == item.version + 1
    assert body["current_discussion"] == "Eerste versie."
    assert "bespreking intussen aangepast" in body["detail"]
    assert AgendaItem.objects.get(pk=item.pk).discussion == "Eerste versie."


def test_an_empty_discussion_is_refused_with_a_dutch_message(held):
    item = held.named_item
    client = logged_in_client(held.chair)
    response = _post(client, _url(held.meeting, item), {"discussion": "", "version": 1})
    assert response.status_code == 400
    assert response.json()["errors"]["discussion"] == ["Schrijf op wat er besproken is."]
    missing = _post(client, _url(held.meeting, item), {"discussion": "Besproken."})
    assert missing.status_code == 400
    assert "version" in missing.json()["errors"]
    item.refresh_from_db()
    assert (item.status, item.discussion) == (ItemStatus.ON_AGENDA, "")
    assert not AuditEvent.objects.filter(
        object_type="mdo.AgendaItem", object_id=str(item.pk), action="update"
    ).exists()


def test_a_participant_reads_but_does_not_write(cast, held):
    url = _url(held.meeting, held.named_item)
    member = logged_in_client(cast.outsider)  # standing member: takes part, does not manage
    assert member.get(url).status_code == 200
    refused = _post(member, url, {"discussion": "Mijn mening.", "version": 1})
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert AgendaItem.objects.get(pk=held.named_item.pk).discussion == ""


@pytest.mark.parametrize(
    "actor", ["case_director", "other_coalition_professional", "analyst", "administrator"]
)
def test_who_is_not_in_the_meeting_gets_403(cast, held, actor):
    client = logged_in_client(getattr(cast, actor))
    url = _url(held.meeting, held.named_item)
    assert client.get(url).status_code == 403
    assert _post(client, url, {"discussion": "Besproken.", "version": 1}).status_code == 403
    assert AgendaItem.objects.get(pk=held.named_item.pk).discussion == ""


def test_an_item_of_another_meeting_is_not_found(cast, held):
    other_meeting = plan_meeting(cast, make_series(cast, name="MDO Elders"))
    other_item = submit(cast, make_family(cast), other_meeting)
    client = logged_in_client(held.chair)
    url = _url(held.meeting, other_item)
    assert _post(client, url, {"discussion": "Besproken.", "version": 1}).status_code == 404
    missing = f"/api/v1/mdo/meetings/0/items/{held.named_item.pk}/discussion/"
    assert client.get(missing).status_code == 404


def test_a_draft_meeting_is_not_discussed_yet(cast):
    draft = setup_meeting(cast, publish=False)
    client = logged_in_client(cast.coordinator)
    url = _url(draft.meeting, draft.named_item)
    version = draft.named_item.version
    response = _post(client, url, {"discussion": "Te vroeg.", "version": version})
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"][0].startswith("Besluiten leg je vast")
    # A participant does not see a draft meeting at all, as on the pages.
    assert logged_in_client(cast.outsider).get(url).status_code == 403
