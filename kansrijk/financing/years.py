"""Which year's figures apply: the figures of the year asked for, or else of the latest
earlier year that has figures (so that a coalition that has not yet entered this year's
figures still sees last year's, clearly labelled with their year). Used by the family view,
the kraamzorg calculator and the rules pages alike."""

from django.db.models import Max

from .models import FinancingRule, FinancingYear


def figures_year(coalition_id: int, year: int) -> int | None:
    """The year whose figures apply in `year` for the coalition, or None when it has none
    up to that year (two small indexed queries)."""
    candidates = [
        FinancingYear.objects.filter(coalition_id=coalition_id, year__lte=year).aggregate(
            latest=Max("year")
        )["latest"],
        FinancingRule.objects.filter(coalition_id=coalition_id, year__lte=year).aggregate(
            latest=Max("year")
        )["latest"],
    ]
    known = [candidate for candidate in candidates if candidate is not None]
    return max(known) if known else None
