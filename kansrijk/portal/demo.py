"""The family portal's demo step (seed_demo step 90, after everything the portal shows).

Yara Haddad, the client of `DEMO-010` (a family plan with goals, own scores and a safety plan
the portal never shows), is invited to "Mijn gezin" by her case director `verloskundige`,
with the fixed date of birth 17 May 1994 so that the README can name it. She logs in at
/mijn/inloggen/ with demo-010@example.invalid and that date; the code arrives by e-mail, which
the demo's console backend prints where the server runs.

Idempotent: a family member who already has an active account is left alone.
"""

from datetime import date

from kansrijk.families.models import Family, PersonRole
from kansrijk.families.services import person_update
from kansrijk.organisations.models import Professional

from .models import FamilyAccount
from .services_invite import family_account_invite

ORDER = 90
REFERENCE = "DEMO-010"
DIRECTOR = "verloskundige"
DATE_OF_BIRTH = date(1994, 5, 17)


def seed_demo_portal() -> str | None:
    family = Family.objects.filter(reference=REFERENCE).first()
    director = Professional.objects.filter(username=DIRECTOR).first()
    if family is None or director is None or not family.is_open:
        return None
    client = family.persons.filter(role=PersonRole.CLIENT).first()
    if client is None or not client.email:
        return None
    if FamilyAccount.objects.active().filter(person=client).exists():
        return None
    if client.date_of_birth != DATE_OF_BIRTH:
        person_update(
            actor=director,
            family_pk=family.pk,
            person_pk=client.pk,
            data={"date_of_birth": DATE_OF_BIRTH},
        )
    family_account_invite(actor=director, family_pk=family.pk, person_pk=client.pk)
    return f"Mijn gezin: {client.first_name} ({REFERENCE}) uitgenodigd"
