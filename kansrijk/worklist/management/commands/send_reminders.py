"""Enqueue today's reminders of new chain signals; a worker (`manage.py db_worker`) sends them.

Meant to run once a day from cron, e.g. `0 7 * * * .venv/bin/python manage.py send_reminders`.
"""

from django.core.management.base import BaseCommand

from kansrijk.worklist.tasks import send_signal_reminders


class Command(BaseCommand):
    help = "Zet de dagelijkse herinneringen van nieuwe ketensignalen klaar voor de worker."

    def handle(self, *args, **options):
        result = send_signal_reminders.enqueue()
        self.stdout.write(f"Herinneringen klaargezet (taak {result.id}, status {result.status}).")
