"""Import an Open Referral HSDS 3.0 social map into a coalition:

    python manage.py import_hsds kaart.json --coalition "Kansrijke Start Eerstedorp"
    python manage.py import_hsds kaart/ --coalition 3          # tabular datapackage
    python manage.py import_hsds kaart.zip --coalition 3

PATH is a JSON file (an object with the lists `organizations`, `services`, `locations`,
`taxonomies`, `taxonomy_terms`, `attributes`, `metadata` - each optional - or a list of full
HSDS service records), or a directory or zip with the tabular datapackage (datapackage.json
and one CSV per HSDS table). See kansrijk/socialmap/hsds/importer.py for the details.

Every record is checked; every rejected record is printed (file, record id, field, reason)
and then nothing is imported (exit code 1). Records are updated by their id, so importing
the same file again changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from kansrijk.organisations.models import Coalition
from kansrijk.socialmap.hsds.importer import ImportRejected, import_hsds


class Command(BaseCommand):
    help = (
        "Importeert een sociale kaart in Open Referral HSDS 3.0 in een coalitie. PATH is een "
        "JSON-bestand (een object met de lijsten organizations, services, locations, "
        "taxonomies, taxonomy_terms, attributes en metadata, elk optioneel, of een lijst van "
        "volledige HSDS-service-records) of een map of zip met het tabulaire datapackage "
        "(datapackage.json en per HSDS-tabel een CSV: organization.csv, service.csv, ...). "
        "Elk record wordt gecontroleerd; bij een afgekeurd record wordt niets geïmporteerd "
        "en staat elk afgekeurd record in het verslag (bestand, record-id, veld, reden). "
        "Records worden op hun id bijgewerkt: opnieuw importeren maakt geen dubbele records."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="JSON-bestand, map of zip.")
        parser.add_argument(
            "--coalition",
            required=True,
            help="Nummer (id) of naam van de coalitie waarin de aanbieders komen.",
        )

    def handle(self, *args, path: Path, coalition: str, **options):
        target = find_coalition(coalition)
        if not path.exists():
            raise CommandError(f"{path} bestaat niet.")
        try:
            result = import_hsds(path=path, coalition=target)
        except ImportRejected as rejected:
            self.stderr.write(f"Afgekeurd ({len(rejected.rejections)}):")
            for rejection in rejected.rejections:
                self.stderr.write(f"  {rejection}")
            raise CommandError(
                f"{len(rejected.rejections)} afgekeurde records: niets geïmporteerd."
            ) from None
        self.stdout.write(f"Geïmporteerd in {target.name}: {result.summary()}")


def find_coalition(value: str) -> Coalition:
    lookup = Q(name__iexact=value)
    if value.isdigit():
        lookup |= Q(pk=int(value))
    matches = list(Coalition.objects.filter(lookup)[:2])
    if len(matches) != 1:
        raise CommandError(f"Geen (eenduidige) coalitie gevonden voor {value!r}.")
    return matches[0]
