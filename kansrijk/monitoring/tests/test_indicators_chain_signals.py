"""Open chain signals at the end of a period, by kind and age: a hand-built set with known
answers. On 31 March 2026 (the last day of 2026-Q1) a signal that shows from day S is
`31 March - S` days old: under 7 days, 7 to 27 days, or 28 days and more."""

from datetime import date

import pytest

from kansrijk.care.models import HandoverStatus
from kansrijk.monitoring.indicators import Scope
from kansrijk.signaling.levels import Route
from kansrijk.socialmap.models import ReferralStatus as S
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.monitoring_chain import (
    at,
    case_director,
    elsewhere,
    family,
    figures_of,
    handover,
    kind_service,
    moved,
    referral,
    route_decision,
)


def signals(scope, period, prefix):
    figures = figures_of("open_chain_signals", scope, period)
    return {key: value for key, value in figures.items() if key.startswith(prefix)}


def expected(code, lt_1w, w1_4, gt_4w):
    return {
        f"{code}_lt_1w": (lt_1w, None),
        f"{code}_1w_4w": (w1_4, None),
        f"{code}_gt_4w": (gt_4w, None),
    }


@pytest.fixture
def without_director(cast):
    coalition, by = cast.coalition, cast.case_director

    def routed(route, day, hour=12, minute=0, **fields):
        made = family(coalition, by, **fields)
        route_decision(made, by, route=route, decided_at=at(day, hour, minute))
        return made

    # The signal shows from the 8th day after the decision (a term of 7 days).
    routed(Route.POTENTIALLY_VULNERABLE, date(2026, 3, 23), 23, 30)  # shows 31 March: 0 days
    routed(Route.VULNERABLE, date(2026, 3, 24), 0, 30)  # shows 1 April: not yet
    routed(Route.POTENTIALLY_VULNERABLE, date(2026, 3, 16))  # 7 days
    routed(Route.VULNERABLE, date(2026, 2, 24), 23, 30)  # 27 days
    routed(Route.VULNERABLE, date(2026, 2, 23), 23, 30)  # 28 days
    routed(Route.VULNERABLE, date(2026, 2, 10))  # 41 days
    # A case director in force at the end: no signal.
    case_director(routed(Route.VULNERABLE, date(2026, 2, 10)), by, started_at=at(date(2026, 2, 12)))
    # A case director only after the end, or one whose period ended: the signal was open.
    case_director(
        routed(Route.POTENTIALLY_VULNERABLE, date(2026, 2, 10)), by, started_at=at(date(2026, 4, 2))
    )
    case_director(
        routed(Route.VULNERABLE, date(2026, 1, 1)),
        by,
        started_at=at(date(2026, 1, 2)),
        ended_at=at(date(2026, 3, 1)),
    )
    # Route 1 now (a later decision), or route 1 all along: no signal.
    route_decision(
        routed(Route.POTENTIALLY_VULNERABLE, date(2026, 1, 1)),
        by,
        route=Route.SELF_RELIANT,
        decided_at=at(date(2026, 2, 1)),
    )
    routed(Route.SELF_RELIANT, date(2026, 1, 1))
    # A decision after the end does not change the route at the end.
    route_decision(
        routed(Route.POTENTIALLY_VULNERABLE, date(2026, 1, 1)),
        by,
        route=Route.SELF_RELIANT,
        decided_at=at(date(2026, 4, 5)),
    )
    # Not counted: file closed before the end, consent withdrawn, another coalition.
    routed(Route.VULNERABLE, date(2026, 1, 1), closed=at(date(2026, 3, 1)))
    routed(Route.VULNERABLE, date(2026, 1, 1), withdrawn=True)
    stranger = cast.other_coalition_professional
    route_decision(
        family(cast.other_coalition, stranger),
        stranger,
        route=Route.VULNERABLE,
        decided_at=at(date(2026, 1, 1)),
    )
    # Counted where it lives now.
    moved(routed(Route.VULNERABLE, date(2026, 2, 10)))
    return cast


@pytest.mark.django_db
def test_route_2_or_3_without_a_case_director_by_age(without_director):
    scope = Scope(without_director.coalition.pk)

    assert signals(scope, "2026-Q1", "no_case_director") == expected("no_case_director", 1, 2, 6)


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(without_director):
    coalition = without_director.coalition
    there = Scope(coalition.pk, elsewhere(coalition).pk)

    assert signals(there, "2026-Q1", "no_case_director") == expected("no_case_director", 0, 0, 1)


