"""Referrals by status, and their median response time: a hand-built set with known
answers."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.socialmap.models import ReferralStatus as S
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.monitoring_chain import (
    at,
    elsewhere,
    family,
    figures_of,
    kind_service,
    moved,
    referral,
)

NONE = {status.value: 0 for status in S}


def statuses(scope, period):
    figures = figures_of("referrals_by_status", scope, period)
    assert len({denominator for _numerator, denominator in figures.values()}) == 1
    return {key: numerator for key, (numerator, _denominator) in figures.items()}


def median(scope, period):
    [cell] = get("referral_response_time").cells(scope, Period.parse(period))
    assert cell.key == "median_response_days"
    return cell.value, cell.denominator


@pytest.fixture
def referrals(cast):
    by = cast.case_director
    service = kind_service(cast.coalition, CareKind.OTHER)
    one = family(cast.coalition, by)
    sent = at(date(2026, 1, 1), 0, 30)  # the first half hour of the year
    referral(one, service, by, sent_at=sent, status=S.ACCEPTED, responded_at=sent + timedelta(2))
    sent = at(date(2026, 1, 10))
    referral(
        one, service, by, sent_at=sent, status=S.DECLINED, responded_at=sent + timedelta(hours=12)
    )
    sent = at(date(2026, 2, 1))
    referral(
        one,
        service,
        by,
        sent_at=sent,
        status=S.COMPLETED,
        responded_at=sent + timedelta(days=4),
        started_at=sent + timedelta(days=5),
    )
    referral(one, service, by, sent_at=at(date(2026, 3, 31), 23, 30))  # last half hour
    referral(one, service, by, sent_at=at(date(2026, 3, 1)), status=S.RECEIVED)
    sent = at(date(2025, 12, 31), 23, 30)  # the last half hour of 2025
    referral(one, service, by, sent_at=sent, status=S.ACCEPTED, responded_at=sent + timedelta(10))
    referral(one, service, by, sent_at=at(date(2026, 4, 1), 0, 30), status=S.WITHDRAWN)

    sent = at(date(2026, 2, 10))
    answered = {"sent_at": sent, "status": S.ACCEPTED, "responded_at": sent + timedelta(days=3)}
    referral(family(cast.coalition, by, withdrawn=True), service, by, **answered)
    other = cast.other_coalition_professional
    referral(
        family(cast.other_coalition, other),
        kind_service(cast.other_coalition, CareKind.OTHER, name="Elders"),
        other,
        **answered,
    )
    referral(moved(family(cast.coalition, by)), service, by, **answered)
    return cast


@pytest.mark.django_db
def test_a_quarter_has_its_referrals_per_status_and_the_median_response(referrals):
    scope = Scope(referrals.coalition.pk)

    assert statuses(scope, "2026-Q1") == {
        **NONE,
        "sent": 1,
        "received": 1,
        "accepted": 2,
        "declined": 1,
        "completed": 1,
    }
    assert figures_of("referrals_by_status", scope, "2026-Q1")["sent"] == (1, 6)
    # Answered after 0.5, 2, 3 and 4 days: the median of an even number is the mean of the
    # middle two.
    assert median(scope, "2026-Q1") == (Decimal("2.5"), 4)


@pytest.mark.django_db
def test_an_odd_number_of_answers_has_the_middle_one_and_none_has_no_median(referrals):
    scope = Scope(referrals.coalition.pk)

    assert median(scope, "2025") == (Decimal("10.0"), 1)
    assert statuses(scope, "2025") == {**NONE, "accepted": 1}
    assert median(scope, "2024") == (None, 0)


@pytest.mark.django_db
def test_the_year_counts_every_quarter(referrals):
    scope = Scope(referrals.coalition.pk)

    year = statuses(scope, "2026")
    assert year["withdrawn"] == 1
    assert sum(year.values()) == 7
    assert median(scope, "2026") == (Decimal("2.5"), 4)
    assert statuses(scope, "2025-Q4") == statuses(scope, "2025")


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(referrals):
    coalition = referrals.coalition
    there = Scope(coalition.pk, elsewhere(coalition).pk)
    here = Scope(coalition.pk, coalition.municipalities.get(name="Eerstedorp").pk)

    assert statuses(there, "2026-Q1") == {**NONE, "accepted": 1}
    assert median(there, "2026-Q1") == (Decimal("3.0"), 1)
    assert statuses(here, "2026-Q1")["accepted"] == 1
    assert median(here, "2026-Q1") == (Decimal("2.0"), 3)
