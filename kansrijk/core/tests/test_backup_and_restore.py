"""`manage.py backup` and `manage.py restore` bring back the same data, the access log and its
seals included, in an empty database; a database that is not empty is refused.

On PostgreSQL the restore goes into a fresh database with a unique name, through
`DATABASE_URL` in a separate `manage.py` process, as an operator would run it; on SQLite
into a new database file. Every table's rows are compared by count and checksum.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing, contextmanager
from datetime import UTC, timedelta
from io import StringIO

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from kansrijk.access.models import AccessEvent, AccessLogSeal
from kansrijk.access.services import access_event_record
from kansrijk.families.models import Family
from kansrijk.testing.families import make_family

ON_POSTGRESQL = connection.vendor == "postgresql"
MANAGE = str(settings.BASE_DIR / "manage.py")


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("KANSRIJK_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="kansrijk.settings.test", DATABASE_URL=database_url)
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _checksums(cursor, vendor: str) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a SHA-256 over all rows, in a fixed order."""
    if vendor == "postgresql":
        # Times as text in one zone, whatever the server's default.
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        )
        tables = [name for (name,) in cursor.fetchall()]
        result = {}
        for table in tables:
            # ONLY: a partition's rows count for the partition, not again for its parent.
            cursor.execute(f'SELECT t::text FROM ONLY "{table}" t ORDER BY 1')
            rows = [row for (row,) in cursor.fetchall()]
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return result
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    tables = [name for (name,) in cursor.fetchall()]
    result = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
        result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def _source_checksums() -> dict[str, tuple[int, str]]:
    if ON_POSTGRESQL:
        with connection.cursor() as cursor:
            return _checksums(cursor, "postgresql")
    # A plain connection: Django's converts the values of some column types.
    with closing(sqlite3.connect(connection.settings_dict["NAME"])) as source:
        return _checksums(source.cursor(), "sqlite")


def _url(name: str) -> str:
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    return f"postgres://{config['USER']}{password}@{config['HOST']}:{config['PORT']}/{name}"


@contextmanager
def _empty_postgresql_database():
    """A new database with a unique name, dropped afterwards."""
    name = f"kr_h_integrity_restore_{uuid.uuid4().hex[:10]}"
    config = connection.settings_dict
    server = {
        "host": config["HOST"],
        "port": config["PORT"],
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with closing(psycopg.connect(**server)) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with closing(psycopg.connect(**server)) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _restore_target(tmp_path):
    """The URL of an empty database to restore into, and a function to read its checksums."""
    if ON_POSTGRESQL:
        with _empty_postgresql_database() as name:
            config = connection.settings_dict

            def read():
                with (
                    closing(
                        psycopg.connect(
                            host=config["HOST"],
                            port=config["PORT"],
                            user=config["USER"],
                            password=config["PASSWORD"] or None,
                            dbname=name,
                        )
                    ) as target,
                    target.cursor() as cursor,
                ):
                    return _checksums(cursor, "postgresql")

            yield _url(name), read
        return
    path = tmp_path / "restored.sqlite3"

    def read():
        with closing(sqlite3.connect(path)) as target:
            return _checksums(target.cursor(), "sqlite")

    yield f"sqlite:///{path}", read


@pytest.fixture
def data(cast):
    """Two families with their access events, and sealed days of the access log."""
    families = [make_family(cast), make_family(cast, postcode="5678 CD")]
    for family in families:
        access_event_record(
            user=cast.case_director,
            action=AccessEvent.Action.READ,
            family=family,
            authorisation=True,
            treatment_relationship=True,
            consent=True,
            emergency=False,
            ground="care_team",
            detail="Dossier ingezien",
        )
    # Four days back: three complete days to seal also just after midnight, before the
    # seal margin has passed (`last_complete_day`).
    day = (timezone.now() - timedelta(days=4)).astimezone(UTC).replace(hour=9, microsecond=0)
    AccessEvent.objects.create(
        timestamp=day,
        user=cast.case_director,
        user_display="Casusregisseur",
        family=families[0],
        coalition_id=families[0].coalition_id,
        persons=[1],
        action=AccessEvent.Action.EXPORT,
        ip_address="2001:db8::1",
        ground="care_team",
        authorisation=True,
        treatment_relationship=True,
        consent=True,
        emergency=False,
    )
    call_command("seal_access_log", stdout=StringIO())
    assert AccessLogSeal.objects.count() >= 3
    return families


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_holds_the_same_data(data, tmp_path):
    archive = tmp_path / "kansrijk.backup"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"Reservekopie gemaakt: {archive}" in out.getvalue()
    original = _source_checksums()
    assert original["families_family"][0] == Family.objects.count() == 2
    assert original["access_accesslogseal"][0] == AccessLogSeal.objects.count()
    # On PostgreSQL the access log's rows sit in its monthly partitions.
    events = sum(n for table, (n, _) in original.items() if table.startswith("access_accessevent"))
    assert events == AccessEvent.objects.count() >= 3

    with _restore_target(tmp_path) as (url, read):
        restored = _manage("restore", str(archive), database_url=url)
        assert restored.returncode == 0, restored.stderr
        assert "teruggezet" in restored.stdout

        assert read() == original
        # The restored access log still matches its seals.
        verified = _manage("verify_access_log", database_url=url)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "Het toegangslog klopt" in verified.stdout

        again = _manage("restore", str(archive), database_url=url)
        assert again.returncode != 0
        assert "is niet leeg" in again.stderr
        assert "gebruik --force" in again.stderr

        forced = _manage("restore", "--force", str(archive), database_url=url)
        assert forced.returncode == 0, forced.stderr
        assert read() == original


@pytest.mark.django_db
def test_a_backup_never_overwrites_a_file_and_restore_wants_a_backup(tmp_path):
    existing = tmp_path / "bestaat.dump"
    existing.write_text("iets anders")
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", str(existing))
    assert existing.read_text() == "iets anders"
    with pytest.raises(CommandError, match="is geen"):
        call_command("restore", str(existing))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nergens.dump"))


@pytest.mark.django_db
def test_without_the_postgresql_programs_the_commands_say_so(tmp_path, monkeypatch):
    from kansrijk.core.management.commands.backup import postgresql_program

    monkeypatch.setenv("PATH", str(tmp_path))
    message = "pg_dump staat niet op het PATH van deze machine"
    if ON_POSTGRESQL:
        with pytest.raises(CommandError, match=message):
            call_command("backup", str(tmp_path / "kansrijk.dump"))
        with pytest.raises(CommandError, match="pg_restore staat niet op het PATH"):
            call_command("restore", str(tmp_path / "kansrijk.dump"))
    with pytest.raises(CommandError, match=message):
        postgresql_program("pg_dump")
    with pytest.raises(CommandError, match="pg_restore staat niet op het PATH"):
        postgresql_program("pg_restore")
