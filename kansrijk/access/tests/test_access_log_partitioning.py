"""The access log is partitioned by month on PostgreSQL and a plain table on SQLite.

Every test runs on both databases: on PostgreSQL it checks where rows land, on SQLite that
the same code paths do nothing and the plain table keeps working.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent, AccessLogIsAppendOnly
from kansrijk.access.partitions import (
    DEFAULT_PARTITION,
    TABLE,
    access_log_is_partitioned,
    access_log_partitions,
    access_log_partitions_ensure,
    add_months,
    month_start,
    partition_name,
)
from kansrijk.access.services import access_event_record
from kansrijk.families.models import Family
from kansrijk.testing.actors import logged_in_client

ON_POSTGRESQL = connection.vendor == "postgresql"
BEFORE_PARTITIONING = "0004_link_access_log_to_families"


def _event(cast, family, *, at=None, detail="") -> AccessEvent:
    if at is None:
        return access_event_record(
            user=cast.case_director,
            action=AccessEvent.Action.READ,
            family=family,
            authorisation=True,
            treatment_relationship=True,
            consent=True,
            emergency=False,
            ground="care_team",
            detail=detail,
        )
    return AccessEvent.objects.create(
        timestamp=at.replace(microsecond=0),
        user=cast.case_director,
        user_display="Casusregisseur",
        family=family,
        coalition_id=family.coalition_id,
        action=AccessEvent.Action.READ,
        detail=detail,
        ground="care_team",
        authorisation=True,
        treatment_relationship=True,
        consent=True,
        emergency=False,
    )


def _table_of(event) -> str:
    """The partition the event's row is stored in; the table itself on SQLite."""
    if not ON_POSTGRESQL:
        return TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text FROM {TABLE} WHERE id = %s", [event.pk])
        return cursor.fetchone()[0]


def _partition_names() -> set[str]:
    with connection.cursor() as cursor:
        if not ON_POSTGRESQL:
            return set()
        cursor.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass",
            [TABLE],
        )
        return {name for (name,) in cursor.fetchall()}


def _table_kind() -> str:
    with connection.cursor() as cursor:
        if ON_POSTGRESQL:
            cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE])
            return {"p": "partitioned", "r": "plain"}[cursor.fetchone()[0]]
        cursor.execute("SELECT type FROM sqlite_master WHERE name = %s", [TABLE])
        return {"table": "plain"}[cursor.fetchone()[0]]


def _month_partition(moment) -> str:
    return partition_name(month_start(moment)) if ON_POSTGRESQL else TABLE


@pytest.mark.django_db
def test_the_log_is_partitioned_by_month_on_postgresql_and_plain_on_sqlite():
    assert access_log_is_partitioned() is ON_POSTGRESQL
    assert _table_kind() == ("partitioned" if ON_POSTGRESQL else "plain")
    names = _partition_names()
    if ON_POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT partstrat, a.attname FROM pg_partitioned_table p "
                "JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] "
                "WHERE p.partrelid = %s::regclass",
                [TABLE],
            )
            assert cursor.fetchone() == ("r", "timestamp")
        this_month = month_start(timezone.now())
        # Five years back through three months ahead, and a DEFAULT partition.
        expected = {partition_name(add_months(this_month, n)) for n in range(-60, 4)}
        assert expected | {DEFAULT_PARTITION} <= names
    else:
        assert names == set()
        assert access_log_partitions() == []


@pytest.mark.django_db
def test_the_indexes_of_the_access_report_and_the_log_search_are_there():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    indexes = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert {
        ("family_id", "timestamp"),
        ("user_id", "timestamp"),
        ("coalition_id", "timestamp"),
    } <= indexes
    primary_key = next(tuple(c["columns"]) for c in constraints.values() if c["primary_key"])
    assert primary_key == (("id", "timestamp") if ON_POSTGRESQL else ("id",))
    if ON_POSTGRESQL:
        assert ("timestamp", "id") in indexes
    foreign_keys = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert foreign_keys == {
        "families_family",
        "organisations_coalition",
        "organisations_professional",
    }


def test_an_event_written_now_lands_in_this_months_partition(cast, cast_family):
    event = _event(cast, cast_family, detail="nu")
    assert _table_of(event) == _month_partition(event.timestamp)
    assert AccessEvent.objects.get(pk=event.pk).detail == "nu"


def test_an_event_two_years_back_lands_in_its_months_partition(cast, cast_family):
    moment = timezone.now() - timedelta(days=2 * 365)
    event = _event(cast, cast_family, at=moment)
    assert _table_of(event) == _month_partition(moment)


def test_an_event_outside_the_partitions_lands_in_default_and_ensure_moves_it(cast, cast_family):
    long_ago = timezone.now() - timedelta(days=10 * 366)
    far_ahead = timezone.now() + timedelta(days=3 * 366)
    old, future = _event(cast, cast_family, at=long_ago), _event(cast, cast_family, at=far_ahead)
    expected_table = DEFAULT_PARTITION if ON_POSTGRESQL else TABLE
    assert _table_of(old) == _table_of(future) == expected_table

    created = access_log_partitions_ensure()

    if ON_POSTGRESQL:
        assert {_month_partition(long_ago), _month_partition(far_ahead)} <= set(created)
    else:
        assert created == []
    assert _table_of(old) == _month_partition(long_ago)
    assert _table_of(future) == _month_partition(far_ahead)
    assert AccessEvent.objects.filter(pk__in=[old.pk, future.pk]).count() == 2
    # Writing goes on after the move, into the reattached DEFAULT partition if need be.
    later = _event(cast, cast_family, at=far_ahead + timedelta(days=400))
    assert _table_of(later) == expected_table
    assert access_log_partitions_ensure() == (
        [partition_name(month_start(later.timestamp))] if ON_POSTGRESQL else []
    )


