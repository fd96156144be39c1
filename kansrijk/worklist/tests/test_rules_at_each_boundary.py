"""Each chain-signal rule, with frozen time, on the day before its threshold, on it, and after.

Every situation is made on START (a Wednesday) through the services, then the clock moves to
the day in the table. A term of N days ends on START + N (like a task's due date) and the
signal shows from the day after; the gap and the after-care rule count from the birth.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import time_machine

from kansrijk.care.services import task_complete, task_create
from kansrijk.care.services_handovers import (
    case_director_set,
    handover_accept,
    handover_decline,
    handover_propose,
)
from kansrijk.families.models import ConsentMethod, ConsentPurpose, Family
from kansrijk.families.phases import add_years
from kansrijk.families.services import consent_record
from kansrijk.signaling.models import RouteDecision
from kansrijk.testing.factories import OrganisationFactory
from kansrijk.testing.families import make_family
from kansrijk.worklist.rules import AFTERCARE_SOURCE, JGZ_CONTACT_SOURCE
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

from .builders import born_on, choose_route, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)  # a Wednesday
FRIDAY = date(2027, 3, 5)
NEIGHBOURHOOD_TEAM = "Buurtteam Eerstedorp"


def holds(cast, family: Family, rule_code: str, on: date) -> bool:
    with time_machine.travel(on, tick=False):
        signals = chain_signals(
            open_families_of_coalition(cast.coalition), cast.coalition, rule_code=rule_code
        )
    return family.pk in {s.family_id for s in signals}


def at(day: date):
    return time_machine.travel(day, tick=False)


# --- Situations ------------------------------------------------------------------------------


def urgent_route(cast, on: date = START) -> Family:
    with at(on):
        family = family_with_consent(cast)
        choose_route(cast, family, level="urgent")
    return family


def route(number: int) -> Callable:
    def make(cast) -> Family:
        with at(START):
            family = family_with_consent(cast)
            level = {2: "potentially_vulnerable", 3: "vulnerable"}[number]
            choose_route(cast, family, level=level)
        return family

    return make


def handover_due_monday(cast) -> tuple[Family, object]:
    with at(START):
        family = family_with_consent(cast)
        team = OrganisationFactory(
            name=NEIGHBOURHOOD_TEAM, kind="buurtteam", coalitions=[cast.coalition]
        )
        handover = handover_propose(
            actor=cast.case_director,
            family_pk=family.pk,
            summary="Hulp bij toeslagen.",
            to_organisation=team,
            due_date=START + timedelta(days=5),
        )
    return family, handover


def born_at_start(cast) -> Family:
    with at(START):
        family = family_with_consent(cast)
        born_on(cast, family, START, today=START)
    return family


def opened_without_consent(cast) -> Family:
    with at(START):
        return make_family(cast)


BIRTH_650_DAYS_AGO = START - timedelta(days=650)
SECOND_BIRTHDAY = add_years(BIRTH_650_DAYS_AGO, 2)


def toddler(cast) -> Family:
    with at(START):
        family = family_with_consent(cast)
        born_on(cast, family, BIRTH_650_DAYS_AGO, today=START)
    return family


# --- The table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    make: Callable
    day: date
    expected: bool

    def __str__(self) -> str:
        return f"{self.rule}-{self.day}-{self.expected}"


CASES = [
    # Urgent (route 3 with priority) chosen on a Wednesday: two working days end on Friday.
    Case("urgent_no_action", urgent_route, date(2027, 3, 4), False),
    Case("urgent_no_action", urgent_route, FRIDAY, False),
    Case("urgent_no_action", urgent_route, date(2027, 3, 6), True),
    # Route 2 or 3 without a case director: seven days end on 10 March.
    Case("no_case_director", route(2), date(2027, 3, 9), False),
    Case("no_case_director", route(2), date(2027, 3, 10), False),
    Case("no_case_director", route(2), date(2027, 3, 11), True),
    Case("no_case_director", route(3), date(2027, 3, 11), True),
    # Route 3 not in an MDO: fourteen days end on 17 March.
    Case("route_3_not_in_mdo", route(3), date(2027, 3, 16), False),
    Case("route_3_not_in_mdo", route(3), date(2027, 3, 17), False),
    Case("route_3_not_in_mdo", route(3), date(2027, 3, 18), True),
    Case("route_3_not_in_mdo", route(2), date(2027, 3, 18), False),
    # The gap: from day 8 after the birth up to and including day 34 (week 5).
    Case("gap_without_jgz_contact", born_at_start, START + timedelta(days=7), False),
    Case("gap_without_jgz_contact", born_at_start, START + timedelta(days=8), True),
    Case("gap_without_jgz_contact", born_at_start, START + timedelta(days=9), True),
    Case("gap_without_jgz_contact", born_at_start, START + timedelta(days=34), True),
    Case("gap_without_jgz_contact", born_at_start, START + timedelta(days=35), False),
    # Consent for the care team: seven days after the file was opened end on 10 March.
    Case("consent_missing", opened_without_consent, date(2027, 3, 9), False),
    Case("consent_missing", opened_without_consent, date(2027, 3, 10), False),
    Case("consent_missing", opened_without_consent, date(2027, 3, 11), True),
    # After-care: from 60 days before the second birthday up to the day before it.
    Case("aftercare_missing", toddler, SECOND_BIRTHDAY - timedelta(days=61), False),
    Case("aftercare_missing", toddler, SECOND_BIRTHDAY - timedelta(days=60), True),
    Case("aftercare_missing", toddler, SECOND_BIRTHDAY - timedelta(days=59), True),
    Case("aftercare_missing", toddler, SECOND_BIRTHDAY - timedelta(days=1), True),
    Case("aftercare_missing", toddler, SECOND_BIRTHDAY, False),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_rule_holds_from_the_day_after_its_term(cast, case):
    family = case.make(cast)
    assert holds(cast, family, case.rule, case.day) is case.expected


# Handover to be accepted before Monday 8 March: late from Tuesday.
@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2027, 3, 7), False), (date(2027, 3, 8), False), (date(2027, 3, 9), True)],
)
def test_a_handover_not_accepted_by_its_due_date(cast, day, expected):
    family, _handover = handover_due_monday(cast)
    assert holds(cast, family, "handover_not_accepted", day) is expected


def test_a_late_handover_names_the_receiving_organisation(cast):
    handover_due_monday(cast)
    with at(date(2027, 3, 9)):
        [signal] = chain_signals(
            open_families_of_coalition(cast.coalition),
            cast.coalition,
            rule_code="handover_not_accepted",
        )
    assert signal.responsible_organisation == NEIGHBOURHOOD_TEAM
    assert "8 maart 2027" in signal.why


# --- What makes a signal go away --------------------------------------------------------------


def test_urgent_counts_working_days_over_the_weekend(cast):
    family = urgent_route(cast, on=FRIDAY)  # two working days end on Tuesday 9 March
    assert not holds(cast, family, "urgent_no_action", date(2027, 3, 8))
    assert not holds(cast, family, "urgent_no_action", date(2027, 3, 9))
    assert holds(cast, family, "urgent_no_action", date(2027, 3, 10))


def test_a_completed_task_since_the_urgent_decision_is_an_action(cast):
    family = urgent_route(cast)
    with at(date(2027, 3, 4)):
        task = family.tasks.filter(status="open").first()
        task_complete(actor=cast.case_director, family_pk=family.pk, task_pk=task.pk)
    assert not holds(cast, family, "urgent_no_action", date(2027, 3, 8))


def test_a_case_director_ends_the_signal(cast):
    family = route(2)(cast)
    with at(date(2027, 3, 12)):
        case_director_set(
            actor=cast.case_director, family_pk=family.pk, professional=cast.care_team_member
        )
    assert not holds(cast, family, "no_case_director", date(2027, 3, 12))


def test_route_3_discussed_in_an_mdo_ends_the_signal(cast):
    family = route(3)(cast)
    RouteDecision.objects.filter(family=family).update(awaiting_mdo=False)
    assert not holds(cast, family, "route_3_not_in_mdo", date(2027, 3, 20))


def test_a_newer_route_1_ends_the_route_signals(cast):
    family = route(3)(cast)
    with at(date(2027, 3, 5)):
        choose_route(cast, family, level="none")
    day = date(2027, 3, 20)
    assert not holds(cast, family, "route_3_not_in_mdo", day)
    assert not holds(cast, family, "no_case_director", day)


@pytest.mark.parametrize(
    ("answer", "expected"), [("accept", False), ("decline", False), ("none", True)]
)
def test_an_answered_handover_is_no_signal(cast, answer, expected):
    family, handover = handover_due_monday(cast)
    receiver = cast.outsider
    receiver.memberships.update(organisation=handover.to_organisation)
    with at(date(2027, 3, 6)):
        if answer == "accept":
            handover_accept(actor=receiver, handover_pk=handover.pk)
        elif answer == "decline":
            handover_decline(actor=receiver, handover_pk=handover.pk, reason="Geen plek.")
    assert holds(cast, family, "handover_not_accepted", date(2027, 3, 10)) is expected


def _jgz_task(cast, family, *, owner=None, organisation=None, status="open"):
    task = task_create(
        actor=cast.case_director,
        family=family,
        title="Eerste JGZ-contact",
        owner=owner,
        owner_organisation=organisation,
        source=JGZ_CONTACT_SOURCE,
    )
    if status != "open":
        family.tasks.filter(pk=task.pk).update(status=status, completed_at=task.created_at)


@pytest.mark.parametrize(
    ("owner", "status", "expected"),
    [
        ("jgz_nurse", "open", False),  # a professional who works for the JGZ
        ("jgz_organisation", "open", False),
        ("jgz_organisation", "done", False),
        ("jgz_organisation", "cancelled", True),
        ("midwife", "open", True),  # not the JGZ: no planned JGZ contact
    ],
)
def test_a_planned_jgz_contact_ends_the_gap_signal(cast, owner, status, expected):
    family = born_at_start(cast)
    jgz = cast.care_team_member.memberships.get().organisation
    with at(START + timedelta(days=8)):
        if owner == "jgz_nurse":
            _jgz_task(cast, family, owner=cast.care_team_member, status=status)
        elif owner == "jgz_organisation":
            _jgz_task(cast, family, organisation=jgz, status=status)
        else:
            _jgz_task(cast, family, owner=cast.case_director, status=status)
    assert holds(cast, family, "gap_without_jgz_contact", START + timedelta(days=9)) is expected


def test_a_handover_to_the_jgz_counts_as_a_planned_contact(cast):
    family = born_at_start(cast)
    jgz = cast.care_team_member.memberships.get().organisation
    with at(START + timedelta(days=2)):
        handover_propose(
            actor=cast.case_director,
            family_pk=family.pk,
            summary="Warme overdracht na de bevalling.",
            to_organisation=jgz,
        )
    assert not holds(cast, family, "gap_without_jgz_contact", START + timedelta(days=9))


def test_a_jgz_contact_of_an_older_child_does_not_count(cast):
    with at(START):
        family = family_with_consent(cast)
        jgz = cast.care_team_member.memberships.get().organisation
        _jgz_task(cast, family, organisation=jgz, status="done")
        # That contact was for an older child, two years ago.
        family.tasks.update(created_at=family.created_at - timedelta(days=700))
        born_on(cast, family, START, today=START)
    assert holds(cast, family, "gap_without_jgz_contact", START + timedelta(days=9))


@pytest.mark.parametrize(("given", "expected"), [(True, False), (False, True)])
def test_consent_for_the_care_team_ends_the_signal_unless_refused(cast, given, expected):
    family = opened_without_consent(cast)
    with at(date(2027, 3, 4)):
        consent_record(
            actor=cast.case_director,
            family_pk=family.pk,
            purpose=ConsentPurpose.CARE_TEAM,
            given=given,
            method=ConsentMethod.VERBAL,
        )
    with at(date(2027, 3, 12)):
        signals = chain_signals(
            open_families_of_coalition(cast.coalition),
            cast.coalition,
            rule_code="consent_missing",
        )
    assert (family.pk in {s.family_id for s in signals}) is expected
    if expected:
        assert "het gezin heeft geen toestemming gegeven" in signals[0].why


def test_consent_for_another_purpose_does_not_count(cast):
    family = opened_without_consent(cast)
    with at(date(2027, 3, 4)):
        consent_record(
            actor=cast.case_director,
            family_pk=family.pk,
            purpose=ConsentPurpose.MONITORING,
            given=True,
            method=ConsentMethod.VERBAL,
        )
    assert holds(cast, family, "consent_missing", date(2027, 3, 12))


def test_an_after_care_agreement_ends_the_signal(cast):
    family = toddler(cast)
    day = SECOND_BIRTHDAY - timedelta(days=30)
    with at(day):
        task_create(
            actor=cast.case_director,
            family=family,
            title="Nazorgafspraak",
            owner=cast.case_director,
            source=AFTERCARE_SOURCE,
        )
    assert not holds(cast, family, "aftercare_missing", day)


def test_a_closed_family_has_no_signals(cast):
    family = opened_without_consent(cast)
    Family.objects.filter(pk=family.pk).update(status="closed", closed_at=family.created_at)
    assert not holds(cast, family, "consent_missing", date(2027, 4, 1))
