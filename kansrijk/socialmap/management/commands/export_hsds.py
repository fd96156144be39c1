"""Export the social map in Open Referral HSDS 3.0:

    python manage.py export_hsds kaart.json [--coalition X]
    python manage.py export_hsds kaart/ --format csv [--coalition X]    # or kaart.zip

JSON: the document `import_hsds` reads (kansrijk/socialmap/hsds/exporter.py). CSV: the
tabular datapackage, datapackage.json and one CSV per HSDS table, in a directory or a zip.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from kansrijk.socialmap.hsds.exporter import export_hsds

from .import_hsds import find_coalition


class Command(BaseCommand):
    help = (
        "Exporteert de sociale kaart in Open Referral HSDS 3.0: als JSON-bestand of als "
        "tabulair datapackage (datapackage.json en per HSDS-tabel een CSV, in een map of zip). "
        "Met --coalition alleen de kaart van die coalitie."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="JSON-bestand, of map of .zip voor CSV.")
        parser.add_argument("--coalition", help="Nummer (id) of naam van de coalitie.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, path: Path, coalition: str | None, format: str, **options):
        target = find_coalition(coalition) if coalition else None
        counts = export_hsds(path=path, coalition=target, format=format)
        listed = ", ".join(f"{key}: {count}" for key, count in counts.items())
        self.stdout.write(f"Geschreven naar {path}: {listed}")