@pytest.mark.django_db
def test_ensure_creates_the_months_ahead_and_is_idempotent():
    now = datetime(2031, 12, 15, 12, 0, tzinfo=UTC)
    expected = ["access_accessevent_y2031m12", "access_accessevent_y2032m01"]
    expected.append("access_accessevent_y2032m02")

    first = access_log_partitions_ensure(months_ahead=2, now=now)
    second = access_log_partitions_ensure(months_ahead=2, now=now)

    assert first == (expected if ON_POSTGRESQL else [])
    assert second == []
    assert set(expected) <= _partition_names() if ON_POSTGRESQL else _partition_names() == set()
    # And the regular call, from this month, finds the migration's months ahead in place.
    assert access_log_partitions_ensure(months_ahead=3) == []


def test_the_command_creates_and_lists_partitions(cast, cast_family):
    _event(cast, cast_family)
    out = StringIO()
    call_command("access_log_partitions", "--months-ahead", "5", stdout=out)
    if ON_POSTGRESQL:
        this_month = month_start(timezone.now())
        for offset in (4, 5):
            assert f"Aangemaakt: {partition_name(add_months(this_month, offset))}" in out.getvalue()
    else:
        assert "niets te doen" in out.getvalue()

    out = StringIO()
    call_command("access_log_partitions", stdout=out)
    assert ("niets aangemaakt" if ON_POSTGRESQL else "niets te doen") in out.getvalue()

    out = StringIO()
    call_command("access_log_partitions", "--list", stdout=out)
    if ON_POSTGRESQL:
        current = next(
            line
            for line in out.getvalue().splitlines()
            if line.startswith(_month_partition(timezone.now()) + " ")
        )
        assert (
            int(current.split()[1])
            == AccessEvent.objects.filter(timestamp__gte=month_start(timezone.now())).count()
        )
        assert DEFAULT_PARTITION in out.getvalue()
    else:
        assert "niets te doen" in out.getvalue()


def test_the_access_report_still_lists_events_newest_first(cast, cast_family):
    now = timezone.now()
    # The report reads the months since the family's file was opened (an event is never
    # older than its family), so the file is two years old here.
    Family.objects.filter(pk=cast_family.pk).update(created_at=now - timedelta(days=730))
    moments = [now - timedelta(days=days) for days in (700, 400, 40, 1)]
    for index, moment in enumerate(moments):
        _event(cast, cast_family, at=moment, detail=f"event {index}")

    response = logged_in_client(cast.care_team_member).get(
        reverse("access:family_access_report", args=[cast_family.pk])
    )

    assert response.status_code == 200
    page = list(response.context["page_obj"])
    # Opening the report is logged first; then the events from new to old, across months.
    assert page[0].detail == "Toegangsrapport ingezien"
    assert [e.detail for e in page if e.detail.startswith("event ")] == [
        "event 3",
        "event 2",
        "event 1",
        "event 0",
    ]
    assert [e.timestamp for e in page] == sorted((e.timestamp for e in page), reverse=True)
    assert len({_table_of(e) for e in page}) >= (4 if ON_POSTGRESQL else 1)


def test_the_append_only_guard_still_refuses_changes(cast, cast_family):
    event = _event(cast, cast_family, at=timezone.now() - timedelta(days=400))
    event.detail = "gewijzigd"
    with pytest.raises(AccessLogIsAppendOnly):
        event.save()
    with pytest.raises(AccessLogIsAppendOnly):
        AccessEvent.objects.filter(pk=event.pk).update(detail="gewijzigd")
    with pytest.raises(AccessLogIsAppendOnly):
        AccessEvent.objects.filter(pk=event.pk).delete()
    assert AccessEvent.objects.get(pk=event.pk).detail == ""


@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_to_a_plain_table_and_back(cast, cast_family):
    now = _event(cast, cast_family, detail="nu")
    old = _event(cast, cast_family, at=timezone.now() - timedelta(days=800), detail="oud")
    rows = list(AccessEvent.objects.order_by("id").values_list("id", "timestamp", "detail"))

    call_command("migrate", "access", BEFORE_PARTITIONING, verbosity=0)
    try:
        assert _table_kind() == "plain"
        assert _partition_names() == set()
        assert (
            list(AccessEvent.objects.order_by("id").values_list("id", "timestamp", "detail"))
            == rows
        )
        between = _event(cast, cast_family, detail="tussendoor")
        assert between.pk > max(row[0] for row in rows)
    finally:
        call_command("migrate", verbosity=0)

    assert _table_kind() == ("partitioned" if ON_POSTGRESQL else "plain")
    assert AccessEvent.objects.count() == len(rows) + 1
    assert _table_of(now) == _month_partition(now.timestamp)
    assert _table_of(old) == _month_partition(old.timestamp)
    after = _event(cast, cast_family, detail="daarna")
    assert after.pk > between.pk
    assert _table_of(after) == _month_partition(after.timestamp)
