"""Write a coalition's signed aggregate document for a period to a file:

    python manage.py export_indicators --period 2026-Q3 --coalition "Kansrijke Start X" cijfers.json

The document is the one the publication page makes (suppressed figures, signed with the
installation's key, see kansrijk/monitoring/federation/), wrapped with its signature and
public key. Its version is one higher than the coalition's last published version of the
period (`--document-version` overrides it); the command does not store a publication. `-` as PATH
writes to standard output.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import build_document
from kansrijk.monitoring.periods import Period, PeriodError
from kansrijk.monitoring.services_federation import next_version
from kansrijk.organisations.models import Coalition


def coalition_named(value: str | None) -> Coalition:
    """The coalition by name or number; without a value the only coalition there is."""
    coalitions = Coalition.objects.select_related("region")
    if value:
        found = (
            coalitions.filter(pk=int(value)) if value.isdigit() else coalitions.filter(name=value)
        )
        coalition = found.first()
        if coalition is None:
            raise CommandError(f"Coalitie {value!r} bestaat niet.")
        return coalition
    if coalitions.count() != 1:
        raise CommandError("Kies een coalitie met --coalition (naam of nummer).")
    return coalitions.get()


class Command(BaseCommand):
    help = (
        "Schrijft het ondertekende document met de onderdrukte cijfers van een coalitie over "
        "een periode naar een bestand (zonder persoonsgegevens)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het bestand om te schrijven, of - voor de uitvoer.")
        parser.add_argument(
            "--period", required=True, help="Kwartaal (2026-Q3), maand (2026-09) of jaar (2026)."
        )
        parser.add_argument("--coalition", help="Naam of nummer van de coalitie.")
        parser.add_argument(
            "--document-version",
            dest="doc_version",
            type=int,
            help="Versienummer van het document.",
        )

    def handle(self, *args, path: str, period: str, coalition, doc_version, **options):
        try:
            period = Period.parse(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        coalition = coalition_named(coalition)
        version = next_version(coalition, period) if doc_version is None else doc_version
        if version < 1:
            raise CommandError("--document-version moet 1 of meer zijn.")
        document = build_document(coalition, period, version=version)
        content = json.dumps(signing.signed_file(document), ensure_ascii=False, indent=2)
        if path == "-":
            self.stdout.write(content)
            return
        with open(path, "w", encoding="utf-8") as file:
            file.write(content + "\n")
        self.stderr.write(
            f"Geschreven: {path} ({coalition.name}, {period.code}, versie {version})."
        )
