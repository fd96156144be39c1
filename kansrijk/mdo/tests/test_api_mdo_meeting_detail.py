"""GET /api/v1/mdo/meetings/{id}/: the meeting with participants and its agenda, with the
privacy of the agenda page: an item names its family only when the family's consent for
named discussion is in force and the caller may see the family; anonymous items never carry
anything that identifies the family. The number of queries does not grow with the agenda."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import ConsentPurpose
from kansrijk.families.services import consent_record
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import submit

from .api_support import API, make_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(cast):
    return make_agenda(cast)


def _detail(actor, meeting):
    return logged_in_client(actor).get(f"{API}/meetings/{meeting.pk}/")


def _items(body) -> dict[int, dict]:
    return {item["id"]: item for item in body["items"]}


def _identifying(family) -> list[str]:
    return [family.reference, family.postcode, str(family.pk)]


def test_a_participant_sees_the_named_family_and_only_a_summary_of_the_other(cast, agenda):
    response = _detail(cast.outsider, agenda.meeting)
    assert response.status_code == 200
    body = response.json()
    assert body["manages"] is False
    assert {p["professional"] for p in body["participants"]} == {cast.outsider.pk}
    items = _items(body)
    named = items[agenda.named.pk]
    assert (named["named"], named["identified"]) == (True, True)
    assert (named["family"], named["family_reference"]) == (
        agenda.named_family.pk,
        agenda.named_family.reference,
    )
    anonymous = items[agenda.anonymous.pk]
    assert (anonymous["named"], anonymous["identified"]) == (False, False)
    assert (anonymous["family"], anonymous["family_reference"]) == (None, None)
    assert set(anonymous["summary"]) == {"age_band", "phase", "level", "route"}
    text = json.dumps(anonymous)
    assert agenda.anonymous_family.reference not in text
    assert agenda.anonymous_family.postcode not in text


def test_reading_the_agenda_logs_no_access_to_a_file(cast, agenda):
    before = AccessEvent.objects.count()
    _detail(cast.outsider, agenda.meeting)
    assert AccessEvent.objects.count() == before


def test_before_publication_no_participant_sees_a_name(cast):
    draft = make_agenda(cast, publish=False)
    # The outsider is a participant; the MDO ground opens only with the published agenda.
    items = _items(_detail(cast.outsider, draft.meeting).json())
    assert items[draft.named.pk]["named"] is True
    assert items[draft.named.pk]["family_reference"] is None


def test_withdrawn_consent_makes_the_item_anonymous_at_once(cast, agenda):
    consent_record(
        actor=cast.case_director,
        family_pk=agenda.named_family.pk,
        purpose=ConsentPurpose.MDO_NAMED,
        given=False,
        method="verbal",
    )
    item = _items(_detail(cast.outsider, agenda.meeting).json())[agenda.named.pk]
    assert (item["named"], item["family"], item["family_reference"]) == (False, None, None)


def test_the_coordinator_manages_but_sees_no_family(cast, agenda):
    body = _detail(cast.coordinator, agenda.meeting).json()
    assert body["manages"] is True
    named = _items(body)[agenda.named.pk]
    # Policy rule 3: a coordinator sees a family only on a ground, like anyone else.
    assert (named["named"], named["identified"], named["family_reference"]) == (True, False, None)
    text = json.dumps(body)
    for family in (agenda.named_family, agenda.anonymous_family):
        assert family.reference not in text


def test_a_manager_also_sees_candidates_a_participant_does_not(cast, agenda):
    late = make_family(cast)
    candidate = submit(cast, late, agenda.meeting)  # after publication: a candidate
    assert candidate.status == "candidate"
    assert candidate.pk in _items(_detail(cast.coordinator, agenda.meeting).json())
    assert candidate.pk not in _items(_detail(cast.outsider, agenda.meeting).json())


@pytest.mark.parametrize(
    "actor", ["case_director", "care_team_member", "other_coalition_professional"]
)
def test_who_is_not_in_the_meeting_gets_nothing(cast, agenda, actor):
    response = _detail(getattr(cast, actor), agenda.meeting)
    assert response.status_code == 403
    assert agenda.named_family.reference not in response.content.decode()


@pytest.mark.parametrize("actor", ["analyst", "administrator"])
def test_analysts_and_administrators_get_nothing(cast, agenda, actor):
    assert _detail(getattr(cast, actor), agenda.meeting).status_code == 403


def test_a_meeting_that_does_not_exist_is_not_found(cast):
    response = logged_in_client(cast.coordinator).get(f"{API}/meetings/999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit overleg bestaat niet (meer)."


def _queries(client, url, *, items: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["items"]) == items
    return len(captured)


def _published_meeting(cast, size: int):
    """A published meeting of `size` items, every other family named."""
    from kansrijk.mdo import services
    from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting

    meeting = plan_meeting(cast, make_series(cast, name=f"MDO {size}"))
    for number in range(size):
        family = make_family(cast)
        if number % 2 == 0:
            consent_to_named_discussion(cast, family)
        submit(cast, family, meeting)
    return services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status="published"
    )


@pytest.mark.parametrize("actor", ["outsider", "coordinator"])
def test_the_queries_do_not_grow_from_3_to_30_items(cast, actor):
    """Authentication: the session, the user, the OTP device (3); the caller's memberships
    (1); the meeting with series (1); the participants with organisation (1); the agenda
    rows (`selectors.agenda_rows`: items with consent, summaries, visible families: 3)."""
    small, large = _published_meeting(cast, 3), _published_meeting(cast, 30)
    client = logged_in_client(getattr(cast, actor))
    client.get(f"{API}/meetings/{small.pk}/")
    few = _queries(client, f"{API}/meetings/{small.pk}/", items=3)
    assert _queries(client, f"{API}/meetings/{large.pk}/", items=30) == few == 9
