"""Choosing a route: the proposal, overrides with a reason, next steps as tasks, urgency."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kansrijk.care.models import Task, TaskStatus
from kansrijk.core.models import Notification
from kansrijk.signaling import services
from kansrijk.signaling.levels import Level, Route
from kansrijk.signaling.models import RouteStep

from .conftest import R4U

pytestmark = pytest.mark.django_db


def _record(cast, family, answers, level, **route):
    return services.assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key=R4U,
        answers=answers(level),
        pregnancy_pk=family.pregnancies.get().pk,
        **route,
    )


def test_route_2_asks_the_jgz_for_a_prenatal_visit_and_who_takes_casusregie(
    cast, pregnant_family, answers
):
    _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, route=2)
    tasks = {t.title: t for t in Task.objects.filter(family=pregnant_family)}
    visit = tasks["Prenataal huisbezoek door de JGZ"]
    assert visit.owner is None
    assert visit.owner_organisation.name == "JGZ Eerstedorp"
    assert visit.due_date == date(2027, 3, 17)  # 10 working days after Wednesday 3 March
    assert tasks["Afspreken wie de casusregie neemt"].owner == cast.case_director


def test_choosing_another_route_than_proposed_needs_a_reason(cast, pregnant_family, answers):
    with pytest.raises(ValidationError) as error:
        _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, route=3)
    assert "reason" in error.value.message_dict
    assessment = _record(
        cast,
        pregnant_family,
        answers,
        Level.POTENTIALLY_VULNERABLE,
        route=3,
        reason="Geen netwerk; bespreken in het MDO.",
    )
    decision = assessment.route_decisions.get()
    assert (decision.proposed_route, decision.route) == (Route.POTENTIALLY_VULNERABLE, 3)
    assert decision.is_override
    assert decision.awaiting_mdo


def test_urgent_makes_steps_due_in_two_working_days_and_tells_the_coordinators(
    cast, pregnant_family, answers
):
    _record(cast, pregnant_family, answers, Level.URGENT, route=3)
    decision = pregnant_family.route_decisions.get()
    assert decision.priority
    tasks = Task.objects.filter(family=pregnant_family)
    assert tasks.count() == 2
    assert {t.due_date for t in tasks} == {date(2027, 3, 5)}
    assert all(t.priority for t in tasks)
    note = Notification.objects.get(recipient=cast.coordinator)
    assert pregnant_family.reference in note.text
    assert not Notification.objects.filter(recipient=cast.outsider).exists()


def test_a_route_change_cancels_the_open_steps_of_the_old_route(cast, pregnant_family, answers):
    _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, route=2)
    _record(cast, pregnant_family, answers, Level.VULNERABLE, route=3)
    statuses = dict(Task.objects.filter(family=pregnant_family).values_list("title", "status"))
    assert statuses["Prenataal huisbezoek door de JGZ"] == TaskStatus.CANCELLED
    assert statuses["Gezin aanmelden voor het eerstvolgende MDO"] == TaskStatus.OPEN
    kinds = list(pregnant_family.timeline_events.values_list("kind", flat=True))
    assert "route_changed" in kinds


def test_the_same_route_again_adds_no_second_set_of_steps(cast, pregnant_family, answers):
    _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, route=2)
    _record(cast, pregnant_family, answers, Level.POTENTIALLY_VULNERABLE, route=2)
    assert Task.objects.filter(family=pregnant_family, status=TaskStatus.OPEN).count() == 2


def test_route_1_creates_no_tasks(cast, pregnant_family, answers):
    _record(cast, pregnant_family, answers, Level.NONE, route=1)
    assert not Task.objects.filter(family=pregnant_family).exists()


def test_a_coalition_can_change_its_steps(cast, pregnant_family, answers):
    services.route_step_save(
        actor=cast.coordinator,
        coalition=cast.coalition,
        step_pk=None,
        data={
            "route": 1,
            "title": "Folder Kansrijke Start meegeven",
            "owner_kind": "decider",
            "organisation": None,
            "due_days": 3,
            "order": 5,
            "is_active": True,
        },
    )
    assert RouteStep.objects.filter(coalition=cast.coalition).count() == 5  # defaults + 1
    _record(cast, pregnant_family, answers, Level.NONE, route=1)
    assert Task.objects.get(family=pregnant_family).title == "Folder Kansrijke Start meegeven"
