"""The seals of the NEN 7513 access log: each UTC day chained to the one before by a hash.

NEN 7513 asks that the access log cannot be changed unnoticed. The application never
changes or deletes an event (`AccessEvent` refuses), but someone with access to the
database could. So once a day `access_log_seal()` (`python manage.py seal_access_log`, from
cron) writes an `AccessLogSeal` for every complete UTC day not sealed yet: the number of
events, the first and last id, and a SHA-256 digest over

    a version line, the day, the previous day's digest, and then every event of the day in
    id order, one line each: all of its columns as canonical JSON (sorted keys, times in UTC
    ISO 8601).

A day without events gets a seal too (count 0), so the chain has no holes; the first seal
is chained to `GENESIS`. `access_log_verify()` (`python manage.py verify_access_log`)
recomputes every sealed day and tells per day: in order, changed (same number of rows,
other content), rows missing, rows added, chain broken (a seal does not continue the one
before, or a day between two seals has no seal: a deleted seal), or not sealed yet.

The retention job (retention.py) removes whole months older than five years together with
their seals. The chain is then verified from the oldest remaining seal, the anchor: it
repeats the digest it was chained to (`previous_digest`), and an anchor that is not the
start of the chain must fall on the first of a month, as retention leaves it. Events older
than the anchor mean a deleted seal (or rows added before it).

A seal is only written for a day that ended `SEAL_MARGIN` ago, so that a request that began
just before midnight has written its event. An event written afterwards with a timestamp
in a sealed day (an import of history) shows up as "rows added": that is the point.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent

from .models import AccessEvent, AccessLogSeal

GENESIS = "0" * 64
DIGEST_VERSION = "kansrijk-access-log-seal-v1"
SEAL_MARGIN = timedelta(minutes=15)
# Serialises concurrent runs of the sealing job (two schedulers, a manual run during cron).
_SEAL_LOCK = 7513_0002
ONE_DAY = timedelta(days=1)


class Problem:
    """The kinds of problem `access_log_verify()` reports, with their Dutch wording."""

    CHANGED = "gewijzigd"
    ROWS_MISSING = "rijen ontbreken"
    ROWS_ADDED = "rijen toegevoegd"
    CHAIN_BROKEN = "keten gebroken"
    NOT_SEALED = "niet verzegeld"


@dataclass
class DayCheck:
    day: date
    sealed_count: int | None
    found_count: int
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, kind: str, explanation: str) -> None:
        self.problems.append((kind, explanation))


@dataclass
class Verification:
    days: list[DayCheck]
    anchor: AccessLogSeal | None
    # Problems that belong to no single day (events before the anchor, no seals at all).
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.general and all(day.ok for day in self.days)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def last_complete_day(now: datetime | None = None) -> date:
    """The last UTC day that ended at least `SEAL_MARGIN` ago."""
    return ((now or timezone.now()) - SEAL_MARGIN).astimezone(UTC).date() - ONE_DAY


_FIELDS = [f.attname for f in AccessEvent._meta.concrete_fields]
_ID, _TIMESTAMP = _FIELDS.index("id"), _FIELDS.index("timestamp")


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_event(row: tuple) -> bytes:
    """One event as a line of canonical JSON: every column, sorted keys, times in UTC."""
    values = {name: _canonical(value) for name, value in zip(_FIELDS, row, strict=True)}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class DayDigest:
    digest: str
    count: int
    first_id: int | None
    last_id: int | None


def day_digest(day: date, previous_digest: str, rows: list[tuple]) -> DayDigest:
    """The digest of one day over the previous day's digest and its events (in id order)."""
    digest = hashlib.sha256(f"{DIGEST_VERSION}\n{day.isoformat()}\n{previous_digest}\n".encode())
    for row in rows:
        digest.update(canonical_event(row))
        digest.update(b"\n")
    return DayDigest(
        digest.hexdigest(),
        len(rows),
        rows[0][_ID] if rows else None,
        rows[-1][_ID] if rows else None,
    )


def _events_by_day(first: date, last: date, using: str) -> Iterator[tuple[date, list[tuple]]]:
    """Every day from `first` through `last` with its events in id order, empty days too.

    One query in time order, streamed: PostgreSQL reads the monthly partitions one after the
    other by the (timestamp, id) index."""
    rows = (
        AccessEvent.objects.using(using)
        .filter(timestamp__gte=day_start(first), timestamp__lt=day_start(last + ONE_DAY))
        .order_by("timestamp", "id")
        .values_list(*_FIELDS)
        .iterator(chunk_size=5000)
    )
    day, bucket = first, []
    for row in rows:
        row_day = row[_TIMESTAMP].astimezone(UTC).date()
        while day < row_day:
            yield day, sorted(bucket, key=lambda r: r[_ID])
            day, bucket = day + ONE_DAY, []
        bucket.append(row)
    while day <= last:
        yield day, sorted(bucket, key=lambda r: r[_ID])
        day, bucket = day + ONE_DAY, []


def _first_event_day(using: str, before: date | None = None) -> date | None:
    events = AccessEvent.objects.using(using)
    if before is not None:
        events = events.filter(timestamp__lt=day_start(before))
    first = events.order_by("timestamp").values_list("timestamp", flat=True).first()
    return first.astimezone(UTC).date() if first is not None else None


