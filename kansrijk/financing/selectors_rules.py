"""Reads of the financing rules for the pages and the API. Rules are coalition data (no
family in them); who may read them is decided by the views (`views_rules.may_read_rules`)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from kansrijk.socialmap.vocabulary import CareKind

from .models import CompensationRoute, FinancingRule, FinancingYear, InsurerException


def money(amount: Decimal | None) -> str:
    """An amount the Dutch way: "€ 4,20", "€ 1.234,50"; empty for no amount."""
    if amount is None:
        return ""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def coalition_years(coalition_id: int) -> list[int]:
    """The years the coalition has figures, rules or exceptions for, newest first (one
    query)."""

    def years_of(model):
        return model.objects.filter(coalition_id=coalition_id).order_by().values_list("year")

    years = years_of(FinancingYear).union(years_of(FinancingRule), years_of(InsurerException))
    return sorted({year for (year,) in years}, reverse=True)


def rules_of_year(coalition_id: int, year: int) -> QuerySet[FinancingRule]:
    """The year's rules by kind of care; a service's rule with its service and provider
    (joined: one query however many rules)."""
    return (
        FinancingRule.objects.filter(coalition_id=coalition_id, year=year)
        .select_related("service__organization")
        .order_by("care_kind", "service__name", "id")
    )


def exceptions_of_year(coalition_id: int, year: int) -> QuerySet[InsurerException]:
    return InsurerException.objects.filter(coalition_id=coalition_id, year=year).order_by(
        "care_kind", "insurer", "insurance_kind", "id"
    )


def compensation_routes(coalition_id: int) -> QuerySet[CompensationRoute]:
    """The coalition's compensation routes, by municipality (joined)."""
    return (
        CompensationRoute.objects.filter(coalition_id=coalition_id)
        .select_related("municipality")
        .order_by("municipality__name", "kind", "name", "id")
    )


@dataclass
class RulesPage:
    years: list[int]
    year: int
    figures: FinancingYear | None
    rules: list[FinancingRule]
    exceptions: list[InsurerException]
    municipalities: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.years


def chosen_year(years: list[int], asked: str | None) -> int:
    """The year asked for (`?jaar=`), or else the latest year up to this year, or else the
    latest year, or else this year."""
    if asked and asked.isascii() and asked.isdigit() and 2000 <= int(asked) <= 2100:
        return int(asked)
    this_year = timezone.localdate().year
    past = [year for year in years if year <= this_year]
    if past:
        return past[0]
    return years[-1] if years else this_year


def care_kind_labels(codes) -> list[str]:
    labels = dict(CareKind.choices)
    return [str(labels.get(code, code)) for code in codes]


def rules_page(coalition_id: int, asked_year: str | None) -> RulesPage:
    """Everything the rules page shows, in five queries whatever the number of rules: the
    years, the year's figures, its rules (with services), its exceptions and the
    coalition's compensation routes (with municipality)."""
    years = coalition_years(coalition_id)
    year = chosen_year(years, asked_year)
    figures = FinancingYear.objects.filter(coalition_id=coalition_id, year=year).first()
    # In the order of `CareKind` (the 1000 days' order), a kind's service rules after it.
    order = {code: index for index, code in enumerate(CareKind.values)}
    rules = sorted(
        rules_of_year(coalition_id, year),
        key=lambda rule: (order.get(rule.care_kind, len(order)), rule.service_id is not None),
    )
    for rule in rules:
        rule.amount_display = money(rule.contribution_amount)
    exceptions = list(exceptions_of_year(coalition_id, year))
    for exception in exceptions:
        exception.amount_display = money(exception.max_amount)
    by_municipality: dict[int, dict] = {}
    for route in compensation_routes(coalition_id):
        route.care_kind_labels = care_kind_labels(route.care_kinds)
        entry = by_municipality.setdefault(
            route.municipality_id, {"municipality": route.municipality, "routes": []}
        )
        entry["routes"].append(route)
    page = RulesPage(
        years=years,
        year=year,
        figures=figures,
        rules=rules,
        exceptions=exceptions,
        municipalities=list(by_municipality.values()),
    )
    if figures is not None:
        figures.eigen_risico_display = money(figures.eigen_risico)
    return page
