"""Seal the access log's complete days with a hash chain (kansrijk/access/integrity.py).

Run daily from cron, after midnight UTC, next to the partition job:

    20 3 * * *  cd /srv/kansrijk && .venv/bin/python manage.py seal_access_log

Idempotent: it seals every complete UTC day after the newest seal (empty days too) and
prints them, or says that nothing was left to seal.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from kansrijk.access.integrity import access_log_seal


class Command(BaseCommand):
    help = (
        "Verzegelt elke volledige dag (UTC) van het toegangslog die nog geen zegel heeft, "
        "met een hashketen (dagelijks draaien)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database: str, verbosity: int = 1, **options):
        seals = access_log_seal(using=database)
        if not seals:
            self.stdout.write("Alle volledige dagen zijn al verzegeld; niets te doen.")
            return
        if verbosity > 1 or len(seals) <= 31:
            for seal in seals:
                self.stdout.write(
                    f"Verzegeld: {seal.day:%Y-%m-%d}  {seal.event_count} gebeurtenis(sen)"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(seals)} dag(en) verzegeld, van {seals[0].day:%Y-%m-%d} tot en met "
                f"{seals[-1].day:%Y-%m-%d}."
            )
        )
