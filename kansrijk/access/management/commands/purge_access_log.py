"""Remove the access log's months older than five years, with their seals
(kansrijk/access/retention.py). Run it daily or monthly from cron:

    40 3 * * *  cd /srv/kansrijk && .venv/bin/python manage.py purge_access_log

On PostgreSQL whole monthly partitions are dropped; on SQLite the rows are deleted.
`--dry-run` shows what would go and changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from kansrijk.access.retention import RETENTION_YEARS, access_log_retention_apply


class Command(BaseCommand):
    help = (
        f"Verwijdert de maanden van het toegangslog die helemaal ouder zijn dan "
        f"{RETENTION_YEARS} jaar, met hun zegels (NEN 7513: vijf jaar bewaren)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat verwijderd zou worden, maar verwijder niets.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, dry_run: bool, database: str, **options):
        result = access_log_retention_apply(dry_run=dry_run, using=database)
        boundary = f"{result.boundary:%Y-%m-%d}"
        if not result.anything:
            self.stdout.write(f"Niets ouder dan {boundary}; niets verwijderd.")
            return
        verb = "Zou verwijderen" if dry_run else "Verwijderd"
        for name in result.partitions_dropped:
            self.stdout.write(f"{verb}: partitie {name}")
        summary = (
            f"{result.events_deleted} gebeurtenis(sen) en {result.seals_deleted} zegel(s) "
            f"van vóór {boundary}"
        )
        if dry_run:
            self.stdout.write(f"{verb}: {summary}. Er is niets veranderd (--dry-run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}."))
