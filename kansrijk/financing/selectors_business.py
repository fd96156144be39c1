"""Reads of business cases (coalition data, no family data): always for one coalition, with
the interventions, effects and savings prefetched so that computing the result costs no
query per row.

A case of another coalition is "not found" (None here, 404 on the pages and in the API)."""

from django.db.models import Prefetch, QuerySet

from .business_case import Result, case_input, compute, compute_all
from .models import BusinessCase, BusinessCaseEffect, BusinessCaseIntervention


def _with_rows(queryset: QuerySet) -> QuerySet:
    """Three extra queries whatever the number of cases and rows: interventions, their
    effects, and the effects' savings."""
    return queryset.prefetch_related(
        Prefetch(
            "interventions",
            queryset=BusinessCaseIntervention.objects.order_by("id").prefetch_related(
                Prefetch(
                    "effects",
                    queryset=BusinessCaseEffect.objects.order_by("id").prefetch_related("savings"),
                )
            ),
        )
    )


def coalition_cases(coalition_id: int) -> list[BusinessCase]:
    """The coalition's cases by name, each with `result` (the base estimate) for the list
    (four queries)."""
    cases = list(
        _with_rows(BusinessCase.objects.filter(coalition_id=coalition_id).order_by("name", "id"))
    )
    for case in cases:
        case.result = compute(case_input(case))
    return cases


def coalition_case(coalition_id: int, pk: int) -> BusinessCase | None:
    """One case of the coalition with its rows (four queries), or None."""
    return _with_rows(
        BusinessCase.objects.filter(coalition_id=coalition_id, pk=pk).select_related(
            "updated_by", "created_by"
        )
    ).first()


def cases_for_comparison(coalition_id: int, ids: list[int]) -> list[BusinessCase]:
    """The chosen cases of the coalition (others are ignored), in the order asked, each with
    `results` for the three estimates."""
    found = {
        case.pk: case
        for case in _with_rows(BusinessCase.objects.filter(coalition_id=coalition_id, pk__in=ids))
    }
    cases = [found[pk] for pk in dict.fromkeys(ids) if pk in found]
    for case in cases:
        case.results = compute_all(case_input(case))
    return cases


def coalition_case_names(coalition_id: int) -> list[BusinessCase]:
    """The coalition's scenarios by name, without their rows (one query): the comparison's
    choices."""
    return list(
        BusinessCase.objects.filter(coalition_id=coalition_id)
        .order_by("name", "id")
        .only("id", "name", "is_example")
    )


def case_result(case: BusinessCase, estimate: str) -> Result:
    return compute(case_input(case), estimate)


def case_rows(case: BusinessCase) -> list[BusinessCaseIntervention]:
    """The prefetched interventions, each with its effects and their savings."""
    return list(case.interventions.all())
