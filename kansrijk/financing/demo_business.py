"""The fictional example business case of the demo (and of the synthetic coalitions).

One scenario per coalition, marked `is_example` and named "Fictief voorbeeld: ...": two
made-up interventions paid from municipal budgets, whose made-up effects save the insurer and
other municipal budgets, so that the "wrong pocket" shows. Every number is invented for the
demo and says so in its source; none is presented as a real figure or as the outcome of an
MKBA.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Membership, Professional

from .models import (
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
    BusinessPayer,
)

ORDER = 58
SOURCE = "Fictief: verzonnen voor de demo, geen echte cijfers"
NAME = "Fictief voorbeeld: preconceptiezorg en gezinsbegeleiding"
DESCRIPTION = (
    "Een verzonnen voorbeeld om mee te oefenen. Alle getallen zijn bedacht voor de demo: het "
    "zijn geen echte cijfers en geen uitkomsten van een MKBA. Vervang ze door jullie eigen "
    "cijfers, met de bron erbij."
)
HORIZON = 8

# (name, reach per year, cost per family, payer, [(outcome, low, base, high, lag,
#   [(payer, amount per avoided outcome)])])
INTERVENTIONS = [
    (
        "Voorbeeldinterventie preconceptie",
        60,
        "450.00",
        BusinessPayer.MUNICIPALITY_WPG,
        [
            (
                "Ongeplande zwangerschap",
                "0.05",
                "0.10",
                "0.15",
                1,
                [(BusinessPayer.INSURER, "3000.00"), (BusinessPayer.MUNICIPALITY_YOUTH, "1000.00")],
            ),
            ("Vroeggeboorte", "0.01", "0.02", "0.03", 1, [(BusinessPayer.INSURER, "25000.00")]),
        ],
    ),
    (
        "Voorbeeldinterventie intensieve gezinsbegeleiding",
        20,
        "3000.00",
        BusinessPayer.MUNICIPALITY_YOUTH,
        [
            (
                "Uithuisplaatsing",
                "0.02",
                "0.05",
                "0.08",
                2,
                [(BusinessPayer.MUNICIPALITY_YOUTH, "55000.00")],
            ),
            (
                "Schuldhulpverlening",
                "0.05",
                "0.10",
                "0.20",
                1,
                [(BusinessPayer.MUNICIPALITY_INCOME, "4000.00")],
            ),
        ],
    ),
]


def _author(coalition: Coalition) -> Professional | None:
    """Who the example is recorded as made by: a coordinator of the coalition, else anyone
    who works in it, else any account (the model needs an author)."""
    memberships = Membership.objects.current().filter(coalition=coalition)
    membership = (
        memberships.filter(is_coordinator=True).order_by("pk").first()
        or memberships.order_by("pk").first()
    )
    if membership is not None:
        return membership.professional
    return Professional.objects.order_by("pk").first()


def create_example_case(coalition: Coalition, created_by=None) -> BusinessCase | None:
    """The coalition's fictional example, created if it has none yet (idempotent)."""
    existing = BusinessCase.objects.filter(coalition=coalition, is_example=True).first()
    if existing is not None:
        return None
    author = created_by or _author(coalition)
    if author is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        case = BusinessCase.objects.create(
            coalition=coalition,
            name=NAME,
            description=DESCRIPTION,
            start_year=timezone.localdate().year,
            horizon_years=HORIZON,
            is_example=True,
            created_by=author,
            created_at=now,
            updated_by=author,
            updated_at=now,
        )
        for name, reach, cost, payer, effects in INTERVENTIONS:
            intervention = BusinessCaseIntervention.objects.create(
                case=case,
                name=name,
                reach_per_year=reach,
                cost_per_family=Decimal(cost),
                payer=payer,
                source=SOURCE,
            )
            for outcome, low, base, high, lag, savings in effects:
                effect = BusinessCaseEffect.objects.create(
                    case=case,
                    intervention=intervention,
                    outcome=outcome,
                    effect_low=Decimal(low),
                    effect_base=Decimal(base),
                    effect_high=Decimal(high),
                    lag_years=lag,
                    source=SOURCE,
                )
                BusinessCaseSaving.objects.bulk_create(
                    BusinessCaseSaving(
                        effect=effect,
                        payer=saving_payer,
                        amount_per_outcome=Decimal(amount),
                        source=SOURCE,
                    )
                    for saving_payer, amount in savings
                )
    return case


def seed_demo_business() -> str | None:
    """One fictional example scenario per demo coalition."""
    names = [spec["name"] for spec in organisations_demo.COALITIONS.values()]
    created = 0
    for coalition in Coalition.objects.filter(name__in=names).order_by("pk"):
        if create_example_case(coalition) is not None:
            created += 1
    return f"Demo-businesscase: {created} fictieve voorbeeldscenario's." if created else None
