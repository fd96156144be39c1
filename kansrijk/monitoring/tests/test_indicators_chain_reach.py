"""The reach of the interventions (Nu Niet Zwanger, VoorZorg, Stevig Ouderschap, Centering)
from referrals: distinct families per intervention, sent and started or completed."""

from datetime import date

import pytest

from kansrijk.monitoring.indicators import Scope
from kansrijk.socialmap.models import ReferralStatus as S
from kansrijk.socialmap.terms import set_service_terms
from kansrijk.socialmap.vocabulary import CareKind as K
from kansrijk.testing.monitoring_chain import (
    at,
    elsewhere,
    family,
    figures_of,
    kind_service,
    moved,
    referral,
)

NOTHING = dict.fromkeys(("nu_niet_zwanger", "voorzorg", "stevig_ouderschap", "centering"), (0, 0))


@pytest.fixture
def reach(cast):
    by, coalition = cast.case_director, cast.coalition
    nnz = kind_service(coalition, K.NU_NIET_ZWANGER)
    voorzorg = kind_service(coalition, K.VOORZORG)
    stevig = kind_service(coalition, K.STEVIG_OUDERSCHAP)
    both = kind_service(coalition, K.VOORZORG, name="VoorZorg in groepen")
    set_service_terms(both, {"care_kinds": [K.VOORZORG, K.CENTERING]})
    other = kind_service(coalition, K.WELZIJN)

    # Two referrals to Nu Niet Zwanger, one started: the family counts once, reached.
    started = family(coalition, by)
    first_minute = at(date(2026, 1, 1), 0, 30)
    referral(started, nnz, by, sent_at=first_minute, status=S.STARTED, started_at=first_minute)
    referral(started, nnz, by, sent_at=at(date(2026, 2, 1)))
    # Declined in the last half hour of the quarter: sent, not reached.
    referral(
        family(coalition, by), nnz, by, sent_at=at(date(2026, 3, 31), 23, 30), status=S.DECLINED
    )
    # A service of two kinds, completed: counts for both.
    sent = at(date(2026, 2, 1))
    referral(family(coalition, by), both, by, sent_at=sent, status=S.COMPLETED, started_at=sent)
    # Started and then withdrawn: it did start.
    sent = at(date(2026, 1, 15))
    referral(family(coalition, by), voorzorg, by, sent_at=sent, status=S.WITHDRAWN, started_at=sent)
    # The last half hour of 2025.
    referral(family(coalition, by), voorzorg, by, sent_at=at(date(2025, 12, 31), 23, 30))
    # Not an intervention.
    referral(family(coalition, by), other, by, sent_at=at(date(2026, 2, 1)), status=S.STARTED)
    # Not counted: consent withdrawn, another coalition. Counted: a family that moved.
    in_q1 = {"sent_at": at(date(2026, 2, 10))}
    referral(family(coalition, by, withdrawn=True), nnz, by, **in_q1)
    stranger = cast.other_coalition_professional
    elsewhere_nnz = kind_service(cast.other_coalition, K.NU_NIET_ZWANGER, name="NNZ elders")
    referral(family(cast.other_coalition, stranger), elsewhere_nnz, stranger, **in_q1)
    referral(moved(family(coalition, by)), stevig, by, status=S.ACCEPTED, **in_q1)
    return cast


@pytest.mark.django_db
def test_a_quarter_counts_families_per_intervention(reach):
    figures = figures_of("intervention_reach", Scope(reach.coalition.pk), "2026-Q1")

    # (started or completed, referred)
    assert figures == {
        "nu_niet_zwanger": (1, 2),
        "voorzorg": (2, 2),
        "stevig_ouderschap": (0, 1),
        "centering": (1, 1),
    }


@pytest.mark.django_db
def test_the_year_boundary_splits_on_the_minute(reach):
    scope = Scope(reach.coalition.pk)

    assert figures_of("intervention_reach", scope, "2025") == {**NOTHING, "voorzorg": (0, 1)}
    assert figures_of("intervention_reach", scope, "2025-Q4") == figures_of(
        "intervention_reach", scope, "2025"
    )
    assert figures_of("intervention_reach", scope, "2026-Q2") == NOTHING


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(reach):
    coalition = reach.coalition

    figures = figures_of(
        "intervention_reach", Scope(coalition.pk, elsewhere(coalition).pk), "2026-Q1"
    )
    assert figures == {**NOTHING, "stevig_ouderschap": (0, 1)}
