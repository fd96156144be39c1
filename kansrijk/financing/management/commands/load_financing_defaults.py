"""Load the shipped financing figures and rules (`kansrijk.financing.defaults`) into one
coalition or all of them. Safe to run again: what a coalition has is kept."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from kansrijk.financing.defaults import YEAR, load_defaults
from kansrijk.organisations.models import Coalition


def coalitions_for(value: str) -> list[Coalition]:
    """`all`, a coalition's id, its name or the slug of its name."""
    if value == "all":
        return list(Coalition.objects.order_by("pk"))
    if value.isdigit():
        found = list(Coalition.objects.filter(pk=int(value)))
    else:
        found = [
            coalition
            for coalition in Coalition.objects.order_by("pk")
            if value in (coalition.name, slugify(coalition.name))
        ]
    if not found:
        raise CommandError(f"Geen coalitie gevonden voor '{value}'.")
    return found


class Command(BaseCommand):
    help = f"Laadt de standaardcijfers financiering ({YEAR}) met hun bron in een coalitie."

    def add_arguments(self, parser):
        parser.add_argument(
            "--coalition",
            required=True,
            help="Id, naam of slug van de coalitie, of 'all' voor alle coalities.",
        )

    def handle(self, *args, coalition, **options):
        for instance in coalitions_for(coalition):
            written = load_defaults(instance)
            self.stdout.write(f"{instance.name}: {written} nieuwe rijen.")
