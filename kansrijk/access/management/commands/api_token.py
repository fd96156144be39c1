"""Make a personal API token for a professional; prints only the key, for use in scripts:

KEY=$(python manage.py api_token verloskundige --name "koppeling praktijksysteem")
"""

from django.core.management.base import BaseCommand, CommandError

from kansrijk.access.services import api_token_create
from kansrijk.organisations.models import Professional

DEFAULT_NAME = "Aangemaakt via de opdrachtregel"


class Command(BaseCommand):
    help = (
        "Maakt een persoonlijke API-token voor een professional en toont alleen de sleutel. "
        "De sleutel wordt niet bewaard: bewaar hem zelf."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Gebruikersnaam van de professional.")
        parser.add_argument(
            "--name",
            default=DEFAULT_NAME,
            help=f"Naam van de token, om hem later te herkennen (standaard: '{DEFAULT_NAME}').",
        )

    def handle(self, *args, username: str, name: str, **options):
        name = name.strip()
        if not name:
            raise CommandError("Geef de token een naam met --name.")
        if len(name) > 80:
            raise CommandError("De naam van de token mag hoogstens 80 tekens lang zijn.")
        professional = Professional.objects.filter(username=username).first()
        if professional is None:
            raise CommandError(f"Er is geen professional met gebruikersnaam '{username}'.")
        if not professional.is_active:
            raise CommandError(
                f"Het account '{username}' is gedeactiveerd; daarvoor maak je geen token."
            )
        _token, key = api_token_create(professional=professional, name=name)
        self.stdout.write(key)
