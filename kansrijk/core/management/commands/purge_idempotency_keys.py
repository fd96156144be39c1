"""Delete the Idempotency-Key records older than a day (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from kansrijk.core.idempotency import purge_expired


class Command(BaseCommand):
    help = "Verwijdert Idempotency-Keys van API-verzoeken die ouder zijn dan 24 uur."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"{deleted} idempotency-sleutel(s) verwijderd.")
