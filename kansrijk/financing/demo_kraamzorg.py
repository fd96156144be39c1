"""Demo kraamzorg calculations (seed_demo, after the rules are loaded): two families in the
third trimester with kraamzorg on their care team.

- DEMO-018 (low income, gemeentepolis, in Beekveld): indicated the higher standard plus 16
  extra hours, yet the family means to take 24 hours because of the own contribution; the
  calculator flags the risk and the request for the extra hours is a task for the kraamzorg.
- DEMO-014: the standard hours, all of them taken.

Saved through the calculator's own service, as the midwife, so the access log, the timeline
and the task are as in use. Idempotent: a family that has a calculation keeps it.
"""

from kansrijk.families.models import Family
from kansrijk.organisations.models import Professional

from .models import KraamzorgCalculation
from .services_kraamzorg import (
    KraamzorgInput,
    calculation_save,
    current_pregnancy,
    default_year,
    kraamzorg_figures,
)

ORDER = 59
MIDWIFE = "verloskundige"
# reference -> (extra hours, chosen hours or None for all indicated, reason, ask for a task)
CALCULATIONS = {
    "DEMO-018": (
        16,
        24,
        "Eerste kind, moeder herstelt in de opvang zonder familie in de buurt; meer uren "
        "afgesproken om het gat tot het eerste JGZ-bezoek te overbruggen.",
        True,
    ),
    "DEMO-014": (0, None, "", False),
}


def seed_demo_kraamzorg() -> str | None:
    midwife = Professional.objects.filter(username=MIDWIFE).first()
    if midwife is None:
        return None
    saved = 0
    families = Family.objects.filter(reference__in=list(CALCULATIONS)).order_by("reference")
    for family in families:
        if KraamzorgCalculation.objects.filter(family=family).exists():
            continue
        year = default_year(current_pregnancy(family))
        figures = kraamzorg_figures(family.coalition_id, year).figures
        if figures is None or not figures.standards:
            continue
        extra, chosen, reason, ask = CALCULATIONS[family.reference]
        standard = max(figures.standards)
        calculation_save(
            actor=midwife,
            family_pk=family.pk,
            data=KraamzorgInput(
                year=year,
                standard_hours=standard,
                extra_hours=extra,
                chosen_hours=chosen if chosen is not None else standard + extra,
                extra_reason=reason,
            ),
            create_task=ask,
        )
        saved += 1
    return f"Demo-kraamzorgberekeningen: {saved}." if saved else None
