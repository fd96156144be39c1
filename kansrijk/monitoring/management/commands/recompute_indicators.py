"""Enqueue the recomputation of every coalition's stale monitoring figures, and of the ones the
default dashboard needs that are not kept yet; a worker (`manage.py db_worker`) does it.

The safety net under the recomputation a write enqueues itself (a write marks only figures
that are not stale yet, so a lost task would not be enqueued again), and what computes a new
month's or quarter's figures before anyone asks. Meant to run from cron, e.g. every hour:
`0 * * * * .venv/bin/python manage.py recompute_indicators`. `--now` does the work at once,
without a worker (after loading data, or before a benchmark); `--coalition` limits it.
"""

from django.core.management.base import BaseCommand, CommandError

from kansrijk.monitoring.tasks import recompute_all_stale, recompute_everything
from kansrijk.organisations.models import Coalition


class Command(BaseCommand):
    help = (
        "Zet het opnieuw berekenen van verouderde en ontbrekende monitoringcijfers klaar voor "
        "de worker (of doet het meteen met --now)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Nu berekenen, zonder worker.")
        parser.add_argument(
            "--coalition", action="append", help="Alleen deze coalitie (id of naam); herhaalbaar."
        )

    def handle(self, *args, **options):
        if not options["now"]:
            if options["coalition"]:
                raise CommandError("--coalition gaat alleen samen met --now.")
            result = recompute_all_stale.enqueue()
            self.stdout.write(
                f"Herberekening klaargezet (taak {result.id}, status {result.status})."
            )
            return
        coalition_ids = None
        if options["coalition"]:
            coalition_ids = [self._coalition(value) for value in options["coalition"]]
        done = recompute_everything(coalition_ids)
        self.stdout.write(f"{done} cijfers berekend.")

    def _coalition(self, value: str) -> int:
        found = (
            Coalition.objects.filter(pk=int(value))
            if value.isdigit()
            else Coalition.objects.filter(name=value)
        ).first()
        if found is None:
            raise CommandError(f"Onbekende coalitie: {value}")
        return found.pk
