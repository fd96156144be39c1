"""Financing test data: a coalition's year figures, rules, insurer exceptions, compensation
routes and business cases. Every figure here is made up for tests."""

from decimal import Decimal

from kansrijk.financing.models import (
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
    CompensationRoute,
    ContributionKind,
    FinancingRule,
    FinancingYear,
    InsurerException,
)
from kansrijk.organisations.models import Coalition, Municipality


def make_year(coalition: Coalition, year: int = 2020, **fields) -> FinancingYear:
    values = {
        "kraamzorg_standard_hours_low": 45,
        "kraamzorg_standard_hours_high": 49,
        "kraamzorg_max_hours": 80,
        "kraamzorg_source": "Testbron",
        **fields,
    }
    return FinancingYear.objects.create(coalition=coalition, year=year, **values)


def make_rule(
    coalition: Coalition,
    care_kind: str = "kraamzorg",
    year: int = 2020,
    *,
    law: str = "zvw",
    payer: str = "insurer",
    contribution_kind: str = ContributionKind.NONE,
    contribution_amount: Decimal | str | None = None,
    **fields,
) -> FinancingRule:
    return FinancingRule.objects.create(
        coalition=coalition,
        year=year,
        care_kind=care_kind,
        law=law,
        payer=payer,
        contribution_kind=contribution_kind,
        contribution_amount=None if contribution_amount is None else Decimal(contribution_amount),
        source=fields.pop("source", "Testbron"),
        **fields,
    )


def make_exception(
    coalition: Coalition,
    *,
    year: int = 2020,
    insurer: str = "",
    insurance_kind: str = "basis_aanvullend",
    care_kind: str = "kraamzorg",
    effect: str = "contribution",
    **fields,
) -> InsurerException:
    return InsurerException.objects.create(
        coalition=coalition,
        year=year,
        insurer=insurer,
        insurance_kind=insurance_kind,
        care_kind=care_kind,
        effect=effect,
        source=fields.pop("source", "Testbron"),
        **fields,
    )


def make_compensation(
    coalition: Coalition,
    municipality: Municipality,
    *,
    kind: str = "bijzondere_bijstand",
    name: str = "Bijzondere bijstand Eerstedorp",
    care_kinds: list[str] | None = None,
    minima_only: bool = True,
    **fields,
) -> CompensationRoute:
    return CompensationRoute.objects.create(
        coalition=coalition,
        municipality=municipality,
        kind=kind,
        name=name,
        care_kinds=care_kinds or [],
        minima_only=minima_only,
        **fields,
    )


def make_business_case(
    coalition: Coalition,
    created_by,
    *,
    name: str = "Voorbeeldscenario",
    start_year: int = 2026,
    horizon_years: int = 5,
    interventions: list[dict] | None = None,
    **fields,
) -> BusinessCase:
    """A business case; `interventions` is a list of dicts with the intervention's fields and
    an optional "effects" list of dicts with the effect's fields and a "savings" list of
    (payer, amount) pairs."""
    case = BusinessCase.objects.create(
        coalition=coalition,
        name=name,
        start_year=start_year,
        horizon_years=horizon_years,
        created_by=created_by,
        **fields,
    )
    for values in interventions or []:
        values = dict(values)
        effects = values.pop("effects", [])
        intervention = BusinessCaseIntervention.objects.create(
            case=case, source=values.pop("source", "Testbron"), **values
        )
        for effect_values in effects:
            effect_values = dict(effect_values)
            savings = effect_values.pop("savings", [])
            effect = BusinessCaseEffect.objects.create(
                case=case,
                intervention=intervention,
                source=effect_values.pop("source", "Testbron"),
                **effect_values,
            )
            for payer, amount in savings:
                BusinessCaseSaving.objects.create(
                    effect=effect,
                    payer=payer,
                    amount_per_outcome=Decimal(amount),
                    source="Testbron",
                )
    return case
