"""Monthly partitions of the NEN 7513 access log on PostgreSQL.

Migration 0005 turns `access_accessevent` into a table range-partitioned by month on
`timestamp` (see there). Each month has its own partition, named
`access_accessevent_yYYYYmMM`, covering that calendar month in UTC; a DEFAULT partition
`access_accessevent_default` takes any row no monthly partition covers, so writing the log
never fails.

`access_log_partitions_ensure()` creates the partitions of the current month and the next
`months_ahead` months. Run it daily (`python manage.py access_log_partitions`, from cron or
a scheduler); it is idempotent. Should rows sit in the DEFAULT partition (the job did not
run for months, or history was imported), it also creates the partitions of their months
and moves those rows there, in one transaction: detach the DEFAULT partition, create the
partitions, move the rows, attach it again. Writers wait for that transaction (the table is
locked), none fail.

Nothing here drops a partition. NEN 7513 asks to keep the log five years, and no longer:
retention.py (`python manage.py purge_access_log`, scheduled) detaches and drops the
partitions of the months that lie entirely more than five years back, together with the
seals of those days (integrity.py), so that the hash chain stays verifiable from the oldest
remaining seal. Archive a month first, if policy asks for it, with `pg_dump -t` of its
partition before the job reaches it. Both jobs take the same advisory lock.

On SQLite the access log is a plain table and everything here does nothing.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

TABLE = "access_accessevent"
DEFAULT_PARTITION = f"{TABLE}_default"
# Serialises concurrent runs of the job (two schedulers, or a deploy during the daily run),
# and the job with the retention job (retention.py).
ADVISORY_LOCK = 7513_0001


class AccessLogNotPartitioned(RuntimeError):
    """The PostgreSQL access-log table is not partitioned: run the migrations first."""


@dataclass(frozen=True)
class Partition:
    name: str
    bounds: str
    rows: int


def month_start(moment: datetime) -> datetime:
    """The first instant (UTC) of the month `moment` falls in."""
    moment = moment.astimezone(UTC)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def add_months(start: datetime, months: int) -> datetime:
    index = start.year * 12 + start.month - 1 + months
    return start.replace(year=index // 12, month=index % 12 + 1)


def partition_name(start: datetime) -> str:
    return f"{TABLE}_y{start:%Y}m{start:%m}"


def partition_month(name: str) -> datetime:
    """The first instant (UTC) of the month of a monthly partition, from its name."""
    year, month = name.removeprefix(f"{TABLE}_y").split("m")
    return datetime(int(year), int(month), 1, tzinfo=UTC)


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def _is_partitioned(cursor) -> bool:
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s))",
        [TABLE],
    )
    return cursor.fetchone()[0]


def access_log_is_partitioned(using: str = DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        return _is_partitioned(cursor)


def _partition_names(cursor) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = to_regclass(%s)",
        [TABLE],
    )
    return {name for (name,) in cursor.fetchall()}


def access_log_partition_names(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The names of the access log's partitions, without counting their rows; an empty set
    on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        return _partition_names(cursor) if _is_partitioned(cursor) else set()


def _columns(cursor) -> list[str]:
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) "
        "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [TABLE],
    )
    return [name for (name,) in cursor.fetchall()]


def _create_partition(connection, cursor, start: datetime) -> None:
    end = add_months(start, 1)
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {_quote(connection, partition_name(start))} "
        f"PARTITION OF {_quote(connection, TABLE)} "
        f"FOR VALUES FROM ('{start:%Y-%m-%d} 00:00:00+00') TO ('{end:%Y-%m-%d} 00:00:00+00')"
    )


def access_log_partitions_ensure(
    months_ahead: int = 3, *, now: datetime | None = None, using: str = DEFAULT_DB_ALIAS
) -> list[str]:
    """Create the missing monthly partitions, from this month through `months_ahead` ahead,
    and for every month that has rows in the DEFAULT partition (moving those rows).

    Returns the names of the partitions created, oldest first; [] when nothing was missing
    and always on SQLite.
    """
    if months_ahead < 0:
        raise ValueError("months_ahead must be zero or more")
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    first = month_start(now or timezone.now())
    wanted = {add_months(first, offset) for offset in range(months_ahead + 1)}
    table, default = _quote(connection, TABLE), _quote(connection, DEFAULT_PARTITION)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
        if not _is_partitioned(cursor):
            raise AccessLogNotPartitioned(
                f"{TABLE} is not a partitioned table; run `python manage.py migrate` first."
            )
        existing = _partition_names(cursor)
        # Months with rows in the DEFAULT partition: usually none (an index-less scan of an
        # empty table). Their partitions cannot be created while the rows sit there.
        stray: set[datetime] = set()
        if DEFAULT_PARTITION in existing:
            cursor.execute(
                f"SELECT DISTINCT date_trunc('month', \"timestamp\" AT TIME ZONE 'UTC') "  # noqa: S608 (quoted identifiers only)
                f"FROM {default}"
            )
            stray = {month.replace(tzinfo=UTC) for (month,) in cursor.fetchall()}
        missing = sorted(m for m in wanted | stray if partition_name(m) not in existing)
        if not missing:
            return []
        if stray:
            # Deferred foreign-key checks pending on these tables would block the ALTERs
            # (an event written earlier in this transaction): check them now, and check the
            # rows moved below at once too.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DETACH PARTITION {default}")
        for start in missing:
            _create_partition(connection, cursor, start)
        if stray:
            columns = ", ".join(_quote(connection, column) for column in _columns(cursor))
            # Every row of the detached partition now has a monthly partition to go to.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {default} "  # noqa: S608 (quoted identifiers only)
                f'ORDER BY "timestamp", id'
            )
            cursor.execute(f"TRUNCATE {default}")
            cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {default} DEFAULT")
    return [partition_name(start) for start in missing]


def access_log_partitions(using: str = DEFAULT_DB_ALIAS) -> list[Partition]:
    """The partitions of the access log with their bounds and exact row counts, oldest
    first and the DEFAULT partition last; [] on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        if not _is_partitioned(cursor):
            return []
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) "
            "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = to_regclass(%s)",
            [TABLE],
        )
        bounds = dict(cursor.fetchall())
        partitions = []
        for name in sorted(bounds, key=lambda name: (name == DEFAULT_PARTITION, name)):
            cursor.execute(f"SELECT count(*) FROM {_quote(connection, name)}")  # noqa: S608 (quoted partition name)
            partitions.append(Partition(name, bounds[name], cursor.fetchone()[0]))
    return partitions
