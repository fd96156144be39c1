"""Restore a backup made by `python manage.py backup` into an empty database.

    DATABASE_URL=postgres://kansrijk@db/kansrijk_new python manage.py restore kansrijk.dump

PostgreSQL: `pg_restore` of the custom-format archive in one transaction, without the
original owner and privileges (the tables belong to whoever restores); it needs the
PostgreSQL client programs on the PATH. SQLite: the copy replaces the database file's
content through SQLite's backup API.

The database must be empty (create it first, do not migrate it): a backup holds the whole
schema, the migrations table included. `--force` restores into a database that is not
empty: on PostgreSQL the schema `public` is dropped with everything in it and created
again first (kansrijk keeps everything there), on SQLite the whole database is replaced.

Afterwards, run `python manage.py verify_access_log` to check the access log against its
seals.
"""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from .backup import postgresql_arguments, postgresql_program, run_postgresql_program

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


def _tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor, include_views=True)


class Command(BaseCommand):
    help = (
        "Zet een reservekopie van `manage.py backup` terug in een lege database "
        "(PostgreSQL: pg_restore; SQLite: de backup-API)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het bestand met de reservekopie.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Zet ook terug in een database die niet leeg is (wat er staat, gaat weg).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path: str, force: bool, database: str, **options):
        connection = connections[database]
        if connection.vendor == "postgresql":
            program = postgresql_program("pg_restore")
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Het bestand {source} bestaat niet.")
        with source.open("rb") as archive:
            header = archive.read(len(SQLITE_HEADER))
        expected = {"postgresql": PG_CUSTOM_HEADER, "sqlite": SQLITE_HEADER}.get(connection.vendor)
        if expected is None:
            raise CommandError(f"Terugzetten in {connection.vendor} wordt niet ondersteund.")
        if not header.startswith(expected):
            kind = {
                PG_CUSTOM_HEADER: "pg_dump-archief (custom-formaat)",
                SQLITE_HEADER: "SQLite-database",
            }[expected]
            raise CommandError(
                f"{source} is geen {kind}: maak de reservekopie met `manage.py backup` op "
                f"dezelfde soort database."
            )
        tables = _tables(connection)
        if tables and not force:
            raise CommandError(
                f"De database {connection.settings_dict['NAME']} is niet leeg ({len(tables)} "
                f"tabellen). Zet terug in een lege database, of gebruik --force om de inhoud "
                f"te vervangen."
            )
        if connection.vendor == "postgresql":
            if tables:
                # Not pg_restore --clean: it cannot drop the access log's partitions (their
                # primary keys are inherited). Start from an empty schema instead.
                with connection.cursor() as cursor:
                    cursor.execute("DROP SCHEMA public CASCADE")
                    cursor.execute("CREATE SCHEMA public")
            options, env = postgresql_arguments(connection)
            connection.close()
            run_postgresql_program(
                [
                    program,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    *options,
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(source),
                ],
                env,
            )
        else:
            connection.ensure_connection()
            copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                copy.backup(connection.connection)
            finally:
                copy.close()
            connection.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Reservekopie {source} teruggezet in {connection.settings_dict['NAME']} "
                f"({len(_tables(connection))} tabellen). Controleer het toegangslog met "
                f"`python manage.py verify_access_log`."
            )
        )
