"""Reads for the social map's maintenance and care-path API (`api_maintenance`, `api_paths`).

The API has no session with an active coalition: the caller's rights are computed for every
coalition they work in at once (`map_rights_by_coalition`, the rules of `selectors_map`),
and an object is looked up among the caller's coalitions only, so that one of another
coalition does not exist for them (404).
"""

from collections import defaultdict

from django.db.models import Q, QuerySet

from kansrijk.organisations.models import Coalition, Membership, Municipality, Organisation

from .models import (
    CarePath,
    CarePathStepService,
    MapEditor,
    MunicipalityAccess,
    Organization,
    Service,
)
from .selectors_map import MapRights, unchecked_condition
from .terms import service_terms


def map_rights_by_coalition(user) -> dict[int, MapRights]:
    """The caller's rights on the map of every coalition where they see it (as professional,
    coordinator or analyst): the same rules as `selectors_map.map_rights`, in two queries."""
    rows = (
        Membership.objects.current()
        .filter(professional=user)
        .filter(Q(is_professional=True) | Q(is_coordinator=True) | Q(is_analyst=True))
        .values_list("coalition_id", "is_coordinator", "is_professional")
    )
    seen, coordinating, professional = set(), set(), set()
    for coalition_id, is_coordinator, is_professional in rows:
        seen.add(coalition_id)
        if is_coordinator:
            coordinating.add(coalition_id)
        if is_coordinator or is_professional:
            professional.add(coalition_id)
    # A delegation counts only while the editor works in the coalition as a professional.
    delegated = defaultdict(set)
    for coalition_id, organization_id in MapEditor.objects.filter(
        professional=user, organization__coalition_id__in=professional
    ).values_list("organization__coalition_id", "organization_id"):
        delegated[coalition_id].add(organization_id)
    return {
        coalition_id: MapRights(
            coalition_id=coalition_id,
            coordinator=coalition_id in coordinating,
            organization_ids=frozenset(delegated[coalition_id]),
        )
        for coalition_id in seen
    }


def path_roles_by_coalition(user) -> tuple[set[int], set[int]]:
    """The coalitions where `user` reads care paths (professional or coordinator) and where
    they change them (coordinator), in one query."""
    rows = (
        Membership.objects.current()
        .filter(professional=user)
        .filter(Q(is_professional=True) | Q(is_coordinator=True))
        .values_list("coalition_id", "is_coordinator")
    )
    readers, coordinators = set(), set()
    for coalition_id, is_coordinator in rows:
        readers.add(coalition_id)
        if is_coordinator:
            coordinators.add(coalition_id)
    return readers, coordinators


def coalition(pk: int) -> Coalition:
    return Coalition.objects.get(pk=pk)


def organization_in(coalition_ids, pk) -> Organization | None:
    return (
        Organization.objects.filter(pk=pk, coalition_id__in=coalition_ids)
        .select_related("coalition", "organisation")
        .first()
    )


def service_in(coalition_ids, pk) -> Service | None:
    return (
        Service.objects.filter(pk=pk, coalition_id__in=coalition_ids)
        .select_related("organization", "coalition")
        .first()
    )


def editor_of(organization: Organization, editor_pk: int) -> MapEditor | None:
    return (
        MapEditor.objects.select_related("professional", "organization")
        .filter(pk=editor_pk, organization=organization)
        .first()
    )


def chain_partners(coalition_obj: Coalition) -> QuerySet[Organisation]:
    """The coalition's active chain partners a provider may be linked to (as on the page)."""
    return coalition_obj.organisations.filter(is_active=True).order_by("name")


def search_services(services: QuerySet[Service], text: str) -> QuerySet[Service]:
    """Every word must occur in the service's name, other name or provider (as the page)."""
    for word in text.split():
        services = services.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return services


def only_unchecked(services: QuerySet[Service], cutoff) -> QuerySet[Service]:
    return services.filter(unchecked_condition(cutoff))


def path_in(coalition_ids, pk: int) -> CarePath | None:
    return (
        CarePath.objects.select_related("coalition", "updated_by")
        .filter(pk=pk, coalition_id__in=coalition_ids)
        .first()
    )


def step_link(path: CarePath, step_pk: int, link_pk: int) -> CarePathStepService | None:
    return (
        CarePathStepService.objects.select_related("step", "service", "municipality")
        .filter(pk=link_pk, step_id=step_pk, step__care_path=path)
        .first()
    )


def service_details(service: Service) -> tuple[dict, list[str], str, list]:
    """What the edit form shows besides the service's own fields: its terms, languages,
    first phone number and access per municipality (four queries)."""
    terms = service_terms([service.pk])[service.pk]
    languages = list(service.languages.order_by("code").values_list("code", flat=True))
    phone = service.phones.order_by("pk").values_list("number", flat=True).first() or ""
    access = list(
        MunicipalityAccess.objects.filter(service=service)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    return terms, languages, phone, access


def coalition_municipalities(coalition_id: int) -> list[Municipality]:
    return list(Municipality.objects.filter(coalition_id=coalition_id).order_by("name"))
