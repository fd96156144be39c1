""" "Plan JGZ-contact" and "Nazorgafspraak vastleggen" from the work queue: the signal goes
away, the action is logged as an update of the file (NEN 7513) and lands on the timeline."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Task
from kansrijk.families.models import TimelineEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.worklist.rules import AFTERCARE_SOURCE, JGZ_CONTACT_SOURCE
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

from .builders import born_on, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
DAY = START + timedelta(days=10)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def in_the_gap(cast, clock):
    family = family_with_consent(cast)
    born_on(cast, family, START, today=START)
    clock.move_to(DAY)
    return family


def signal_codes(cast) -> set[tuple[str, int]]:
    signals = chain_signals(open_families_of_coalition(cast.coalition), cast.coalition)
    return {(s.rule.code, s.family_id) for s in signals}


def plan(client, family, **data):
    return client.post(
        reverse("worklist:plan_jgz_contact", args=[family.pk]),
        {"next": "/werkvoorraad/", **data},
    )


def test_the_jgz_nurse_plans_it_for_herself_and_the_signal_goes(cast, in_the_gap):
    assert ("gap_without_jgz_contact", in_the_gap.pk) in signal_codes(cast)
    response = plan(logged_in_client(cast.care_team_member), in_the_gap)
    assert response.status_code == 302
    assert response["Location"] == "/werkvoorraad/"
    task = Task.objects.get(family=in_the_gap, source=JGZ_CONTACT_SOURCE)
    assert task.owner == cast.care_team_member
    assert task.owner_organisation is None
    assert task.due_date == date(2027, 3, 16)  # two working days after Saturday 13 March
    assert ("gap_without_jgz_contact", in_the_gap.pk) not in signal_codes(cast)


def test_another_care_team_member_plans_it_for_the_jgz_organisation(cast, in_the_gap):
    plan(logged_in_client(cast.case_director), in_the_gap, due_date="2027-03-20")
    task = Task.objects.get(family=in_the_gap, source=JGZ_CONTACT_SOURCE)
    assert task.owner is None
    assert task.owner_organisation.name == "JGZ Eerstedorp"
    assert task.due_date == date(2027, 3, 20)
    assert ("gap_without_jgz_contact", in_the_gap.pk) not in signal_codes(cast)


def test_the_action_is_logged_and_on_the_timeline(cast, in_the_gap):
    plan(logged_in_client(cast.care_team_member), in_the_gap)
    event = AccessEvent.objects.filter(
        family=in_the_gap, user=cast.care_team_member, action=AccessEvent.Action.UPDATE
    ).latest("timestamp")
    assert event.authorisation is True
    assert event.ground == "care_team"
    assert event.detail == "JGZ-contact gepland vanuit de werkvoorraad"
    timeline = TimelineEvent.objects.filter(family=in_the_gap, kind="task_created").latest("at")
    assert "Eerste JGZ-contact na de kraamperiode" in timeline.summary
    assert timeline.actor == cast.care_team_member


def test_planning_twice_is_refused_with_a_message(cast, in_the_gap):
    client = logged_in_client(cast.care_team_member)
    plan(client, in_the_gap)
    response = plan(client, in_the_gap)
    assert response.status_code == 302
    page = client.get("/werkvoorraad/").content.decode()
    assert "Er staat al een JGZ-contact gepland voor dit gezin." in page
    assert Task.objects.filter(family=in_the_gap, source=JGZ_CONTACT_SOURCE).count() == 1


def test_a_date_in_the_past_is_refused(cast, in_the_gap):
    client = logged_in_client(cast.care_team_member)
    plan(client, in_the_gap, due_date="2027-03-01")
    assert not Task.objects.filter(family=in_the_gap, source=JGZ_CONTACT_SOURCE).exists()
    assert "Kies een datum vanaf vandaag." in client.get("/werkvoorraad/").content.decode()


@pytest.mark.parametrize("actor", ["outsider", "coordinator", "other_coalition_professional"])
def test_nobody_else_can_plan_it(cast, in_the_gap, actor):
    response = plan(logged_in_client(getattr(cast, actor)), in_the_gap)
    assert response.status_code == 404
    assert not Task.objects.filter(family=in_the_gap, source=JGZ_CONTACT_SOURCE).exists()


def test_a_refused_attempt_is_logged(cast, in_the_gap):
    plan(logged_in_client(cast.outsider), in_the_gap)
    assert AccessEvent.objects.filter(
        family=in_the_gap, user=cast.outsider, authorisation=False
    ).exists()


def test_it_only_answers_a_post(cast, in_the_gap):
    client = logged_in_client(cast.care_team_member)
    response = client.get(reverse("worklist:plan_jgz_contact", args=[in_the_gap.pk]))
    assert response.status_code == 405


def test_recording_the_after_care_agreement_ends_that_signal(cast, clock):
    family = family_with_consent(cast)
    born_on(cast, family, START - timedelta(days=700), today=START)
    assert ("aftercare_missing", family.pk) in signal_codes(cast)
    client = logged_in_client(cast.case_director)
    response = client.post(
        reverse("worklist:record_aftercare", args=[family.pk]),
        {"next": "/werkvoorraad/", "agreement": "JGZ ziet het gezin op het consultatiebureau."},
    )
    assert response.status_code == 302
    task = Task.objects.get(family=family, source=AFTERCARE_SOURCE)
    assert task.owner == cast.case_director
    assert task.description == "JGZ ziet het gezin op het consultatiebureau."
    assert task.due_date == date(2027, 4, 2)  # the second birthday
    assert ("aftercare_missing", family.pk) not in signal_codes(cast)
    assert TimelineEvent.objects.filter(family=family, kind="task_created").exists()
    assert AccessEvent.objects.filter(
        family=family,
        user=cast.case_director,
        detail="Nazorgafspraak vastgelegd vanuit de werkvoorraad",
    ).exists()