def access_log_seal(
    *, now: datetime | None = None, using: str = DEFAULT_DB_ALIAS
) -> list[AccessLogSeal]:
    """Seal every complete day after the newest seal (or from the first event's day), empty
    days included. Idempotent; returns the seals written, oldest first."""
    until = last_complete_day(now)
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK])
        newest = AccessLogSeal.objects.using(using).order_by("-day").first()
        if newest is not None:
            first, previous = newest.day + ONE_DAY, newest.digest
        else:
            first, previous = _first_event_day(using), GENESIS
        if first is None or first > until:
            return []
        seals = []
        for day, rows in _events_by_day(first, until, using):
            result = day_digest(day, previous, rows)
            seals.append(
                AccessLogSeal(
                    day=day,
                    event_count=result.count,
                    first_event_id=result.first_id,
                    last_event_id=result.last_id,
                    previous_digest=previous,
                    digest=result.digest,
                )
            )
            previous = result.digest
        AccessLogSeal.objects.using(using).bulk_create(seals, batch_size=500)
        audit_record(
            actor=None,
            action=AuditEvent.Action.SECURITY,
            object_type=AccessLogSeal._meta.label,
            summary=(
                f"Toegangslog verzegeld van {seals[0].day:%Y-%m-%d} tot en met "
                f"{seals[-1].day:%Y-%m-%d} ({sum(s.event_count for s in seals)} gebeurtenissen)"
            ),
        )
    return seals


def _check_seal(check: DayCheck, seal: AccessLogSeal, result: DayDigest) -> None:
    if result.count < seal.event_count:
        check.add(
            Problem.ROWS_MISSING,
            f"{seal.event_count - result.count} van de {seal.event_count} rijen zijn weg",
        )
    elif result.count > seal.event_count:
        check.add(
            Problem.ROWS_ADDED,
            f"{result.count - seal.event_count} rij(en) meer dan de {seal.event_count} "
            f"die verzegeld zijn",
        )
    elif result.digest != seal.digest:
        changed_ids = (result.first_id, result.last_id) != (
            seal.first_event_id,
            seal.last_event_id,
        )
        check.add(
            Problem.CHANGED,
            "andere rijen dan verzegeld (even veel, andere nummers)"
            if changed_ids
            else "de inhoud van een of meer rijen is veranderd",
        )


def access_log_verify(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    now: datetime | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> Verification:
    """Recompute the sealed days from `date_from` through `date_to` (default: from the
    anchor through the last complete day) and compare them with their seals and the chain."""
    # Today (and a day that ended within SEAL_MARGIN) is not sealed yet: never a problem.
    until = min(date_to, last_complete_day(now)) if date_to else last_complete_day(now)
    seals = list(AccessLogSeal.objects.using(using).filter(day__lte=until).order_by("day"))
    if not seals:
        verification = Verification(days=[], anchor=None)
        first = _first_event_day(using, before=until + ONE_DAY)
        if first is not None:
            verification.general.append(
                f"Er is nog geen enkele dag verzegeld, maar er zijn gebeurtenissen vanaf "
                f"{first:%Y-%m-%d}. Draai eerst `python manage.py seal_access_log`."
            )
        return verification
    anchor = seals[0]
    verification = Verification(days=[], anchor=anchor)
    earlier = _first_event_day(using, before=anchor.day)
    if earlier is not None:
        verification.general.append(
            f"Er zijn gebeurtenissen vanaf {earlier:%Y-%m-%d}, vóór de oudste zegel "
            f"({anchor.day:%Y-%m-%d}): een zegel is verwijderd of er zijn rijen toegevoegd."
        )
    start = max(anchor.day, date_from) if date_from else anchor.day
    by_day = {seal.day: seal for seal in seals}
    previous_of = {later.day: earlier_seal for earlier_seal, later in pairwise(seals)}
    for day, rows in _events_by_day(start, until, using):
        seal = by_day.get(day)
        if seal is None:
            check = DayCheck(day, None, len(rows))
            if day < seals[-1].day:
                check.add(
                    Problem.CHAIN_BROKEN,
                    "de zegel van deze dag ontbreekt (verwijderd) tussen twee verzegelde dagen",
                )
            else:
                check.add(
                    Problem.NOT_SEALED,
                    "deze dag is nog niet verzegeld: draai `python manage.py seal_access_log`",
                )
            verification.days.append(check)
            continue
        check = DayCheck(day, seal.event_count, len(rows))
        _check_seal(check, seal, day_digest(day, seal.previous_digest, rows))
        before = previous_of.get(day)
        if before is None:
            if seal.previous_digest != GENESIS and day.day != 1:
                check.add(
                    Problem.CHAIN_BROKEN,
                    "de oudste zegel is niet het begin van de keten en ligt niet op een "
                    "bewaargrens (de eerste van een maand): oudere zegels zijn verwijderd",
                )
        elif before.day != day - ONE_DAY or seal.previous_digest != before.digest:
            check.add(
                Problem.CHAIN_BROKEN,
                f"de zegel sluit niet aan op de vorige zegel ({before.day:%Y-%m-%d})",
            )
        verification.days.append(check)
    return verification
