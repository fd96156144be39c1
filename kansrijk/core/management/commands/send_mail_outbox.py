"""Send the e-mails in the outbox that are due (run every few minutes, e.g. from cron): the
safety net for a retry task that was lost. The background task `send_mail_outbox` does the
same. Afterwards the rows of mails sent or dropped long ago are deleted (`outbox_purge`)."""

from django.core.management.base import BaseCommand

from kansrijk.core.mail_outbox import outbox_purge, outbox_send_due


class Command(BaseCommand):
    help = "Verstuurt de e-mails uit de wachtrij die aan de beurt zijn."

    def handle(self, *args, **options):
        counts = outbox_send_due()
        purged = outbox_purge()
        self.stdout.write(
            f"{counts['sent']} e-mail verstuurd, {counts['failed']} mislukt, "
            f"{purged} oude verwijderd."
        )
