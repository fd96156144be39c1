"""Authorization matrix rows of the family's choices, access report, questions and
self-report (portal), and of the professionals' side of the questions."""

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self
from kansrijk.care.models import CaseDirector
from kansrijk.care.services_handovers import case_director_set
from kansrijk.portal.models import AccessQuestion
from kansrijk.testing.matrix import Row, only, portal_only


def _own_event(world) -> dict:
    """An event of the matrix family's own access log (the other family's member: 404)."""
    person = world.actors["family_member"].person
    event = access_event_record_self(person=person, action=AccessEvent.Action.READ, detail="")
    return {"event": event.pk}


def _with_case_director(world) -> None:
    if not CaseDirector.objects.current().filter(family=world.family).exists():
        case_director_set(
            actor=world.cast.case_director,
            family_pk=world.family.pk,
            professional=world.cast.case_director,
        )


def _questions(world) -> dict:
    _with_case_director(world)
    return {}


def _question(world) -> dict:
    _with_case_director(world)
    account = world.actors["family_member"]
    question = AccessQuestion.objects.create(
        account=account,
        family=world.family,
        coalition=world.family.coalition,
        access_event_id=_own_event(world)["event"],
        access_summary="1 januari 2026 · Teamlid",
        message="Waarom?",
    )
    return {"pk": question.pk}


# Coordinators of the coalition and the family's case director; other professionals 403.
ANSWERERS = only(["coordinator", "case_director"], 200, others=403)

ROWS = {
    "portal:consent": Row(portal_only()),
    "portal:consent_change": Row(portal_only(), kwargs=lambda world: {"purpose": "mdo_named"}),
    "portal:access_report": Row(portal_only()),
    "portal:access_question": Row(portal_only(other_family=404), kwargs=_own_event),
    "portal:self_report": Row(portal_only()),
    "portal:questions": Row(ANSWERERS, kwargs=_questions),
    "portal:question_answer": Row(ANSWERERS, kwargs=_question),
}
