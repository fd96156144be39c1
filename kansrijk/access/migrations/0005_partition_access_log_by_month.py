"""Partition the access log by month on PostgreSQL; SQLite keeps the plain table.

The NEN 7513 log grows by millions of rows a year and is kept five years; every report
bounds its query by `timestamp`. On PostgreSQL `access_accessevent` becomes a table
range-partitioned on `timestamp`, one partition per calendar month (UTC), named
`access_accessevent_yYYYYmMM`, plus a DEFAULT partition so that an insert never fails.
This migration creates the months from the oldest row (at least five years back) through
three months ahead; `python manage.py access_log_partitions`, run daily, keeps creating the
months ahead (kansrijk/access/partitions.py).

What changes in the database, not in Django's model state (no state operations here, so
`makemigrations` sees nothing):

- The primary key becomes (id, timestamp): PostgreSQL requires the partition key in it.
  `id` keeps its own identity sequence (continued from the old one) and stays the model's
  primary key; Django only needs `RETURNING id`. Nothing references this table (a foreign
  key to a partitioned table would need the whole key), which is checked first.
- All other indexes and constraints of the plain table (the model's indexes per family,
  user and coalition with time descending, the indexes and foreign keys of the family, user
  and coalition columns) are recreated on the partitioned table under the same names, so
  later migrations find them.
- One index more, on (timestamp DESC, id DESC): the coordinators' log search filters on the
  family's coalition and sorts by time, so it reads the newest partition backwards and
  stops after one page instead of sorting all of the coalition's events. It is not in the
  model (the plain SQLite table does not need it).

The rows are copied, inside the migration's transaction. Reversing builds the plain table
with the original structure again and copies the rows back.
"""

import re
from datetime import UTC

from django.db import migrations
from django.utils import timezone

TABLE = "access_accessevent"
DEFAULT_PARTITION = f"{TABLE}_default"
TIME_INDEX = "access_accessevent_time_desc_idx"
MONTHS_BACK = 5 * 12
MONTHS_AHEAD = 3


def _month_start(moment):
    return moment.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _add_months(start, months):
    index = start.year * 12 + start.month - 1 + months
    return start.replace(year=index // 12, month=index % 12 + 1)


def _is_partitioned(cursor):
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s))",
        [TABLE],
    )
    return cursor.fetchone()[0]


def _columns(cursor, table):
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) "
        "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


def _set_aside(cursor, suffix):
    """Rename the current table, its primary key and its id sequence out of the way, and
    return its new name with the definitions of its other indexes and constraints."""
    old = f"{TABLE}_{suffix}"
    cursor.execute(f'ALTER TABLE "{TABLE}" RENAME TO "{old}"')
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [old])
    (sequence,) = cursor.fetchone()
    cursor.execute(f'ALTER SEQUENCE {sequence} RENAME TO "{old}_id_seq"')
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(%s) AND contype = 'p'",
        [old],
    )
    (primary_key,) = cursor.fetchone()
    cursor.execute(f'ALTER TABLE "{old}" RENAME CONSTRAINT "{primary_key}" TO "{old}_pkey"')
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = to_regclass(%s) AND NOT x.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) "
        "ORDER BY i.relname",
        [old],
    )
    indexes = [
        re.sub(r" ON (ONLY )?\S+ USING ", f' ON "{TABLE}" USING ', definition)
        for name, definition in cursor.fetchall()
        if name != TIME_INDEX
    ]
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = to_regclass(%s) AND contype <> 'p' AND conparentid = 0 "
        "ORDER BY conname",
        [old],
    )
    constraints = []
    for name, kind, definition in cursor.fetchall():
        if kind not in ("f", "c"):
            raise RuntimeError(f"{TABLE}: unexpected constraint {name} ({definition})")
        constraints.append(f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{name}" {definition}')
    return old, primary_key, indexes, constraints


def _copy_rows(cursor, old):
    columns = _columns(cursor, old)
    cursor.execute(f'INSERT INTO "{TABLE}" ({columns}) SELECT {columns} FROM "{old}"')
    # Continue the id sequence where the old one was: an id is never handed out twice.
    cursor.execute(f'SELECT last_value, is_called FROM "{old}_id_seq"')
    last_value, is_called = cursor.fetchone()
    cursor.execute(f'SELECT coalesce(max(id), 0) FROM "{old}"')
    (highest,) = cursor.fetchone()
    last = max(last_value if is_called else last_value - 1, highest)
    if last > 0:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [TABLE, last])


def _finish(cursor, old, indexes, constraints):
    cursor.execute(f'DROP TABLE "{old}"')
    for statement in indexes + constraints:
        cursor.execute(statement)


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if _is_partitioned(cursor):
            return
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint "
            "WHERE confrelid = to_regclass(%s) AND conrelid <> confrelid",
            [TABLE],
        )
        referencing = [name for (name,) in cursor.fetchall()]
        if referencing:
            raise RuntimeError(
                f"{TABLE} cannot be partitioned: {', '.join(referencing)} refer to it."
            )
        old, primary_key, indexes, constraints = _set_aside(cursor, "plain")
        cursor.execute(
            f'CREATE TABLE "{TABLE}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING IDENTITY '
            f"INCLUDING STORAGE INCLUDING COMPRESSION, "
            f'CONSTRAINT "{primary_key}" PRIMARY KEY (id, "timestamp")) '
            f'PARTITION BY RANGE ("timestamp")'
        )
        cursor.execute(f'SELECT min("timestamp") FROM "{old}"')
        (oldest,) = cursor.fetchone()
        this_month = _month_start(timezone.now())
        start = _add_months(this_month, -MONTHS_BACK)
        if oldest is not None:
            start = min(start, _month_start(oldest))
        month = start
        while month <= _add_months(this_month, MONTHS_AHEAD):
            end = _add_months(month, 1)
            cursor.execute(
                f'CREATE TABLE "{TABLE}_y{month:%Y}m{month:%m}" PARTITION OF "{TABLE}" '
                f"FOR VALUES FROM ('{month:%Y-%m-%d} 00:00:00+00') "
                f"TO ('{end:%Y-%m-%d} 00:00:00+00')"
            )
            month = end
        cursor.execute(f'CREATE TABLE "{DEFAULT_PARTITION}" PARTITION OF "{TABLE}" DEFAULT')
        _copy_rows(cursor, old)
        indexes.append(f'CREATE INDEX "{TIME_INDEX}" ON "{TABLE}" ("timestamp" DESC, id DESC)')
        _finish(cursor, old, indexes, constraints)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _is_partitioned(cursor):
            return
        old, primary_key, indexes, constraints = _set_aside(cursor, "partitioned")
        cursor.execute(
            f'CREATE TABLE "{TABLE}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING IDENTITY '
            f"INCLUDING STORAGE INCLUDING COMPRESSION, "
            f'CONSTRAINT "{primary_key}" PRIMARY KEY (id))'
        )
        _copy_rows(cursor, old)
        # Dropping the parent drops its partitions.
        _finish(cursor, old, indexes, constraints)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_link_access_log_to_families"),
    ]

    operations = [
        migrations.RunPython(partition, unpartition, elidable=False),
    ]
