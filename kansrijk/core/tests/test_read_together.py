"""Readers (`kansrijk.core.together`) ask their queries, yield, and make their results from
the answers; run side by side, the queries of a step go to the database in one round trip
(a pipeline on PostgreSQL) and every reader gets the rows it would have read alone."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import (
    answered,
    read_now,
    read_together,
    reading_together,
    side_by_side,
)
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.testing.families import make_family

ON_POSTGRESQL = connection.vendor == "postgresql"

pytestmark = pytest.mark.django_db

_FAMILY = CompiledQuery(lambda: Family.objects.filter(pk=Slot("family")))
_TEAM = CompiledQuery(
    lambda: CareTeamMember.objects.filter(family_id=Slot("family")).order_by("pk")
)


def reference_and_team(family_pk):
    """A reader of two steps: the family, then its care team (as if the second needed the
    first's answer)."""
    family = yield from _FAMILY.reads_first(family=family_pk)
    team = yield from _TEAM.reads(family=family.pk)
    return family.reference, team


def test_readers_side_by_side_give_what_each_gives_alone(cast):
    first, second = make_family(cast), make_family(cast)

    together = read_together(
        [reference_and_team(first.pk), answered("vast"), reference_and_team(second.pk)]
    )

    assert together == [
        (first.reference, list(first.care_team_members.order_by("pk"))),
        "vast",
        (second.reference, list(second.care_team_members.order_by("pk"))),
    ]
    assert len(together[0][1]) == 2  # the case director and the care-team member
    assert read_now(reference_and_team(first.pk)) == together[0]


def test_each_step_waits_for_every_reader_of_the_step():
    steps = []

    def reader(name, count):
        for step in range(count):
            steps.append((name, step))
            yield
        return name

    results = read_now(side_by_side([reader("a", 1), reader("b", 3), reader("c", 2)]))

    assert results == ["a", "b", "c"]
    assert steps == [("a", 0), ("b", 0), ("c", 0), ("b", 1), ("c", 1), ("b", 2)]


def test_the_queries_of_a_step_are_all_counted_and_answered(cast):
    families = [make_family(cast) for _ in range(4)]

    with CaptureQueriesContext(connection) as captured:
        found = read_together([_FAMILY.reads_first(family=f.pk) for f in families])

    assert found == families
    assert len(captured) == 4


def test_asked_queries_wait_for_the_end_of_the_block_on_postgresql(cast):
    family = make_family(cast)

    with reading_together():
        asked = [_FAMILY.ask(family=family.pk) for _ in range(3)]
        # A pipeline on PostgreSQL: sent, not yet answered; elsewhere each ran at once.
        assert _in_pipeline() == ON_POSTGRESQL
    assert not _in_pipeline()

    assert [a.first() for a in asked] == [family] * 3


def _in_pipeline() -> bool:
    if not ON_POSTGRESQL:
        return False
    from psycopg.pq import PipelineStatus

    return connection.connection.pgconn.pipeline_status != PipelineStatus.OFF


def test_a_failing_query_raises_a_database_error_and_the_connection_goes_on(cast):
    family = make_family(cast)
    broken = CompiledQuery(lambda: Family.objects.extra(where=["no_such_column = 1"]))

    def ask_both():
        # In a transaction of its own: the test runs in one, which an error ends.
        with transaction.atomic(), reading_together():
            # On PostgreSQL the error comes when the block ends, elsewhere at once.
            broken.ask()
            _FAMILY.ask(family=family.pk)

    with pytest.raises(DatabaseError):
        ask_both()

    assert _FAMILY.first(family=family.pk) == family
