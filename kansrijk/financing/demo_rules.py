"""The financing rules of the demo (seed_demo step 57, after the social map's 55).

Each demo coalition gets the shipped figures and rules of 2020 (`defaults.load_defaults`:
only what the source documents name, with their source). On top of that, clearly fictional
examples, so the family's financing view has something to show; each one's name starts
with "Voorbeeld:" and its source says "Fictief voorbeeld voor de demo":

- in every demo municipality, bijzondere bijstand for minima that pays the kraamzorg own
  contribution back;
- in Lindeoord, a local fund for families with little money;
- per coalition, an insurer exception: a supplementary policy (basis + aanvullend) that
  covers the kraamzorg own contribution.

The demo services have their kind of care from the social map's demo
(`socialmap.demo_services.CARE_KINDS`). Running seed_demo again adds nothing.
"""

from django.utils import timezone

from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Municipality, Professional

from .defaults import YEAR, load_defaults
from .models import CompensationKind, CompensationRoute, ExceptionEffect, InsurerException

ORDER = 57
FICTIONAL = "Fictief voorbeeld voor de demo"
FUND_MUNICIPALITY = "GM9901"


def _bijstand(municipality: Municipality) -> dict:
    return {
        "kind": CompensationKind.BIJZONDERE_BIJSTAND,
        "name": f"Voorbeeld: bijzondere bijstand voor de eigen bijdrage kraamzorg "
        f"({municipality.name})",
        "care_kinds": ["kraamzorg"],
        "minima_only": True,
        "conditions": (
            "Fictief voorbeeld. Voor gezinnen met een inkomen tot 120% van het sociaal "
            "minimum; de gemeente betaalt de eigen bijdrage kraamzorg terug."
        ),
        "how_to_apply": (
            "Fictief voorbeeld. Aanvragen bij de gemeente met de factuur van de "
            "kraamzorgorganisatie; het buurtteam helpt met het formulier."
        ),
        "contact": f"Gemeente {municipality.name} (fictief)",
    }


def _fund(municipality: Municipality) -> dict:
    return {
        "kind": CompensationKind.LOCAL_FUND,
        "name": f"Voorbeeld: Steunfonds Jonge Gezinnen {municipality.name}",
        "care_kinds": [],
        "minima_only": True,
        "conditions": (
            "Fictief voorbeeld. Een lokaal fonds dat eigen kosten rond zwangerschap en "
            "geboorte betaalt wanneer geen andere regeling dat doet."
        ),
        "how_to_apply": "Fictief voorbeeld. Aanvragen via het buurtteam of de JGZ.",
        "contact": "Steunfonds Jonge Gezinnen (fictief)",
    }


def _compensation(coalition: Coalition, actor, now) -> int:
    added = 0
    for municipality in Municipality.objects.filter(coalition=coalition).order_by("name"):
        specs = [_bijstand(municipality)]
        if municipality.cbs_code == FUND_MUNICIPALITY:
            specs.append(_fund(municipality))
        for spec in specs:
            if CompensationRoute.objects.filter(
                coalition=coalition, municipality=municipality, name=spec["name"]
            ).exists():
                continue
            CompensationRoute.objects.create(
                coalition=coalition,
                municipality=municipality,
                source=FICTIONAL,
                updated_by=actor,
                updated_at=now,
                **spec,
            )
            added += 1
    return added


def _exception(coalition: Coalition, actor, now) -> int:
    values = {
        "coalition": coalition,
        "year": YEAR,
        "insurer": "",
        "insurance_kind": "basis_aanvullend",
        "care_kind": "kraamzorg",
        "effect": ExceptionEffect.COVERS_CONTRIBUTION,
        "source": FICTIONAL,
    }
    if InsurerException.objects.filter(**values).exists():
        return 0
    InsurerException.objects.create(
        **values,
        conditions=(
            "Voorbeeld: een aanvullende verzekering die de eigen bijdrage kraamzorg vergoedt. "
            "Fictief: kijk in de polisvoorwaarden van het gezin wat echt geldt."
        ),
        updated_by=actor,
        updated_at=now,
    )
    return 1


def seed_demo_financing_rules() -> str | None:
    coalitions = {
        key: Coalition.objects.filter(name=spec["name"]).first()
        for key, spec in organisations_demo.COALITIONS.items()
    }
    if not all(coalitions.values()):
        return None
    actor = Professional.objects.filter(username="beheerder").first()
    now = timezone.now()
    rows = routes = exceptions = 0
    for coalition in coalitions.values():
        rows += load_defaults(coalition, actor=actor)
        routes += _compensation(coalition, actor, now)
        exceptions += _exception(coalition, actor, now)
    return (
        f"Demo-financiering: {rows} standaardcijfers en -regels ({YEAR}), {routes} fictieve "
        f"vergoedingsregelingen, {exceptions} fictieve uitzonderingen."
    )
