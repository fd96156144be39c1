"""Business-case test data: a small hand-computable scenario (see the arithmetic tests) and
a scenario of any size for the query-count tests. Every figure here is made up."""

from kansrijk.financing.models import BusinessCase
from kansrijk.organisations.models import Coalition

from .financing import make_business_case

# 10 families a year at € 100 from the public-health budget; per family 0.1 / 0.2 / 0.3
# avoided outcomes from the second year, each saving the insurer € 1,000. Base result over
# four years from 2026: investment € 4,000, savings € 6,000, net € 2,000, break-even 2027.
SMALL = [
    {
        "name": "Preconceptiespreekuur",
        "reach_per_year": 10,
        "cost_per_family": "100.00",
        "payer": "gemeente_wpg",
        "source": "Begroting GGD (test)",
        "effects": [
            {
                "outcome": "Vroeggeboorte",
                "effect_low": "0.1",
                "effect_base": "0.2",
                "effect_high": "0.3",
                "lag_years": 1,
                "source": "Werkgroep (test)",
                "savings": [("insurer", "1000.00")],
            }
        ],
    }
]


def make_small_case(coalition: Coalition, created_by, **fields) -> BusinessCase:
    values = {"name": "Preconceptie", "start_year": 2026, "horizon_years": 4, **fields}
    return make_business_case(coalition, created_by, interventions=SMALL, **values)


def make_sized_case(
    coalition: Coalition, created_by, *, interventions: int, effects: int, name: str = ""
) -> BusinessCase:
    """A scenario with `interventions` interventions of `effects` effects each, every effect
    with two savings."""
    rows = [
        {
            "name": f"Interventie {i}",
            "reach_per_year": 10 + i,
            "cost_per_family": "250.00",
            "payer": "gemeente_jeugd" if i % 2 else "gemeente_wpg",
            "effects": [
                {
                    "outcome": f"Uitkomst {i}.{j}",
                    "effect_low": "0.01",
                    "effect_base": "0.02",
                    "effect_high": "0.03",
                    "lag_years": j % 3,
                    "savings": [("insurer", "5000.00"), ("gemeente_inkomen", "800.00")],
                }
                for j in range(effects)
            ],
        }
        for i in range(interventions)
    ]
    return make_business_case(
        coalition,
        created_by,
        name=name or f"Scenario {interventions}x{effects}",
        interventions=rows,
    )
