"""The signaling indicators cost the same number of queries for 3 families as for 12: each is
one aggregate query, and a median two more (the count, then the middle values)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.care.models import TaskStatus
from kansrijk.monitoring.indicators import Scope, indicators
from kansrijk.monitoring.periods import Period
from kansrijk.signaling.levels import Level
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_signaling import (
    assess,
    decide,
    direct,
    discuss_in_mdo,
    local,
    route_task,
)

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2026-Q1")
# One aggregate each for families_by_phase, pregnancies_signalled, level_distribution,
# route_distribution, route2_jgz_prenatal_visit and route3_mdo_within_4_weeks (6); the
# median gestational age: the count and the middle values (2); the case director: the
# aggregate, the count and the middle values (3).
BUDGET = 6 + 2 + 3


def build(cast, how_many: int) -> None:
    by = cast.coordinator
    for index in range(how_many):
        route = 2 + index % 2
        family = monitored_family(cast.coalition, by, due_date=date(2026, 6, 1) + timedelta(index))
        assess(family, by, on=date(2026, 2, 1), age_days=100 + index, level=Level.VULNERABLE)
        decision = decide(family, by, at=local(date(2026, 2, 1)), route=route)
        route_task(decision, "jgz_prenatal_visit", status=TaskStatus.DONE, by=by)
        direct(family, cast.case_director, since=local(date(2026, 2, 2 + index)))
        discuss_in_mdo(family, at=local(date(2026, 2, 10)))


def count_queries(cast) -> int:
    scope = Scope(cast.coalition.pk)
    signaling = [indicator for indicator in indicators() if indicator.group == "signaling"]
    with CaptureQueriesContext(connection) as queries:
        results = [indicator.cells(scope, Q1) for indicator in signaling]
    assert all(results)
    return len(queries)


def test_the_queries_do_not_grow_with_the_families(cast):
    build(cast, 3)
    few = count_queries(cast)
    build(cast, 9)
    many = count_queries(cast)

    assert few == many == BUDGET
