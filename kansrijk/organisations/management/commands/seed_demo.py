"""Load the fictional demo coalition. Safe to run again: it adds what is missing, and keeps
everything that is already there (including passwords changed since).

After the organisations and logins it runs the demo steps other apps registered
(`demo.register_demo_step`), in the same transaction: the families, and later more.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.organisations import demo
from kansrijk.organisations.models import (
    Coalition,
    Membership,
    Municipality,
    Organisation,
    Professional,
    Region,
)


class Command(BaseCommand):
    help = "Laadt de fictieve demo-coalitie met inlogs (wachtwoord demo-kansrijk)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook laden als DEBUG uit staat (alleen voor een demo-omgeving).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo-gegevens horen niet in productie. Gebruik --allow-production als dit "
                "echt een demo-omgeving is."
            )
        with transaction.atomic():
            created = self._seed()
            for step in demo.demo_steps():
                summary = step()
                if summary:
                    self.stdout.write(summary)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo klaar: {created} nieuwe inlogs. Wachtwoord: {demo.DEMO_PASSWORD}; "
                f"TOTP-sleutel: {demo.DEMO_TOTP_SECRET}"
            )
        )

    def _seed(self) -> int:
        region, _ = Region.objects.get_or_create(name=demo.REGION)
        coalitions = {}
        for key, spec in demo.COALITIONS.items():
            coalition, _ = Coalition.objects.get_or_create(
                name=spec["name"], defaults={"region": region}
            )
            coalitions[key] = coalition
            for code, name in spec["municipalities"]:
                Municipality.objects.get_or_create(
                    cbs_code=code, defaults={"name": name, "coalition": coalition}
                )
        organisations = {}
        for key, (name, kind, coalition_keys, phone) in demo.ORGANISATIONS.items():
            organisation, _ = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "phone": phone}
            )
            organisation.coalitions.add(*(coalitions[k] for k in coalition_keys))
            organisations[key] = organisation
        created = 0
        key_hex = demo.demo_totp_key_hex()
        for username, (first, last, memberships) in demo.PROFESSIONALS.items():
            professional = Professional.objects.filter(username=username).first()
            if professional is None:
                professional = Professional.objects.create_user(
                    username=username,
                    password=demo.DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo.kansrijk.invalid",
                )
                created += 1
            if not TOTPDevice.objects.filter(user=professional, confirmed=True).exists():
                TOTPDevice.objects.create(
                    user=professional, name="Demo", key=key_hex, confirmed=True
                )
            for org_key, coalition_key, discipline, roles, phone in memberships:
                Membership.objects.get_or_create(
                    professional=professional,
                    organisation=organisations[org_key],
                    coalition=coalitions[coalition_key],
                    end_date=None,
                    defaults={
                        "discipline": discipline,
                        "phone": phone,
                        **{Membership.ROLE_FIELDS[r]: True for r in roles},
                        "is_professional": "professional" in roles,
                    },
                )
        return created
