"""Create the access log's monthly partitions ahead of time (PostgreSQL); run it daily:

    15 3 * * *  cd /srv/kansrijk && .venv/bin/python manage.py access_log_partitions

Idempotent: it prints what it created, or that nothing was missing. `--list` shows every
partition with its bounds and row count. This job drops nothing: NEN 7513 asks to keep the
log five years, and `purge_access_log` removes the months older than that. On SQLite the log
is a plain table and there is nothing to do.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from kansrijk.access.partitions import (
    AccessLogNotPartitioned,
    access_log_partitions,
    access_log_partitions_ensure,
)


class Command(BaseCommand):
    help = (
        "Maakt de maandpartities van het toegangslog vooruit aan (PostgreSQL; dagelijks "
        "draaien). Maanden ouder dan vijf jaar verwijdert purge_access_log (NEN 7513)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months-ahead",
            type=int,
            default=3,
            help="Hoeveel maanden na de huidige maand klaar moeten staan (standaard 3).",
        )
        parser.add_argument(
            "--list",
            dest="show_list",
            action="store_true",
            help="Toon de partities met hun grenzen en aantal rijen; maak niets aan.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, months_ahead: int, show_list: bool, database: str, **options):
        if connections[database].vendor != "postgresql":
            self.stdout.write(
                "Het toegangslog is een gewone tabel (geen PostgreSQL): niets te doen."
            )
            return
        if show_list:
            self._list(database)
            return
        if months_ahead < 0:
            raise CommandError("--months-ahead moet 0 of meer zijn.")
        try:
            created = access_log_partitions_ensure(months_ahead, using=database)
        except AccessLogNotPartitioned as error:
            raise CommandError(str(error)) from error
        if not created:
            self.stdout.write("Alle partities staan al klaar; niets aangemaakt.")
            return
        for name in created:
            self.stdout.write(f"Aangemaakt: {name}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} partitie(s) aangemaakt."))

    def _list(self, database: str) -> None:
        partitions = access_log_partitions(using=database)
        if not partitions:
            raise CommandError("Het toegangslog is niet gepartitioneerd; draai eerst migrate.")
        width = max(len(partition.name) for partition in partitions)
        for partition in partitions:
            self.stdout.write(
                f"{partition.name:<{width}}  {partition.rows:>10}  {partition.bounds}"
            )
        total = sum(partition.rows for partition in partitions)
        self.stdout.write(f"{len(partitions)} partities, {total} rijen.")