@pytest.fixture
def late_handovers(cast):
    coalition, by = cast.coalition, cast.case_director

    def proposed(due, **answer):
        made = family(coalition, by)
        handover(made, by, proposed_at=at(date(2026, 1, 5)), due_date=due, **answer)
        return made

    # The signal shows from the day after the due date.
    proposed(date(2026, 3, 30))  # 0 days
    proposed(date(2026, 3, 31))  # not yet
    proposed(date(2026, 3, 23))  # 7 days
    # Accepted only after the end: open at the end.
    proposed(date(2026, 2, 1), status=HandoverStatus.ACCEPTED, accepted_at=at(date(2026, 4, 5)))
    # Answered before the end: no signal.
    proposed(date(2026, 2, 1), status=HandoverStatus.ACCEPTED, accepted_at=at(date(2026, 3, 1)))
    proposed(date(2026, 2, 1), status=HandoverStatus.DECLINED, declined_at=at(date(2026, 2, 2)))
    proposed(date(2026, 2, 1), status=HandoverStatus.CANCELLED, cancelled_at=at(date(2026, 2, 2)))
    # Two late handovers: one signal, as old as the oldest (29 days).
    two = proposed(date(2026, 3, 23))
    handover(two, by, proposed_at=at(date(2026, 1, 5)), due_date=date(2026, 3, 1))
    # Proposed in 2025, due on 30 December, accepted on 2 January: open at the end of 2025.
    handover(
        family(coalition, by),
        by,
        proposed_at=at(date(2025, 12, 1)),
        due_date=date(2025, 12, 30),
        status=HandoverStatus.ACCEPTED,
        accepted_at=at(date(2026, 1, 2)),
    )
    return cast


@pytest.mark.django_db
def test_handovers_not_accepted_in_time_by_age(late_handovers):
    scope = Scope(late_handovers.coalition.pk)

    assert signals(scope, "2026-Q1", "handover") == expected("handover_not_accepted", 1, 1, 2)


@pytest.mark.django_db
def test_the_end_of_the_year_has_the_signals_open_then(late_handovers):
    scope = Scope(late_handovers.coalition.pk)

    assert signals(scope, "2025", "handover") == expected("handover_not_accepted", 1, 0, 0)
    assert signals(scope, "2025-Q4", "handover") == expected("handover_not_accepted", 1, 0, 0)


@pytest.fixture
def late_referrals(cast):
    coalition, by = cast.coalition, cast.case_director
    service = kind_service(coalition, CareKind.OTHER)

    def sent(respond_by, **answer):
        made = family(coalition, by)
        referral(made, service, by, sent_at=at(date(2026, 1, 5)), respond_by=respond_by, **answer)
        return made

    sent(date(2026, 3, 30))  # 0 days
    sent(date(2026, 3, 10), status=S.RECEIVED)  # received is not an answer: 20 days
    sent(date(2026, 3, 10), status=S.ACCEPTED, responded_at=at(date(2026, 3, 9)))
    sent(date(2026, 2, 1), status=S.ACCEPTED, responded_at=at(date(2026, 4, 3)))  # 58 days
    sent(date(2026, 2, 1), status=S.WITHDRAWN, closed_at=at(date(2026, 2, 15)))
    sent(date(2026, 2, 1), status=S.WITHDRAWN, closed_at=at(date(2026, 4, 5)))  # 58 days
    return cast


@pytest.mark.django_db
def test_referrals_not_answered_in_time_by_age(late_referrals):
    scope = Scope(late_referrals.coalition.pk)

    assert signals(scope, "2026-Q1", "referral") == expected("referral_overdue", 1, 1, 2)


@pytest.mark.django_db
def test_no_signals_give_zeros_for_every_kind(cast):
    figures = figures_of("open_chain_signals", Scope(cast.coalition.pk), "2026-Q1")

    assert figures == {
        **expected("no_case_director", 0, 0, 0),
        **expected("handover_not_accepted", 0, 0, 0),
        **expected("referral_overdue", 0, 0, 0),
    }
