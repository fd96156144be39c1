"""Enqueue the sending of every due webhook delivery; a worker (`manage.py db_worker`) does it.

The safety net under the task each event and each retry enqueue themselves (a task backend
that cannot wait until a retry is due, or a lost task). Meant to run from cron, e.g. every
five minutes: `*/5 * * * * .venv/bin/python manage.py deliver_webhooks`. With `--nu` the
command sends them itself, without a worker.
"""

from django.core.management.base import BaseCommand

from kansrijk.interop.tasks import deliver_due_webhooks
from kansrijk.interop.webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = "Zet het versturen van webhookberichten die aan de beurt zijn klaar voor de worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--nu",
            action="store_true",
            help="Verstuur ze meteen zelf, zonder worker.",
        )

    def handle(self, *args, **options):
        if options["nu"]:
            tried = deliver_due()
            self.stdout.write(f"{tried} webhookbericht(en) verstuurd.")
            return
        result = deliver_due_webhooks.enqueue()
        self.stdout.write(f"Versturen klaargezet (taak {result.id}, status {result.status}).")
