"""Generate fictional families at scale for the benchmark (`kansrijk.families.synthetic`).

Runs with DEBUG off too (the benchmark serves the app as production does); what protects
real data is that it refuses a database holding other families unless `--force`, and never
duplicates an earlier run (`--reset` removes that first).
"""

import resource
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from kansrijk.families import synthetic


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"Geef een heel getal op, niet '{value}'.") from None
    return number


class Progress:
    """One line on stderr, rewritten in place: done/total, rate and the time still to go."""

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        self.stream.write(
            f"\rGezinnen {done:>10,}/{total:,} ({done * 100 // total:3d}%) "
            f"{rate:8,.0f}/s  nog {int(left) // 60}m{int(left) % 60:02d}s ".replace(",", ".")
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Maakt fictieve, reproduceerbare gezinnen op grote schaal (voor de benchmark): "
        "coalities, gemeenten, organisaties, professionals, gezinnen in alle fasen van de "
        "1000 dagen, zorgteams, toestemmingen en een toegangslog."
    )

    def add_arguments(self, parser):
        parser.add_argument("--families", type=_positive, required=True, help="Aantal gezinnen.")
        parser.add_argument(
            "--coalitions",
            type=_positive,
            default=None,
            help=f"Aantal coalities (standaard 1 per {synthetic.FAMILIES_PER_COALITION:,}).",
        )
        parser.add_argument("--seed", type=_positive, default=1, help="Startgetal (standaard 1).")
        parser.add_argument(
            "--batch-size",
            type=_positive,
            default=synthetic.DEFAULT_BATCH_SIZE,
            help="Gezinnen per transactie (standaard %(default)s).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Verwijder eerst de synthetische gegevens van een eerdere run.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als de database al andere (echte of demo-)gezinnen bevat.",
        )
        parser.add_argument(
            "--password",
            default=None,
            help="Wachtwoord voor alle synthetische professionals (standaard: geen, "
            "inloggen met een wachtwoord kan dan niet).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsregel.")

    def handle(self, *args, **options):
        progress = None if options["no_progress"] else Progress(sys.stderr)
        try:
            summary = synthetic.generate(
                families=options["families"],
                coalitions=options["coalitions"],
                seed=options["seed"],
                batch_size=options["batch_size"],
                reset=options["reset"],
                force=options["force"],
                password=options["password"],
                progress=progress,
            )
        except synthetic.SyntheticDataError as error:
            raise CommandError(str(error)) from None
        # ru_maxrss is in kilobytes on Linux.
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.phases.items())
        rows = ", ".join(f"{label}: {count:,}" for label, count in summary.rows.items())
        self.stdout.write(
            f"{summary.families:,} synthetische gezinnen in {summary.coalitions} coalities, "
            f"{summary.professionals:,} professionals; {summary.seconds:.1f} s ({phases}), "
            f"piekgeheugen {peak_mb:.0f} MB.\n{rows}\n"
            f"Voorbeeld-professional: {summary.example_username}"
        )
