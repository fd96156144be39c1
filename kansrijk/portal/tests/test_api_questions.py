"""Families' questions about an access through the API: coordinators read and answer all of
their coalition's, a case director those of their families, everyone else gets 403; a
question of another coalition is "not found". Reading is logged, answering is logged and
audited, once, with the page's Dutch messages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.services_handovers import case_director_set
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import family_create
from kansrijk.portal.models import AccessQuestion
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import FAMILY_DATA, make_family
from kansrijk.testing.portal import make_account, make_client_person

from .choices_world import choices_world

pytestmark = pytest.mark.django_db
LIST = "/api/v1/access-questions/"
NOT_ANSWERER = "Alleen coördinatoren en casusregisseurs lezen en beantwoorden vragen van gezinnen."


def _detail(question) -> str:
    return f"{LIST}{question.pk}/"


def _answer(client, question, data):
    return client.post(f"{_detail(question)}answer/", data, content_type="application/json")


def _ask(cast, family, account, message="Waarom keek de jeugdverpleegkundige?"):
    get_family_for_user(cast.care_team_member, family.pk, AccessEvent.Action.READ)
    event = AccessEvent.objects.filter(family=family).latest("id")
    return AccessQuestion.objects.create(
        account=account,
        family=family,
        coalition=family.coalition,
        access_event_id=event.pk,
        access_summary="2 maart 2027 10:15 · Teamlid · heeft in jullie dossier gekeken",
        message=message,
    )


def _world_question(cast, **kwargs):
    world = choices_world(cast, **kwargs)
    return world, _ask(cast, world.family, world.account)


def _other_coalition_question(cast):
    professional = cast.other_coalition_professional
    family = family_create(
        actor=professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
        role_in_family="casusregisseur",
    )
    account = make_account(
        make_client_person(family, professional, first_name="Noor", email="noor@example.org"),
        professional,
    )
    question = AccessQuestion.objects.create(
        account=account,
        family=family,
        coalition=family.coalition,
        access_event_id=1,
        access_summary="-",
        message="Wie?",
    )
    return question


def test_the_coordinator_lists_the_questions_open_first(cast):
    world, answered = _world_question(cast)
    answered.answer, answered.answered_at = "Zo zit het.", answered.asked_at
    answered.save()
    open_question = _ask(cast, world.family, world.account, "En deze?")

    response = logged_in_client(cast.coordinator).get(LIST)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [open_question.pk, answered.pk]
    assert [row["answered"] for row in body["results"]] == [False, True]
    row = body["results"][0]
    assert row["family"] == {"id": world.family.pk, "reference": world.family.reference}
    # The list shows what the page's list shows: not the question itself.
    assert set(row) == {"id", "family", "asked_at", "answered", "answered_at"}
    event = AccessEvent.objects.filter(user=cast.coordinator).latest("id")
    assert (event.action, event.family, event.coalition, event.detail) == (
        AccessEvent.Action.SEARCH,
        None,
        cast.coalition,
        "Vragen van gezinnen over toegang bekeken via de API",
    )


def test_a_case_director_sees_only_the_questions_of_their_families(cast):
    _world, own = _world_question(cast)
    other_family = make_family(cast)
    case_director_set(
        actor=cast.case_director, family_pk=other_family.pk, professional=cast.care_team_member
    )
    other_account = make_account(
        make_client_person(other_family, cast.case_director, first_name="Noor", email="n@x.nl"),
        cast.case_director,
    )
    theirs = _ask(cast, other_family, other_account)

    rows = logged_in_client(cast.case_director).get(LIST).json()["results"]
    assert [row["id"] for row in rows] == [own.pk]
    rows = logged_in_client(cast.care_team_member).get(LIST).json()["results"]
    assert [row["id"] for row in rows] == [theirs.pk]
    response = logged_in_client(cast.care_team_member).get(_detail(own))
    assert response.status_code == 404


def test_opening_a_question_shows_it_with_the_access_and_is_logged(cast):
    world, question = _world_question(cast)

    response = logged_in_client(cast.coordinator).get(_detail(question))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["message"], body["asked_by"], body["answered"]) == (
        "Waarom keek de jeugdverpleegkundige?",
        "Sanne de Vries",
        False,
    )
    assert body["access_summary"] == question.access_summary
    assert body["event"]["id"] == question.access_event_id
    assert body["event"]["ground"] == "care_team"
    assert body["event"]["action"] == AccessEvent.Action.READ
    assert body["event"]["action_display"] == AccessEvent.Action.READ.label
    event = AccessEvent.objects.filter(user=cast.coordinator).latest("id")
    assert (event.action, event.family, event.ground_detail, event.detail) == (
        AccessEvent.Action.READ,
        world.family,
        "Vraag van het gezin over een toegang",
        "Vraag van het gezin over een toegang gelezen via de API",
    )


def test_answering_stores_the_answer_once(cast):
    world, question = _world_question(cast)
    client = logged_in_client(cast.case_director)

    response = _answer(client, question, {"answer": "  Zij bereidt het huisbezoek voor.  "})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["answered"], body["answer"]) == (True, "Zij bereidt het huisbezoek voor.")
    assert body["answered_by"] == cast.case_director.get_full_name()
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == (
        "Zij bereidt het huisbezoek voor.",
        cast.case_director,
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_id=str(question.pk), actor=cast.case_director
    ).exists()
    event = AccessEvent.objects.filter(user=cast.case_director).latest("id")
    assert (event.action, event.family, event.detail) == (
        AccessEvent.Action.UPDATE,
        world.family,
        "Vraag van het gezin over een toegang beantwoord",
    )

    again = _answer(client, question, {"answer": "Nog een antwoord."})
    assert again.status_code == 400
    assert again.json()["detail"] == "Deze vraag is al beantwoord."
    question.refresh_from_db()
    assert question.answer == "Zij bereidt het huisbezoek voor."


@pytest.mark.parametrize("data", [{}, {"answer": "   "}, {"answer": None}])
def test_an_empty_answer_is_refused_in_dutch(cast, data):
    _world, question = _world_question(cast)
    response = _answer(logged_in_client(cast.coordinator), question, data)
    assert response.status_code == 400
    assert response.json()["errors"] == {"answer": ["Schrijf een antwoord."]}
    question.refresh_from_db()
    assert (question.answer, question.answered_at) == ("", None)


@pytest.mark.parametrize(
    "actor", ["care_team_member", "outsider", "other_coalition_professional", "analyst"]
)
def test_others_get_403(cast, actor):
    _world, question = _world_question(cast)
    client = logged_in_client(getattr(cast, actor))
    for response in (
        client.get(LIST),
        client.get(_detail(question)),
        _answer(client, question, {"answer": "Ik weet het."}),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_ANSWERER
    question.refresh_from_db()
    assert question.answered_at is None


def test_a_question_of_another_coalition_is_not_found(cast):
    _world_question(cast)
    question = _other_coalition_question(cast)
    client = logged_in_client(cast.coordinator)
    assert [row["id"] for row in client.get(LIST).json()["results"]] != [question.pk]
    for response in (
        client.get(_detail(question)),
        _answer(client, question, {"answer": "Ik weet het."}),
    ):
        assert response.status_code == 404
    question.refresh_from_db()
    assert question.answered_at is None


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_questions(cast):
    # The caller's memberships and casusregie, the search event, a count and one select of
    # the page with the family joined: the same for one question and for several.
    world, _question = _world_question(cast)
    client = logged_in_client(cast.coordinator)
    _count(client)  # warm the session
    one = _count(client)
    for message in ("Twee?", "Drie?"):
        _ask(cast, world.family, world.account, message)
    assert _count(client) == one
