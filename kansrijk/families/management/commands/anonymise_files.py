"""The scheduled privacy task: close files after the 1000 days, anonymise after retention.

Run daily (cron or a scheduler): `python manage.py anonymise_files`; `--dry-run` lists what
it would do without changing anything. Each file is handled in its own transaction, so one
failure does not undo the others; the command then exits with an error.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kansrijk.families import retention


class Command(BaseCommand):
    help = "Sluit dossiers na de 1000 dagen en anonimiseer dossiers na de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tonen wat er zou gebeuren."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        to_close = retention.families_to_close(today=today)
        failures = 0
        closed = 0
        for pk in to_close:
            if dry_run:
                continue
            try:
                closed += (
                    retention.family_close_after_1000_days(family_pk=pk, today=today) is not None
                )
            except Exception as error:
                failures += 1
                self.stderr.write(f"Gezin {pk}: sluiten mislukt: {error}")
        to_anonymise = retention.families_past_retention()
        anonymised = 0
        for pk in to_anonymise:
            if dry_run:
                continue
            try:
                retention.family_anonymise(family_pk=pk)
                anonymised += 1
            except Exception as error:
                failures += 1
                self.stderr.write(f"Gezin {pk}: anonimiseren mislukt: {error}")
        if dry_run:
            self.stdout.write(
                f"Proefrun: {len(to_close)} dossier(s) zouden sluiten, "
                f"{len(to_anonymise)} zouden worden geanonimiseerd."
            )
        else:
            self.stdout.write(
                f"{closed} dossier(s) gesloten, {anonymised} dossier(s) geanonimiseerd."
            )
        if failures:
            raise CommandError(f"{failures} dossier(s) mislukt; zie hierboven.")
