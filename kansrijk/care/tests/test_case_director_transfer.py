"""Transferring the casusregie is a handover: the old director stays in charge until the
new one accepts, then the old period ends and the new one starts at the same moment, in one
transaction; the history keeps every period. Two transfers accepted at once never leave two
current directors."""

import threading

import pytest
from django.db import connections
from django.utils import timezone

from kansrijk.care import selectors_handovers as selectors
from kansrijk.care import services_handovers as services
from kansrijk.care.models import CaseDirector, Handover, HandoverKind, HandoverStatus
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember, TimelineEvent

from .test_handover_support import jgz_nurse, make_director, propose


def transfer(cast, family, receiver, **kwargs):
    return propose(
        cast,
        family,
        to_organisation=None,
        to_professional=receiver,
        kind=HandoverKind.CASUSREGIE,
        **kwargs,
    )


@pytest.mark.django_db
def test_the_old_director_stays_until_the_new_one_accepts(cast, cast_family):
    old = make_director(cast, cast_family)
    nurse = jgz_nurse(cast)
    handover = transfer(cast, cast_family, nurse)
    assert selectors.current_case_director(cast_family).pk == old.pk
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    old.refresh_from_db()
    new = selectors.current_case_director(cast_family)
    assert new.professional == nurse
    assert new.via_handover_id == handover.pk
    assert old.ended_at == new.started_at == Handover.objects.get(pk=handover.pk).accepted_at
    assert [p.professional for p in selectors.case_director_history(cast_family)] == [
        nurse,
        cast.case_director,
    ]
    assert CareTeamMember.objects.current().filter(family=cast_family, professional=nurse).exists()
    event = TimelineEvent.objects.get(family=cast_family, kind="case_director_changed")
    assert (
        event.summary
        == "Van Regisseur Testpersoon naar Jgzverpleegkundige Testpersoon, JGZ Eerstedorp"
    )


@pytest.mark.django_db
def test_a_declined_or_cancelled_transfer_changes_nothing(cast, cast_family):
    old = make_director(cast, cast_family)
    nurse = jgz_nurse(cast)
    declined = transfer(cast, cast_family, nurse)
    services.handover_decline(actor=nurse, handover_pk=declined.pk, reason="Geen capaciteit")
    cancelled = transfer(cast, cast_family, nurse)
    services.handover_cancel(
        actor=cast.case_director, family_pk=cast_family.pk, handover_pk=cancelled.pk
    )
    assert list(CaseDirector.objects.filter(family=cast_family)) == [old]
    assert old.ended_at is None


@pytest.mark.django_db
def test_a_transfer_without_a_director_starts_the_first_period(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = transfer(cast, cast_family, nurse)
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    assert selectors.current_case_director(cast_family).professional == nurse


@pytest.mark.django_db
def test_a_former_director_who_did_not_propose_is_told(cast, cast_family):
    make_director(cast, cast_family)
    nurse = jgz_nurse(cast)
    handover = transfer(cast, cast_family, nurse, actor=cast.care_team_member)
    Notification.objects.all().delete()
    services.handover_accept(actor=nurse, handover_pk=handover.pk)
    texts = dict(Notification.objects.values_list("recipient", "text"))
    assert "van je overgenomen" in texts[cast.case_director.pk]
    assert "geaccepteerd" in texts[cast.care_team_member.pk]


def _concurrently(*calls):
    """Run each call in its own thread and database connection, all at once."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the outcome is what the test checks
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_transfers_accepted_at_once_leave_one_director(cast, cast_family):
    make_director(cast, cast_family)
    first, second = jgz_nurse(cast, "eerste"), jgz_nurse(cast, "tweede")
    one = transfer(cast, cast_family, first)
    # A second running transfer cannot be proposed; made directly, it stands for a race
    # between two proposals that the family's row lock would also have serialised.
    two = Handover.objects.create(
        family=cast_family,
        coalition=cast.coalition,
        kind=HandoverKind.CASUSREGIE,
        from_professional=cast.care_team_member,
        to_professional=second,
        summary="Tweede voorstel",
        due_date=timezone.localdate(),
    )
    outcomes = _concurrently(
        lambda: services.handover_accept(actor=first, handover_pk=one.pk),
        lambda: services.handover_accept(actor=second, handover_pk=two.pk),
    )
    assert all(isinstance(outcome, Handover) for outcome in outcomes), outcomes
    assert CaseDirector.objects.current().filter(family=cast_family).count() == 1
    periods = list(CaseDirector.objects.filter(family=cast_family).order_by("started_at", "pk"))
    assert len(periods) == 3
    assert [p.ended_at is None for p in periods] == [False, False, True]
    # Each period ends where the next begins: the history has no gap and no overlap.
    assert periods[0].ended_at == periods[1].started_at <= periods[1].ended_at
    assert periods[1].ended_at == periods[2].started_at


@pytest.mark.django_db(transaction=True)
def test_two_colleagues_accepting_one_handover_at_once(cast, cast_family):
    make_director(cast, cast_family)
    first, second = jgz_nurse(cast, "eerste"), jgz_nurse(cast, "tweede")
    handover = propose(cast, cast_family, kind=HandoverKind.CASUSREGIE)
    outcomes = _concurrently(
        lambda: services.handover_accept(actor=first, handover_pk=handover.pk),
        lambda: services.handover_accept(actor=second, handover_pk=handover.pk),
    )
    winners = [o for o in outcomes if isinstance(o, Handover)]
    assert len(winners) == 1, outcomes
    loser = next(o for o in outcomes if not isinstance(o, Handover))
    # Refused by the guard on the locked row, or (once the winner committed) by the policy.
    assert type(loser).__name__ in {"ValidationError", "Http404"}, loser
    stored = Handover.objects.get(pk=handover.pk)
    assert stored.status == HandoverStatus.ACCEPTED
    assert CaseDirector.objects.current().get(family=cast_family).professional == stored.accepted_by
    assert (
        CareTeamMember.objects.filter(family=cast_family, professional__in=[first, second]).count()
        == 1
    )
