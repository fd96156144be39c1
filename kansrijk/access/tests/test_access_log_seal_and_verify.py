"""Each day of the access log is sealed with a hash chain; a changed, deleted or added row and
a deleted seal are found by `verify_access_log`.

Runs on SQLite and on PostgreSQL (where the log is partitioned by month). The tampering is
done with raw SQL, as someone with database access would: the model refuses it.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from kansrijk.access.integrity import GENESIS, access_log_verify
from kansrijk.access.models import AccessEvent, AccessLogSeal
from kansrijk.core.models import AuditEvent

TABLE = AccessEvent._meta.db_table


def _days_ago(days: int, hour: int = 10):
    day = (timezone.now() - timedelta(days=days)).astimezone(UTC).date()
    return datetime(day.year, day.month, day.day, hour, 0, 0, tzinfo=UTC)


def _event(cast, family, at, detail="") -> AccessEvent:
    return AccessEvent.objects.create(
        timestamp=at,
        user=cast.case_director,
        user_display="Casusregisseur",
        family=family,
        coalition_id=family.coalition_id,
        persons=[1, 2],
        action=AccessEvent.Action.READ,
        detail=detail,
        ip_address="192.0.2.7",
        ground="care_team",
        authorisation=True,
        treatment_relationship=True,
        consent=True,
        emergency=False,
    )


@pytest.fixture
def log(cast, cast_family):
    """Events five days ago (two), none four days ago, three days ago (three)."""
    events = {
        "five": [_event(cast, cast_family, _days_ago(5, hour)) for hour in (9, 17)],
        "three": [_event(cast, cast_family, _days_ago(3, hour), "inzage") for hour in (8, 9, 23)],
    }
    return cast, cast_family, events


def _run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _verify_fails(*args) -> tuple[str, str]:
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("verify_access_log", *args, stdout=out)
    return out.getvalue(), str(error.value)


def _raw(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_complete_day_gets_a_seal_empty_days_too_and_sealing_is_idempotent(log):
    output = _run("seal_access_log")

    seals = {seal.day: seal for seal in AccessLogSeal.objects.all()}
    five, four, three = (_days_ago(n).date() for n in (5, 4, 3))
    assert min(seals) == five
    assert [seals[day].event_count for day in (five, four, three)] == [2, 0, 3]
    assert seals[four].first_event_id is None
    assert seals[five].previous_digest == GENESIS
    assert seals[four].previous_digest == seals[five].digest
    assert seals[three].previous_digest == seals[four].digest
    # The days are consecutive up to yesterday at most; today is never sealed.
    days = sorted(seals)
    assert days == [five + timedelta(days=n) for n in range(len(days))]
    assert max(days) < timezone.now().astimezone(UTC).date()
    assert f"Verzegeld: {five:%Y-%m-%d}  2 gebeurtenis(sen)" in output
    assert AuditEvent.objects.filter(object_type="access.AccessLogSeal").count() == 1

    assert _run("seal_access_log") == "Alle volledige dagen zijn al verzegeld; niets te doen.\n"
    assert AccessLogSeal.objects.count() == len(seals)


def test_a_clean_log_passes(log):
    _run("seal_access_log")
    # Writing goes on today; that does not disturb the sealed days.
    cast, family, _ = log
    _event(cast, family, timezone.now().replace(microsecond=0))

    output = _run("verify_access_log")

    three = _days_ago(3).date()
    assert f"{three:%Y-%m-%d}  OK  (3 gebeurtenis(sen))" in output
    assert f"{_days_ago(4):%Y-%m-%d}  OK  (0 gebeurtenis(sen))" in output
    assert "begin van de keten" in output
    assert "Het toegangslog klopt" in output
    assert access_log_verify().ok


def test_a_changed_row_is_detected(log):
    _, _, events = log
    _run("seal_access_log")
    _raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["niets gezien", events["three"][1].pk])

    output, error = _verify_fails()

    assert f"{_days_ago(3):%Y-%m-%d}  GEWIJZIGD: de inhoud van een of meer rijen" in output
    assert f"{_days_ago(5):%Y-%m-%d}  OK" in output
    assert "1 dag(en) met een probleem" in error


def test_a_changed_check_value_is_detected_too(log):
    _, _, events = log
    _run("seal_access_log")
    _raw(f"UPDATE {TABLE} SET authorisation = %s WHERE id = %s", [False, events["five"][0].pk])

    output, _ = _verify_fails("--problems-only")

    assert f"{_days_ago(5):%Y-%m-%d}  GEWIJZIGD" in output
    assert "OK" not in output


def test_a_deleted_row_is_detected(log):
    _, _, events = log
    _run("seal_access_log")
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events["five"][1].pk])

    output, _ = _verify_fails()

    assert (
        f"{_days_ago(5):%Y-%m-%d}  RIJEN ONTBREKEN: 1 van de 2 rijen zijn weg "
        f"(1 gebeurtenis(sen), verzegeld 2)" in output
    )


def test_an_inserted_row_is_detected(log):
    cast, family, _ = log
    _run("seal_access_log")
    _event(cast, family, _days_ago(4, 12), "achteraf toegevoegd")

    output, _ = _verify_fails()

    assert f"{_days_ago(4):%Y-%m-%d}  RIJEN TOEGEVOEGD: 1 rij(en) meer dan de 0" in output


def test_a_row_moved_to_another_day_is_detected_on_both_days(log):
    _, _, events = log
    _run("seal_access_log")
    _raw(
        f"UPDATE {TABLE} SET timestamp = %s WHERE id = %s",
        [connection.ops.adapt_datetimefield_value(_days_ago(4)), events["three"][0].pk],
    )

    output, _ = _verify_fails()

    assert f"{_days_ago(4):%Y-%m-%d}  RIJEN TOEGEVOEGD" in output
    assert f"{_days_ago(3):%Y-%m-%d}  RIJEN ONTBREKEN" in output


def test_a_deleted_seal_is_detected(log):
    _run("seal_access_log")
    AccessLogSeal.objects.filter(day=_days_ago(4).date()).delete()

    output, _ = _verify_fails()

    assert f"{_days_ago(4):%Y-%m-%d}  KETEN GEBROKEN: de zegel van deze dag ontbreekt" in output
    assert f"{_days_ago(3):%Y-%m-%d}  KETEN GEBROKEN: de zegel sluit niet aan" in output


def test_the_deleted_oldest_seal_is_detected(log):
    _run("seal_access_log")
    AccessLogSeal.objects.filter(day=_days_ago(5).date()).delete()

    output, _ = _verify_fails()

    assert f"PROBLEEM: Er zijn gebeurtenissen vanaf {_days_ago(5):%Y-%m-%d}" in output


def test_a_changed_seal_breaks_the_chain(log):
    _run("seal_access_log")
    seal = AccessLogSeal.objects.get(day=_days_ago(4).date())
    AccessLogSeal.objects.filter(pk=seal.pk).update(digest="f" * 64)

    output, _ = _verify_fails()

    assert f"{_days_ago(4):%Y-%m-%d}  GEWIJZIGD" in output
    assert f"{_days_ago(3):%Y-%m-%d}  KETEN GEBROKEN" in output


def test_verify_checks_only_the_days_asked_for(log):
    _, _, events = log
    _run("seal_access_log")
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events["five"][0].pk])
    four, three = (f"{_days_ago(n):%Y-%m-%d}" for n in (4, 3))

    output = _run("verify_access_log", "--from", four, "--to", three)

    assert output.count("  OK  ") == 2
    assert "2 dag(en) gecontroleerd" in output
    with pytest.raises(CommandError, match="Ongeldige datum '31-01-2026'"):
        _run("verify_access_log", "--from", "31-01-2026")


def test_a_day_left_unsealed_is_reported(log):
    _run("seal_access_log")
    AccessLogSeal.objects.filter(day__gte=_days_ago(3).date()).delete()

    output, _ = _verify_fails()

    assert f"{_days_ago(3):%Y-%m-%d}  NIET VERZEGELD" in output
    _run("seal_access_log")
    assert access_log_verify().ok


@pytest.mark.django_db
def test_an_empty_log_has_nothing_to_seal_or_verify():
    assert _run("seal_access_log") == "Alle volledige dagen zijn al verzegeld; niets te doen.\n"
    assert "niets te controleren" in _run("verify_access_log")
