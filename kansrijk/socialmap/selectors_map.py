"""Who may maintain the social map, and the reads of its maintenance pages.

The rules (issue 9), always within one coalition's map:

- a *coordinator* of the coalition (a current membership with the coordinator role) edits
  every provider (`Organization`) and service of the coalition's map, adds providers and
  manages the delegated editors;
- a *delegated editor* (`MapEditor`: a professional with a current membership in the
  coalition, delegated by a coordinator for one provider) edits that provider's details and
  its services, and adds services to it; not its link to a chain partner (that decides who
  receives referrals), not other providers, not the editors;
- everyone else maintains nothing (the pages answer 403). A provider or service of another
  coalition does not exist for the professional (404): pages fetch it through
  `map_organizations` / `map_services` of the active coalition first.

`map_rights(user, coalition)` decides once per request; `may_edit_service`,
`may_edit_organization` and `may_manage_map` are the same rules for one object, for other
parts of the social map (search results, API) to reuse.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from kansrijk.organisations.models import Coalition, Membership, Professional, Role

from .models import MapEditor, Organization, Service

# A service not checked for this many months is flagged (issue 9).
CHECK_MONTHS = 12


@dataclass(frozen=True)
class MapRights:
    """What one professional may maintain in one coalition's map."""

    coalition_id: int | None
    coordinator: bool = False
    organization_ids: frozenset = field(default_factory=frozenset)

    @property
    def may_maintain(self) -> bool:
        """May open the maintenance pages at all."""
        return self.coordinator or bool(self.organization_ids)

    def may_edit_organization(self, organization: Organization) -> bool:
        if self.coalition_id is None or organization.coalition_id != self.coalition_id:
            return False
        return self.coordinator or organization.pk in self.organization_ids

    def may_edit_service(self, service: Service) -> bool:
        if self.coalition_id is None or service.coalition_id != self.coalition_id:
            return False
        return self.coordinator or service.organization_id in self.organization_ids


def _is_member(user: Professional, coalition: Coalition, role: str) -> bool:
    return (
        Membership.objects.current()
        .with_role(role)
        .filter(professional=user, coalition=coalition)
        .exists()
    )


def _delegated_ids(user: Professional, coalition_id: int) -> frozenset:
    return frozenset(
        MapEditor.objects.filter(
            professional=user, organization__coalition_id=coalition_id
        ).values_list("organization_id", flat=True)
    )


def map_rights(user: Professional, coalition: Coalition | None, *, roles=None) -> MapRights:
    """The professional's rights on `coalition`'s map.

    `roles` are the professional's roles in the coalition when the caller has them already
    (a request's `request.active.roles`): then this costs one query (the delegations),
    otherwise up to three.
    """
    if coalition is None or not getattr(user, "is_authenticated", False):
        return MapRights(coalition_id=None)
    if roles is None:
        coordinator = _is_member(user, coalition, Role.COORDINATOR)
        professional = coordinator or _is_member(user, coalition, Role.PROFESSIONAL)
    else:
        coordinator = Role.COORDINATOR in roles
        professional = Role.PROFESSIONAL in roles
    # A delegation counts only while the editor works in the coalition as a professional.
    delegated = _delegated_ids(user, coalition.pk) if professional else frozenset()
    return MapRights(coalition_id=coalition.pk, coordinator=coordinator, organization_ids=delegated)


def request_map_rights(request) -> MapRights:
    """`map_rights` for the acting professional in the active coalition, once per request."""
    rights = getattr(request, "_map_rights", None)
    if rights is None:
        active = request.active
        rights = map_rights(request.user, active.coalition, roles=active.roles)
        request._map_rights = rights
    return rights


def may_manage_map(user: Professional, coalition: Coalition) -> bool:
    """Coordinators of the coalition: every provider and service, and the editors."""
    return map_rights(user, coalition).coordinator


def may_edit_organization(user: Professional, organization: Organization) -> bool:
    return map_rights(user, organization.coalition).may_edit_organization(organization)


def may_edit_service(user: Professional, service: Service) -> bool:
    return map_rights(user, service.coalition).may_edit_service(service)


# --- Reads of the maintenance pages ----------------------------------------------------------


def check_cutoff(today: date | None = None) -> date:
    """The day twelve months ago: a service last checked before it is flagged."""
    today = today or timezone.localdate()
    year, month = divmod(today.month - 1 - CHECK_MONTHS, 12)
    year, month = today.year + year, month + 1
    for day in (today.day, 30, 29, 28):
        try:
            return today.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def unchecked_condition(cutoff: date) -> Q:
    """Services never checked or checked before `cutoff`."""
    return Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff)


def map_organizations(coalition: Coalition) -> QuerySet[Organization]:
    """The coalition's providers; fetch single ones through this (another coalition: 404)."""
    return Organization.objects.filter(coalition=coalition)


def map_services(coalition: Coalition) -> QuerySet[Service]:
    """The coalition's services with their provider (for the page heading and the checks)."""
    return Service.objects.filter(coalition=coalition).select_related("organization")


def maintained_services(rights: MapRights, coalition: Coalition) -> QuerySet[Service]:
    """The services the professional maintains, with what an overview row shows: the provider
    and who checked it last are joined (one query per page however many rows)."""
    services = Service.objects.filter(coalition=coalition).select_related(
        "organization", "assured_by"
    )
    if not rights.coordinator:
        services = services.filter(organization_id__in=rights.organization_ids)
    return services


SERVICE_SORTS = {
    "naam": (F("name").asc(), F("organization__name").asc()),
    "gecontroleerd": (F("assured_date").asc(nulls_first=True), F("name").asc()),
}


def maintained_organizations(
    rights: MapRights, coalition: Coalition, cutoff: date
) -> QuerySet[Organization]:
    """The providers the professional maintains, with their number of services, flagged
    services and editors counted in the same query."""
    organizations = (
        Organization.objects.filter(coalition=coalition)
        .select_related("organisation")
        .annotate(
            service_count=Count("services", distinct=True),
            unchecked_count=Count(
                "services",
                filter=Q(services__assured_date__isnull=True)
                | Q(services__assured_date__lt=cutoff),
                distinct=True,
            ),
            editor_count=Count("editors", distinct=True),
        )
        .order_by("name")
    )
    if not rights.coordinator:
        organizations = organizations.filter(pk__in=rights.organization_ids)
    return organizations


def organization_editors(organization: Organization) -> QuerySet[MapEditor]:
    return organization.editors.select_related("professional", "granted_by").order_by(
        "professional__last_name", "professional__first_name"
    )


def delegable_professionals(coalition: Coalition) -> QuerySet[Professional]:
    """Professionals with a current professional membership in the coalition: who may be made
    an editor of one of its providers."""
    members = Membership.objects.current().with_role(Role.PROFESSIONAL).filter(coalition=coalition)
    return (
        Professional.objects.filter(pk__in=members.values("professional_id"))
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
