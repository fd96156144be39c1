"""The access log is kept five years: whole months older than that go, with their seals, and
the hash chain stays verifiable from the oldest remaining seal.

On PostgreSQL the months are partitions that are dropped; on SQLite the rows are deleted.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from kansrijk.access.integrity import access_log_verify
from kansrijk.access.models import AccessEvent, AccessLogSeal
from kansrijk.access.partitions import (
    access_log_partitions,
    access_log_partitions_ensure,
    add_months,
    partition_name,
)
from kansrijk.access.retention import retention_boundary
from kansrijk.access.tests.test_access_log_partitioning import _event
from kansrijk.core.models import AuditEvent

ON_POSTGRESQL = connection.vendor == "postgresql"


def _run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_log(cast, cast_family):
    """Events six years back, in the last month before the boundary, on the boundary's first
    day and last week; sealed through yesterday."""
    boundary = retention_boundary()
    events = {
        "six_years": _event(cast, cast_family, at=timezone.now() - timedelta(days=6 * 366)),
        "last_month_gone": _event(cast, cast_family, at=boundary - timedelta(hours=1)),
        "first_kept": _event(cast, cast_family, at=boundary + timedelta(hours=8)),
        "last_week": _event(cast, cast_family, at=timezone.now() - timedelta(days=7)),
    }
    # On PostgreSQL the six-year-old event landed in the DEFAULT partition; the daily job
    # gives it its own month.
    access_log_partitions_ensure()
    _run("seal_access_log")
    return boundary, events


def test_the_boundary_is_the_first_of_the_month_five_years_back():
    now = datetime(2031, 3, 17, 14, 5, tzinfo=UTC)
    assert retention_boundary(now) == datetime(2026, 3, 1, tzinfo=UTC)


def test_months_older_than_five_years_go_with_their_seals(old_log):
    boundary, events = old_log
    gone_month = add_months(boundary, -1)
    assert AccessLogSeal.objects.filter(day__lt=boundary.date()).exists()

    output = _run("purge_access_log")

    remaining = set(AccessEvent.objects.values_list("pk", flat=True))
    assert events["six_years"].pk not in remaining
    assert events["last_month_gone"].pk not in remaining
    assert {events["first_kept"].pk, events["last_week"].pk} <= remaining
    assert not AccessLogSeal.objects.filter(day__lt=boundary.date()).exists()
    assert AccessLogSeal.objects.order_by("day").first().day == boundary.date()
    assert "Verwijderd: 2 gebeurtenis(sen) en " in output
    assert f"van vóór {boundary:%Y-%m-%d}." in output
    names = {partition.name for partition in access_log_partitions()}
    if ON_POSTGRESQL:
        assert f"Verwijderd: partitie {partition_name(gone_month)}" in output
        assert partition_name(gone_month) not in names
        assert partition_name(boundary) in names
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.DELETE, object_type="access.AccessEvent"
    ).exists()

    verified = _run("verify_access_log")
    assert f"Keten gecontroleerd vanaf {boundary:%Y-%m-%d} (oudste bewaarde zegel" in verified
    assert f"{boundary:%Y-%m-%d}  OK  (1 gebeurtenis(sen))" in verified
    assert "Het toegangslog klopt" in verified

    assert _run("purge_access_log") == f"Niets ouder dan {boundary:%Y-%m-%d}; niets verwijderd.\n"


def test_a_dry_run_changes_nothing(old_log):
    boundary, _ = old_log
    assert AccessLogSeal.objects.filter(day__lt=boundary.date()).exists()
    events, seals = AccessEvent.objects.count(), AccessLogSeal.objects.count()
    partitions = access_log_partitions()

    output = _run("purge_access_log", "--dry-run")

    assert "Zou verwijderen: 2 gebeurtenis(sen)" in output
    assert "Er is niets veranderd (--dry-run)." in output
    assert (AccessEvent.objects.count(), AccessLogSeal.objects.count()) == (events, seals)
    assert access_log_partitions() == partitions


def test_after_retention_a_deleted_anchor_seal_is_still_detected(old_log):
    boundary, _ = old_log
    _run("purge_access_log")
    AccessLogSeal.objects.filter(day=boundary.date()).delete()

    out = StringIO()
    with pytest.raises(CommandError, match="klopt niet met de zegels"):
        call_command("verify_access_log", stdout=out)

    assert f"Er zijn gebeurtenissen vanaf {boundary:%Y-%m-%d}" in out.getvalue()
    assert "niet het begin van de keten" in out.getvalue()
    assert not access_log_verify().ok
