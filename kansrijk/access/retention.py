"""Keeping the NEN 7513 access log five years, and not longer.

NEN 7513 (and the WGBO's file retention it follows) asks to keep the access log five years.
`access_log_retention_apply()` (`python manage.py purge_access_log`, from cron once a day or a
month) removes whole calendar months (UTC) that lie entirely more than five years back:
everything before `retention_boundary()`, the first of the month in which "five years ago"
falls.

- On PostgreSQL each such month is a partition (partitions.py): it is detached and dropped,
  which takes no time and leaves no dead rows. Rows before the boundary that still sit in
  the DEFAULT partition are deleted.
- On SQLite the log is a plain table: the rows are deleted with raw SQL, as the model
  refuses deletes (`AccessEvent` is append-only for the application).

The seals of those days go in the same transaction (integrity.py), so the chain is verified
from the oldest remaining seal, which then lies on the boundary.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent

from .models import AccessLogSeal
from .partitions import (
    ADVISORY_LOCK,
    DEFAULT_PARTITION,
    TABLE,
    access_log_is_partitioned,
    access_log_partition_names,
    add_months,
    month_start,
    partition_month,
)

RETENTION_YEARS = 5


@dataclass
class RetentionResult:
    boundary: datetime
    partitions_dropped: list[str] = field(default_factory=list)
    events_deleted: int = 0
    seals_deleted: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.partitions_dropped or self.events_deleted or self.seals_deleted)


def retention_boundary(now: datetime | None = None) -> datetime:
    """The first instant that is kept: the start of the month (UTC) five years back."""
    return add_months(month_start(now or timezone.now()), -12 * RETENTION_YEARS)


def access_log_retention_apply(
    *, now: datetime | None = None, dry_run: bool = False, using: str = DEFAULT_DB_ALIAS
) -> RetentionResult:
    """Remove the months of the access log before `retention_boundary()` and their seals.

    With `dry_run`, count what would go and change nothing. Idempotent."""
    boundary = retention_boundary(now)
    result = RetentionResult(boundary)
    connection = connections[using]
    quote = connection.ops.quote_name
    seals = AccessLogSeal.objects.using(using).filter(day__lt=boundary.date())
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if access_log_is_partitioned(using):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
            # Count only the months that go: counting all five years daily would read them.
            result.partitions_dropped = sorted(
                name
                for name in access_log_partition_names(using)
                if name != DEFAULT_PARTITION and add_months(partition_month(name), 1) <= boundary
            )
            for name in result.partitions_dropped:
                cursor.execute(f"SELECT count(*) FROM {quote(name)}")  # noqa: S608 (quoted name)
                result.events_deleted += cursor.fetchone()[0]
            stray_table = DEFAULT_PARTITION
        else:
            stray_table = TABLE
        value = connection.ops.adapt_datetimefield_value(boundary)
        cursor.execute(f'SELECT count(*) FROM {quote(stray_table)} WHERE "timestamp" < %s', [value])  # noqa: S608 (quoted table, value as parameter)
        stray = cursor.fetchone()[0]
        result.events_deleted += stray
        result.seals_deleted = seals.count()
        if dry_run or not result.anything:
            return result
        if result.partitions_dropped:
            # Pending deferred foreign-key checks would block the DETACH (see partitions.py).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in result.partitions_dropped:
            cursor.execute(f"ALTER TABLE {quote(TABLE)} DETACH PARTITION {quote(name)}")
            cursor.execute(f"DROP TABLE {quote(name)}")
        if stray:
            # Raw SQL: the model refuses deletes, this is the one place that may.
            cursor.execute(f'DELETE FROM {quote(stray_table)} WHERE "timestamp" < %s', [value])  # noqa: S608 (quoted table, value as parameter)
        seals.delete()
        audit_record(
            actor=None,
            action=AuditEvent.Action.DELETE,
            object_type="access.AccessEvent",
            summary=(
                f"Toegangslog vóór {boundary:%Y-%m-%d} verwijderd (bewaartermijn "
                f"{RETENTION_YEARS} jaar): {result.events_deleted} gebeurtenissen, "
                f"{len(result.partitions_dropped)} partities, {result.seals_deleted} zegels"
            ),
            changes={"partitions": result.partitions_dropped},
        )
    return result
