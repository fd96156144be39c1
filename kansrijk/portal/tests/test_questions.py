"""Questions about an access: the family member asks about one event of their own family;
the coordinators and the case director are told, answer it, and the answer shows in the
portal. Another family's event and another coalition's question are "not found"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.models import AuditEvent, Notification
from kansrijk.portal.models import AccessQuestion
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.queries import PAGE_OVERHEAD

from .choices_world import choices_world

pytestmark = pytest.mark.django_db


def _event(cast, family) -> AccessEvent:
    get_family_for_user(cast.care_team_member, family.pk, AccessEvent.Action.READ)
    return AccessEvent.objects.filter(user=cast.care_team_member, family=family).latest("id")


def _ask(world, event, message="Waarom keek de jeugdverpleegkundige?"):
    return world.client.post(
        reverse("portal:access_question", args=[event.pk]), {"message": message}
    )


def test_the_family_asks_about_an_access(cast):
    world = choices_world(cast)
    event = _event(cast, world.family)
    form = world.client.get(reverse("portal:access_question", args=[event.pk]))
    assert form.status_code == 200
    assert cast.care_team_member.get_full_name() in form.content.decode()
    response = _ask(world, event)
    assert response.status_code == 302
    question = AccessQuestion.objects.get()
    assert question.family == world.family
    assert question.account == world.account
    assert question.access_event_id == event.pk
    assert cast.care_team_member.get_full_name() in question.access_summary
    assert "zit in jullie zorgteam" in question.access_summary
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {cast.coordinator.username, cast.case_director.username}
    note = Notification.objects.get(recipient=cast.coordinator)
    assert world.family.reference in note.text
    assert "Sanne" not in note.text
    assert note.link == reverse("portal:question_answer", args=[question.pk])
    assert AuditEvent.objects.filter(action="create", object_type="portal.AccessQuestion").exists()
    assert AccessEvent.objects.filter(
        family=world.family, ground=SELF_GROUND, action=AccessEvent.Action.CREATE
    ).exists()
    page = world.client.get(reverse("portal:access_report")).content.decode()
    assert "Waarom keek de jeugdverpleegkundige?" in page
    assert "Nog geen antwoord." in page


def test_a_question_needs_a_message_of_at_most_2000_characters(cast):
    world = choices_world(cast)
    event = _event(cast, world.family)
    empty = _ask(world, event, message="  ")
    assert empty.status_code == 400
    assert "Schrijf je vraag op." in empty.content.decode()
    long = _ask(world, event, message="x" * 2001)
    assert long.status_code == 400
    assert "hoogstens 2000 tekens" in long.content.decode()
    assert "x" * 2001 in long.content.decode()
    assert not AccessQuestion.objects.exists()


def test_an_event_of_another_family_is_not_found(cast):
    world = choices_world(cast)
    other = choices_world(cast, first_name="Noor", email="noor@example.org")
    event = _event(cast, other.family)
    assert world.client.get(reverse("portal:access_question", args=[event.pk])).status_code == 404
    assert _ask(world, event).status_code == 404
    assert not AccessQuestion.objects.exists()


def test_the_coordinator_answers_and_the_family_reads_the_answer(cast):
    world = choices_world(cast)
    event = _event(cast, world.family)
    _ask(world, event)
    question = AccessQuestion.objects.get()
    coordinator = logged_in_client(cast.coordinator)
    listing = coordinator.get(reverse("portal:questions"))
    assert listing.status_code == 200
    assert world.family.reference in listing.content.decode()
    detail = coordinator.get(reverse("portal:question_answer", args=[question.pk]))
    page = detail.content.decode()
    assert "Waarom keek de jeugdverpleegkundige?" in page
    # The full event, as in the professionals' access report.
    assert f"({cast.care_team_member.username})" in page
    assert "Lid van het zorgteam" in page
    response = coordinator.post(
        reverse("portal:question_answer", args=[question.pk]),
        {"answer": "Zij bereidde het huisbezoek voor."},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answered_by == cast.coordinator
    assert AuditEvent.objects.filter(action="update", object_type="portal.AccessQuestion").exists()
    portal_page = world.client.get(reverse("portal:access_report")).content.decode()
    assert "Zij bereidde het huisbezoek voor." in portal_page
    assert "beantwoordt jullie vraag over wie in jullie dossier keek" in portal_page


def test_an_answer_is_required(cast):
    world = choices_world(cast)
    _ask(world, _event(cast, world.family))
    question = AccessQuestion.objects.get()
    response = logged_in_client(cast.case_director).post(
        reverse("portal:question_answer", args=[question.pk]), {"answer": ""}
    )
    assert response.status_code == 400
    assert "Schrijf een antwoord." in response.content.decode()


def test_the_case_director_sees_their_familys_questions_others_do_not(cast):
    world = choices_world(cast)
    _ask(world, _event(cast, world.family))
    question = AccessQuestion.objects.get()
    director = logged_in_client(cast.case_director)
    assert director.get(reverse("portal:questions")).status_code == 200
    assert director.get(reverse("portal:question_answer", args=[question.pk])).status_code == 200
    for outsider in (cast.care_team_member, cast.outsider, cast.analyst):
        client = logged_in_client(outsider)
        assert client.get(reverse("portal:questions")).status_code == 403
        assert client.get(reverse("portal:question_answer", args=[question.pk])).status_code == 403


def test_a_question_of_another_coalition_is_not_found(cast):
    world = choices_world(cast)
    _ask(world, _event(cast, world.family))
    question = AccessQuestion.objects.get()
    # The cast's professional of the other coalition, made coordinator there.
    other_coordinator = cast.other_coalition_professional
    other_coordinator.memberships.update(is_coordinator=True)
    client = logged_in_client(other_coordinator)
    assert client.get(reverse("portal:questions")).status_code == 200
    assert world.family.reference not in client.get(reverse("portal:questions")).content.decode()
    assert client.get(reverse("portal:question_answer", args=[question.pk])).status_code == 404


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("portal:questions")).status_code == 200
    return len(context.captured_queries)


def test_the_questions_list_query_count_does_not_grow(cast):
    world = choices_world(cast)
    event = _event(cast, world.family)
    _ask(world, event)
    coordinator = logged_in_client(cast.coordinator)
    _list_queries(coordinator)  # the first request of a session also reads its login state
    # What every page pays, the count and one page of questions with their family joined,
    # the access event: the same for 1 question as for 11.
    few = _list_queries(coordinator)
    assert few == PAGE_OVERHEAD + 3
    for number in range(10):
        _ask(world, event, message=f"Vraag {number}")
    assert _list_queries(coordinator) == few
