"""Import a coalition's signed aggregate document into a region, with the same checks as the
region page (trusted publisher, signature, no count under 10, schema):

    python manage.py import_indicators cijfers.json --region "Regio Zuid"
    python manage.py import_indicators https://example.nl/cijfers.json --region 3

The outcome is stored either way (a refused document without its figures); a refusal ends
with a nonzero exit status and the reason.
"""

from django.core.management.base import BaseCommand, CommandError

from kansrijk.monitoring.models import ImportStatus
from kansrijk.monitoring.services_federation import document_import, document_import_url
from kansrijk.organisations.models import Region


class Command(BaseCommand):
    help = (
        "Leest het ondertekende document van een coalitie in voor een regio, met dezelfde "
        "controles als de regiopagina; een geweigerd document geeft de reden en een foutcode."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het bestand, of een adres dat met http(s):// begint.")
        parser.add_argument("--region", required=True, help="Naam of nummer van de regio.")

    def handle(self, *args, path: str, region: str, **options):
        lookup = {"pk": int(region)} if region.isdigit() else {"name": region}
        chosen = Region.objects.filter(**lookup).first()
        if chosen is None:
            raise CommandError(f"Regio {region!r} bestaat niet.")
        if path.startswith(("http://", "https://")):
            imported = document_import_url(actor=None, region=chosen, url=path)
        else:
            try:
                with open(path, "rb") as file:
                    content = file.read()
            except OSError as error:
                raise CommandError(f"Het bestand {path} kan niet worden gelezen: {error}") from None
            imported = document_import(actor=None, region=chosen, content=content, source=path)
        if imported.status != ImportStatus.ACCEPTED:
            raise CommandError(f"Geweigerd: {imported.reason}")
        self.stdout.write(
            f"Ingelezen: {imported.publisher}, {imported.period}, versie {imported.version}."
        )
