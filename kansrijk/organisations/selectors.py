"""Reads of organisation data for the acting professional."""

from django.db.models import QuerySet

from .models import Coalition, Membership, Organisation, Professional


def memberships_of(professional: Professional) -> QuerySet[Membership]:
    """The professional's current memberships with what the header shows."""
    return (
        Membership.objects.current()
        .filter(professional=professional)
        .select_related("coalition", "organisation")
        .order_by("coalition__name", "organisation__name")
    )


def coalitions_of(professional: Professional) -> list[Coalition]:
    seen: dict[int, Coalition] = {}
    for membership in memberships_of(professional):
        seen.setdefault(membership.coalition_id, membership.coalition)
    return list(seen.values())


def organisations_of_coalition(coalition: Coalition) -> QuerySet[Organisation]:
    return coalition.organisations.all()
