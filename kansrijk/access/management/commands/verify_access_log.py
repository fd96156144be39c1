"""Check the access log against its seals (kansrijk/access/integrity.py).

    python manage.py verify_access_log [--from 2026-01-01] [--to 2026-01-31] [--problems-only]

Prints one line per day: OK, or what is wrong (changed, rows missing, rows added, chain
broken, not sealed). Exits with status 1 when anything is wrong, so cron or monitoring can
raise the alarm, e.g. daily after `seal_access_log`:

    30 3 * * *  cd /srv/kansrijk && .venv/bin/python manage.py verify_access_log --problems-only
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from kansrijk.access.integrity import access_log_verify


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"Ongeldige datum {value!r}: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31."
        ) from error


class Command(BaseCommand):
    help = (
        "Controleert het toegangslog tegen de zegels: per dag OK, gewijzigd, rijen ontbreken, "
        "rijen toegevoegd, keten gebroken of niet verzegeld. Eindigt met status 1 bij een "
        "probleem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", help="Eerste dag (JJJJ-MM-DD).")
        parser.add_argument("--to", dest="date_to", help="Laatste dag (JJJJ-MM-DD).")
        parser.add_argument(
            "--problems-only",
            action="store_true",
            help="Toon alleen de dagen met een probleem.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, date_from, date_to, problems_only: bool, database: str, **options):
        start = _date(date_from) if date_from else None
        end = _date(date_to) if date_to else None
        if start and end and start > end:
            raise CommandError("--from ligt na --to: kies een begindatum vóór de einddatum.")
        verification = access_log_verify(date_from=start, date_to=end, using=database)
        if verification.anchor is not None:
            anchor = verification.anchor
            beginning = (
                "begin van de keten"
                if anchor.previous_digest == "0" * 64
                else "oudste bewaarde zegel, oudere dagen zijn na de bewaartermijn verwijderd"
            )
            self.stdout.write(f"Keten gecontroleerd vanaf {anchor.day:%Y-%m-%d} ({beginning}).")
        for message in verification.general:
            self.stdout.write(self.style.ERROR(f"PROBLEEM: {message}"))
        problems = 0
        for check in verification.days:
            count = (
                f"{check.found_count} gebeurtenis(sen)"
                if check.sealed_count in (None, check.found_count)
                else f"{check.found_count} gebeurtenis(sen), verzegeld {check.sealed_count}"
            )
            if check.ok:
                if not problems_only:
                    self.stdout.write(f"{check.day:%Y-%m-%d}  OK  ({count})")
                continue
            problems += 1
            for kind, explanation in check.problems:
                self.stdout.write(
                    self.style.ERROR(
                        f"{check.day:%Y-%m-%d}  {kind.upper()}: {explanation} ({count})"
                    )
                )
        if not verification.ok:
            raise CommandError(
                f"Het toegangslog klopt niet met de zegels: {problems} dag(en) met een "
                f"probleem{', en problemen buiten de dagen' if verification.general else ''}."
            )
        if not verification.days:
            self.stdout.write("Geen verzegelde dagen in deze periode; niets te controleren.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Het toegangslog klopt: {len(verification.days)} dag(en) gecontroleerd, "
                f"geen wijzigingen."
            )
        )
