"""Make a backup of the whole database, the access log and its seals included.

    python manage.py backup /srv/backup/kansrijk-$(date +%F).dump

PostgreSQL: `pg_dump` in its custom format (compressed, restorable table by table with
`pg_restore`), run with the connection settings of `DATABASE_URL`; it needs the PostgreSQL
client programs on the PATH, of the server's major version or newer. SQLite: a consistent
copy through SQLite's online backup API, safe while the application writes. Restore with
`python manage.py restore PATH` (restore.py).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


def postgresql_program(name: str) -> str:
    """The full path of a PostgreSQL client program, or a clear error if it is missing."""
    program = shutil.which(name)
    if program is None:
        raise CommandError(
            f"{name} staat niet op het PATH van deze machine. Installeer de "
            f"PostgreSQL-clientprogramma's (Debian/Ubuntu: het pakket postgresql-client, van "
            f"dezelfde of een nieuwere hoofdversie als de server) en probeer het opnieuw."
        )
    return program


def postgresql_arguments(connection) -> tuple[list[str], dict[str, str]]:
    """Host, port and user options and the environment (password, SSL settings) of the
    connection, as Django's `dbshell` passes them to psql, without the database name."""
    arguments, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    database = connection.settings_dict["NAME"]
    options = arguments[1:]
    if options and options[-1] == database:
        options = options[:-1]
    return options, {**os.environ, **(env or {})}


def run_postgresql_program(arguments: list[str], env: dict[str, str]) -> None:
    finished = subprocess.run(arguments, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (pg_dump/psql argv built by this command, no shell)
    if finished.returncode != 0:
        name = Path(arguments[0]).name
        raise CommandError(f"{name} is mislukt (code {finished.returncode}):\n{finished.stderr}")


class Command(BaseCommand):
    help = (
        "Maakt een reservekopie van de hele database (PostgreSQL: pg_dump in custom-formaat; "
        "SQLite: een kopie via de backup-API)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het bestand waarin de reservekopie komt.")
        parser.add_argument(
            "--force", action="store_true", help="Overschrijf een bestaand bestand."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path: str, force: bool, database: str, **options):
        connection = connections[database]
        if connection.vendor == "postgresql":
            program = postgresql_program("pg_dump")
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(
                f"{target} bestaat al. Kies een nieuwe bestandsnaam, of gebruik --force om het "
                f"te overschrijven."
            )
        if not target.parent.is_dir():
            raise CommandError(f"De map {target.parent} bestaat niet.")
        if connection.vendor == "postgresql":
            options, env = postgresql_arguments(connection)
            run_postgresql_program(
                [
                    program,
                    "--format=custom",
                    f"--file={target}",
                    *options,
                    connection.settings_dict["NAME"],
                ],
                env,
            )
        elif connection.vendor == "sqlite":
            target.unlink(missing_ok=True)
            connection.ensure_connection()
            copy = sqlite3.connect(target)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        else:
            raise CommandError(f"Reservekopieën van {connection.vendor} worden niet ondersteund.")
        size = target.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Reservekopie gemaakt: {target} ({size:,} bytes).".replace(",", ".")
            )
        )
