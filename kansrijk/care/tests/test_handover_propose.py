"""Proposing a handover: by a care-team member, to an organisation or professional of the
family's coalition, with a summary and a due date (by the chain moment's timing when none
is given, never in the past); the receivers are notified."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kansrijk.care.models import HandoverKind, HandoverStatus
from kansrijk.core.models import Notification
from kansrijk.families.models import TimelineEvent
from kansrijk.families.services import pregnancy_add

from .test_handover_support import (
    SUMMARY,
    jgz,
    jgz_nurse,
    kraamzorg,
    other_coalition_jgz_nurse,
    propose,
)

pytestmark = pytest.mark.django_db
TODAY = date(2027, 3, 3)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_proposal_notifies_the_professionals_of_the_organisation(cast, cast_family):
    nurse = jgz_nurse(cast)
    Notification.objects.all().delete()
    handover = propose(cast, cast_family)
    assert handover.status == HandoverStatus.PROPOSED
    assert handover.from_membership.organisation.name == "Verloskundigen Eerstedorp"
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        nurse.pk,
        cast.care_team_member.pk,
    }
    notification = Notification.objects.get(recipient=nurse)
    assert cast_family.reference in notification.text
    assert SUMMARY not in notification.text
    assert notification.link == f"/overdrachten/{handover.pk}/"
    event = TimelineEvent.objects.get(family=cast_family, kind="handover_proposed")
    assert "JGZ Eerstedorp" in event.summary
    assert SUMMARY not in event.summary


def test_a_named_professional_alone_is_notified(cast, cast_family):
    nurse = jgz_nurse(cast)
    Notification.objects.all().delete()
    propose(cast, cast_family, to_organisation=None, to_professional=nurse)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [nurse.pk]


def test_only_a_care_team_member_proposes(cast, cast_family):
    from kansrijk.access.models import BreakTheGlass

    BreakTheGlass.objects.create(
        user=cast.outsider,
        family=cast_family,
        coalition=cast.coalition,
        reason="acute_care",
        explanation="Acuut",
        expires_at=timezone.now() + timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as refused:
        propose(cast, cast_family, actor=cast.outsider)
    assert refused.value.messages == [
        "Alleen een lid van het zorgteam kan een overdracht voorstellen."
    ]


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"summary": "  "}, {"summary": ["Schrijf een korte samenvatting voor de ontvanger."]}),
        (
            {"to_organisation": None},
            {
                "to_organisation": [
                    "Kies de organisatie of de professional die de overdracht krijgt."
                ]
            },
        ),
        ({"due_date": TODAY - timedelta(days=1)}, {"due_date": ["Kies een datum vanaf vandaag."]}),
        (
            {"moment_code": "bestaat-niet"},
            {"moment": ["Dit ketenmoment bestaat niet (meer). Kies een ander."]},
        ),
    ],
)
def test_it_rejects_bad_input_with_a_dutch_message(change, errors, cast, cast_family):
    assert errors_of(lambda: propose(cast, cast_family, **change)) == errors


def test_it_rejects_a_receiver_outside_the_coalition(cast, cast_family):
    stranger = other_coalition_jgz_nurse(cast)
    organisation = stranger.memberships.get().organisation
    assert errors_of(lambda: propose(cast, cast_family, to_organisation=organisation)) == {
        "to_organisation": ["Deze organisatie werkt niet in de coalitie van dit gezin."]
    }
    assert errors_of(
        lambda: propose(cast, cast_family, to_organisation=None, to_professional=stranger)
    ) == {
        "to_professional": [
            "Jgztweede Testpersoon werkt niet als professional in de coalitie van dit gezin."
        ]
    }


def test_a_named_professional_must_work_for_the_named_organisation(cast, cast_family):
    nurse = jgz_nurse(cast)
    assert errors_of(
        lambda: propose(cast, cast_family, to_organisation=kraamzorg(cast), to_professional=nurse)
    ) == {
        "to_professional": [
            "Jgzverpleegkundige Testpersoon werkt niet voor Kraamzorg Eerstedorp in deze coalitie."
        ]
    }


def test_the_due_date_follows_the_chain_moment(cast, cast_family):
    pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": date(2027, 6, 1), "gravidity": 1, "parity": 0},
    )
    kraam = propose(
        cast,
        cast_family,
        to_organisation=kraamzorg(cast),
        due_date=None,
        moment_code="verloskundige-kraamzorg",
    )
    assert kraam.due_date == date(2027, 6, 1) - timedelta(days=42)
    assert kraam.moment_name == "Verloskundige → kraamzorg"
    # Around birth: the due date stands in for the birth date until the birth is recorded.
    around_birth = propose(cast, cast_family, due_date=None, moment_code="geboorte-jgz")
    assert around_birth.due_date == date(2027, 6, 8)
    other = propose(cast, cast_family, due_date=None)
    assert (other.due_date, other.moment_code) == (TODAY + timedelta(days=7), "")


def test_the_casusregie_moment_makes_a_casusregie_handover_and_only_one_runs(cast, cast_family):
    nurse = jgz_nurse(cast)
    first = propose(cast, cast_family, to_professional=nurse, moment_code="casusregie")
    assert first.kind == HandoverKind.CASUSREGIE
    errors = errors_of(
        lambda: propose(
            cast, cast_family, to_professional=cast.care_team_member, kind=HandoverKind.CASUSREGIE
        )
    )
    assert errors == {
        "kind": [
            "Er staat al een overdracht van de casusregie open (aan Jgzverpleegkundige "
            "Testpersoon (JGZ Eerstedorp)). Wacht op het antwoord of trek die eerst in."
        ]
    }
    # A regular handover may run at the same time.
    assert propose(cast, cast_family).kind == HandoverKind.REGULAR
    assert jgz(cast).handovers_received.count() == 2
