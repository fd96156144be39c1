"""GET and POST /api/v1/mdo/meetings/{id}/items/{item_id}/decisions/: the decisions about an
agenda item. Reading those of a family discussed by name is reading family data: logged with
the caller's ground. Recording is for the meeting's managers, with the decision service's
Dutch messages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.mdo.grounds import MDO_PARTICIPANT
from kansrijk.mdo.models import Decision
from kansrijk.testing.actors import logged_in_client

from .meeting_fixtures import held, mdo_registrations  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

API = "/api/v1/mdo"


def _url(held, item) -> str:  # noqa: F811
    return f"{API}/meetings/{held.meeting.pk}/items/{item.pk}/decisions/"


def _post(actor, url, data):
    return logged_in_client(actor).post(url, data, content_type="application/json")


def test_the_chair_records_a_task_and_a_participant_reads_it_logged(cast, held):  # noqa: F811
    due = timezone.localdate() + timedelta(days=14)
    response = _post(
        held.chair,
        _url(held, held.named_item),
        {
            "kind": "task",
            "text": "Huisbezoek samen met het buurtteam",
            "professional": cast.case_director.pk,
            "due_date": due.isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["due_date"], body["professional"]["id"]) == (
        "task",
        due.isoformat(),
        cast.case_director.pk,
    )
    assert body["task"] is not None

    before = AccessEvent.objects.filter(family=held.named, user=cast.outsider).count()
    read = logged_in_client(cast.outsider).get(_url(held, held.named_item))
    assert read.status_code == 200
    assert [d["id"] for d in read.json()] == [body["id"]]
    event = AccessEvent.objects.filter(family=held.named, user=cast.outsider).latest("timestamp")
    assert AccessEvent.objects.filter(family=held.named, user=cast.outsider).count() == before + 1
    assert (event.action, event.ground) == (AccessEvent.Action.READ, MDO_PARTICIPANT)
    assert "MDO-besluiten ingezien via de API" in event.detail


def test_advice_about_an_anonymous_item_is_read_without_a_file_access(cast, held):  # noqa: F811
    response = _post(
        cast.coordinator,
        _url(held, held.anonymous_item),
        {"kind": "advice", "text": "Overweeg VoorZorg."},
    )
    assert response.status_code == 201, response.content
    before = AccessEvent.objects.count()
    read = logged_in_client(cast.outsider).get(_url(held, held.anonymous_item))
    assert [d["text"] for d in read.json()] == ["Overweeg VoorZorg."]
    assert AccessEvent.objects.count() == before


def test_an_acting_decision_about_an_anonymous_item_is_refused_in_dutch(cast, held):  # noqa: F811
    response = _post(
        held.chair,
        _url(held, held.anonymous_item),
        {"kind": "task", "text": "Huisbezoek", "professional": cast.case_director.pk},
    )
    assert response.status_code == 400
    assert "anoniem" in response.json()["errors"]["kind"][0]
    assert not Decision.objects.exists()


def test_an_unknown_kind_or_person_answers_400(cast, held):  # noqa: F811
    assert _post(held.chair, _url(held, held.named_item), {"kind": "vote"}).status_code == 400
    response = _post(
        held.chair, _url(held, held.named_item), {"kind": "case_director", "professional": 99999}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"professional": ["Deze persoon bestaat niet."]}


@pytest.mark.parametrize("actor", ["outsider", "case_director"])
def test_only_managers_record_decisions(cast, held, actor):  # noqa: F811
    response = _post(
        getattr(cast, actor), _url(held, held.anonymous_item), {"kind": "advice", "text": "Advies"}
    )
    # The outsider takes part (403); the case director is not in the meeting (403 too).
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "actor", ["case_director", "other_coalition_professional", "analyst", "administrator"]
)
def test_who_is_not_in_the_meeting_reads_no_decisions(cast, held, actor):  # noqa: F811
    response = logged_in_client(getattr(cast, actor)).get(_url(held, held.named_item))
    assert response.status_code == 403


def test_an_item_of_another_meeting_is_not_found(cast, held):  # noqa: F811
    response = logged_in_client(cast.coordinator).get(
        f"{API}/meetings/{held.meeting.pk}/items/999/decisions/"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit agendapunt bestaat niet (meer)."
