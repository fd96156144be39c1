"""Monitoring test data: families of a coalition with or without monitoring consent, made
directly (no services, no access log), so that a test can build the dozens of families an
indicator with suppression needs. Everything is fictional."""

from datetime import date
from itertools import count

from kansrijk.families.models import Consent, ConsentPurpose, Family, Pregnancy
from kansrijk.organisations.models import Coalition, Municipality, Professional

_numbers = count(1)


def monitored_family(
    coalition: Coalition,
    recorded_by: Professional,
    *,
    municipality: Municipality | None = None,
    consent: bool = True,
    withdrawn: bool = False,
    due_date: date | None = None,
    birth_date: date | None = None,
    **fields,
) -> Family:
    """A family of `coalition` (in its first municipality unless given), with a monitoring
    consent given (`consent`), refused (`consent=False`) or withdrawn (`withdrawn`), and a
    pregnancy when `due_date` or `birth_date` is given."""
    municipality = municipality or coalition.municipalities.order_by("pk").first()
    family = Family.objects.create(
        coalition=coalition,
        municipality=municipality,
        reference=f"MON-{next(_numbers):05d}",
        created_by=recorded_by,
        **fields,
    )
    if consent is not None:
        record = Consent.objects.create(
            family=family,
            coalition=coalition,
            purpose=ConsentPurpose.MONITORING,
            given=consent,
            method="verbal",
            recorded_by=recorded_by,
        )
        if withdrawn:
            Consent.objects.filter(pk=record.pk).update(withdrawn_at=record.recorded_at)
    if due_date is not None or birth_date is not None:
        Pregnancy.objects.create(
            family=family, coalition=coalition, due_date=due_date, birth_date=birth_date
        )
    return family
