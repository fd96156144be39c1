"""Enqueue the recomputation of every coalition's stale monitoring figures; a worker
(`manage.py db_worker`) does it.

The safety net under the recomputation a write enqueues itself (a write marks only figures
that are not stale yet, so a lost task would not be enqueued again). Meant to run from cron,
e.g. every hour: `0 * * * * .venv/bin/python manage.py recompute_indicators`.
"""

from django.core.management.base import BaseCommand

from kansrijk.monitoring.tasks import recompute_all_stale


class Command(BaseCommand):
    help = "Zet het opnieuw berekenen van verouderde monitoringcijfers klaar voor de worker."

    def handle(self, *args, **options):
        result = recompute_all_stale.enqueue()
        self.stdout.write(f"Herberekening klaargezet (taak {result.id}, status {result.status}).")
