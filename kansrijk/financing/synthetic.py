"""Financing at national scale, for the benchmark (`generate_synthetic`, issues 5 and 10).

Per synthetic coalition: the shipped figures and rules (`defaults.load_defaults`, tens of
rows) and the fictional example business case, written right away. Per family expecting a
child or just after the birth (from the family's own stream): about a third have a kraamzorg
calculation, with the standard hours of the shipped year and sometimes extra hours with a
reason, so the family's financing view and the calculator read what they read in use.

Everything is fictional; the texts name nobody.
"""

from decimal import Decimal

from django.db import connection

from kansrijk.core.models import AuditEvent
from kansrijk.families.phases import PhaseCode
from kansrijk.families.synthetic import (
    MARK,
    SyntheticExtension,
    _delete_rows,
    _dt,
    register_synthetic_extension,
)
from kansrijk.organisations.models import Coalition

from .models import (
    BusinessCase,
    CompensationRoute,
    FinancingRule,
    FinancingYear,
    InsurerException,
    KraamzorgCalculation,
)

CODE = "financing"
CALCULATION_SHARE = 0.35
PHASES = {PhaseCode.TRIMESTER_2, PhaseCode.TRIMESTER_3, PhaseCode.KRAAMPERIODE, PhaseCode.GAP}
EXTRA_REASONS = (
    "Eerste kind, weinig steun in de omgeving; meer uren afgesproken met de verloskundige.",
    "Moeder herstelt langzaam; extra uren om de overgang naar de JGZ te overbruggen.",
)

COLUMNS = {
    KraamzorgCalculation: (
        "id", "family_id", "coalition_id", "pregnancy_id", "year", "figures_year",
        "standard_hours", "extra_hours", "extra_reason", "chosen_hours", "prenatal_requested",
        "prenatal_reason", "contribution_per_hour", "estimated_cost", "too_few_hours_risk",
        "task_id", "created_by_id", "created_at",
    ),
}  # fmt: skip


def _coalition_rows(coalition, rng, next_id, state) -> dict:
    from .defaults import load_defaults

    instance = Coalition.objects.get(pk=coalition.id)
    load_defaults(instance)
    try:
        from .demo_business import create_example_case
    except ImportError:  # the business-case part is optional for the generator
        pass
    else:
        create_example_case(instance)
    state.update(_figures(coalition.id) or {})
    return {}


def _figures(coalition_id: int) -> dict | None:
    """The latest shipped year's kraamzorg figures of the coalition, or None."""
    from .models import FinancingRule, FinancingYear

    year = FinancingYear.objects.filter(coalition_id=coalition_id).order_by("-year").first()
    rule = (
        FinancingRule.objects.filter(
            coalition_id=coalition_id, care_kind="kraamzorg", service__isnull=True
        )
        .order_by("-year")
        .first()
    )
    if year is None or not year.kraamzorg_standard_hours_high:
        return None
    return {
        "year": year.year,
        "standards": [
            hours
            for hours in (year.kraamzorg_standard_hours_low, year.kraamzorg_standard_hours_high)
            if hours
        ],
        "max": year.kraamzorg_max_hours or year.kraamzorg_standard_hours_high,
        "per_hour": rule.contribution_amount if rule is not None else None,
    }


def _rows(family, rng, next_id) -> dict:
    figures = family.coalition_state.get(CODE)
    if (
        not figures
        or "standards" not in figures
        or family.phase not in PHASES
        or family.pregnancy is None
        or rng.random() >= CALCULATION_SHARE
    ):
        return {}
    due = family.pregnancy[0]
    year = (due or family.today).year
    standard = rng.choice(figures["standards"])
    extra = rng.choice((0, 0, 0, 8, 16)) if standard + 16 <= figures["max"] else 0
    chosen = standard + extra
    per_hour: Decimal | None = figures["per_hour"]
    cost = (per_hour * chosen).quantize(Decimal("0.01")) if per_hour is not None else None
    created = max(family.created, family.now - rng.randint(1, 60) * 86_400)
    row = (
        next_id(KraamzorgCalculation), family.family_id, family.coalition,
        family.pregnancy_id, year, figures["year"] if figures["year"] <= year else None,
        standard, extra, rng.choice(EXTRA_REASONS) if extra else "", chosen, False, "",
        per_hour, cost, False, None, family.team[0].id, _dt(created),
    )  # fmt: skip
    return {KraamzorgCalculation: [row]}


def _delete(cursor) -> None:
    """The synthetic coalitions' rules and business cases (their families' calculations went
    with the families already), and the audit trail of loading them: a business case points
    at its author and an audit event at its coalition, which go next."""
    qn = connection.ops.quote_name
    of_coalitions = (
        f"{qn('coalition_id')} IN (SELECT id FROM {qn(Coalition._meta.db_table)} "
        f"WHERE name LIKE %s)"
    )
    models = (
        AuditEvent,
        BusinessCase,
        FinancingRule,
        FinancingYear,
        InsurerException,
        CompensationRoute,
    )
    for model in models:
        _delete_rows(cursor, model, of_coalitions, [MARK + " %"])


def register() -> None:
    register_synthetic_extension(
        SyntheticExtension(
            code=CODE,
            columns=COLUMNS,
            rows=_rows,
            coalition_rows=_coalition_rows,
            delete=_delete,
        )
    )
