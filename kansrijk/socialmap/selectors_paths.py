"""Reads of care paths: the coalition's list, one path with its steps and services, and the
paths and services that fit a family's needs in its municipality.

Care paths are coalition data, not family data: every professional and coordinator of the
coalition may read them (the views check the role). The suggestions for a family are read
only for a family the file page already fetched through the access policy.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch
from django.utils.http import urlencode

from kansrijk.care.needs import Need, family_route_subquery
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import IdsSlot, InIds, Slot
from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader, read_now, side_by_side

from .models import (
    CarePath,
    CarePathRoute,
    CarePathStep,
    CarePathStepService,
    MunicipalityAccess,
    Service,
    ServiceStatus,
)
from .vocabulary import AccessRoute


def coalition_paths(coalition_id: int) -> QuerySet[CarePath]:
    """The coalition's care paths by need, route and name, with their number of steps (one
    query: the count is an aggregate in the same query)."""
    return (
        CarePath.objects.filter(coalition_id=coalition_id)
        .annotate(step_count=Count("steps"))
        .order_by("need", "route", "name", "pk")
    )


def _step_services() -> QuerySet[CarePathStepService]:
    return CarePathStepService.objects.select_related(
        "service__organization", "municipality"
    ).order_by("municipality__name", "service__name", "pk")


def path_with_steps(path: CarePath) -> CarePath:
    """`path` with its steps in order and each step's services (two queries: steps, and the
    services with their provider and municipality in one join)."""
    prefetch_related_objects(
        [path],
        Prefetch(
            "steps",
            queryset=CarePathStep.objects.order_by("position").prefetch_related(
                Prefetch("services", queryset=_step_services())
            ),
        ),
    )
    return path


def active_services(coalition_id: int) -> QuerySet[Service]:
    """The coalition's active services to choose from for a step, by name, with provider."""
    return (
        Service.objects.filter(coalition_id=coalition_id, status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .order_by("name", "pk")
    )


# --- Suggestions on the family file ---------------------------------------------------------


def service_url(service_pk, municipality_id: int | None) -> str:
    """The service page, for the family's municipality; "" while that page does not exist
    yet (it belongs to the search part of the social map)."""
    try:
        url = reverse("socialmap:service", args=[service_pk])
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode({'municipality': municipality_id})}" if municipality_id else url


def search_url(need: str = "", municipality_id: int | None = None) -> str:
    """The social map's search, filtered on a need and municipality; "" while it is missing."""
    try:
        url = reverse("socialmap:search")
    except NoReverseMatch:
        return ""
    pairs = (("need", need), ("municipality", municipality_id))
    query = {key: value for key, value in pairs if value}
    return f"{url}?{urlencode(query)}" if query else url


@dataclass
class StepOption:
    """A service for one step in the family's municipality."""

    service: Service
    alternative: bool  # the municipality's own alternative rather than the general service
    access: MunicipalityAccess | None
    url: str

    @property
    def available(self) -> bool:
        return self.access is None or self.access.route != AccessRoute.NOT_AVAILABLE

    @property
    def access_label(self) -> str:
        return self.access.get_route_display() if self.access is not None else ""


@dataclass
class StepSuggestion:
    step: CarePathStep
    options: list[StepOption] = field(default_factory=list)


@dataclass
class PathSuggestion:
    path: CarePath
    steps: list[StepSuggestion] = field(default_factory=list)

    @property
    def route_label(self) -> str:
        return CarePathRoute(self.path.route).label


@dataclass
class NeedSuggestion:
    need: str
    reasons: list[str]
    paths: list[PathSuggestion]
    search_url: str

    @property
    def label(self) -> str:
        return Need(self.need).label


def _options(links: list[CarePathStepService], municipality_id: int | None) -> list[StepOption]:
    """The municipality's alternatives when the step has any, else its general services.

    `links` are the step's links to active services (general or this municipality's), each
    with its service's access in the family's municipality joined (`access_here`, None when
    the municipality has not said). A service that is not available there stays in the
    list, marked, so the professional sees why the path has a gap.
    """
    own = [link for link in links if municipality_id and link.municipality_id == municipality_id]
    chosen = own or [link for link in links if link.municipality_id is None]
    return [
        StepOption(
            service=link.service,
            alternative=bool(own),
            # Set only when the municipality has said (Django's join of a filtered relation).
            access=getattr(link, "access_here", None),
            url=service_url(link.service_id, municipality_id),
        )
        for link in chosen
    ]


def _fits_route(family_pk, prefix: str = "") -> Q:
    """Paths for any route or for the family's current route (every route without one)."""
    route = family_route_subquery(family_pk)
    if route is None:
        return Q()
    return Q(**{f"{prefix}route": CarePathRoute.ANY}) | Q(
        **{f"{prefix}route": Coalesce(Subquery(route), F(f"{prefix}route"))}
    )


def _wanted(prefix: str) -> Q:
    """The coalition's active paths for the needs, fitting the family's route (`prefix`
    leads from the model read to its care path). Slots: coalition, needs, family."""
    return Q(
        InIds(f"{prefix}need", IdsSlot("needs")),
        _fits_route(Slot("family"), prefix),
        **{f"{prefix}coalition_id": Slot("coalition"), f"{prefix}is_active": True},
    )


# The three queries of `family_suggestions`, compiled once (`CompiledQuery`): the family file
# reads them on every visit.
_PATHS = CompiledQuery(lambda: CarePath.objects.filter(_wanted("")).order_by("route", "name", "pk"))
_STEPS = CompiledQuery(
    lambda: CarePathStep.objects.filter(_wanted("care_path__")).order_by("care_path_id", "position")
)
_LINKS = CompiledQuery(
    lambda: (
        CarePathStepService.objects.filter(
            _wanted("step__care_path__"), service__status=ServiceStatus.ACTIVE
        )
        .filter(Q(municipality__isnull=True) | Q(municipality_id=Slot("municipality")))
        # The service's access in the family's municipality (at most one: unique per
        # service and municipality), joined rather than read apart.
        .annotate(
            access_here=FilteredRelation(
                "service__municipality_access",
                condition=Q(service__municipality_access__municipality_id=Slot("municipality")),
            )
        )
        .select_related("service__organization", "access_here")
        .order_by("service__name", "pk")
    )
)


def family_suggestions(family, needs: dict[str, list[str]]) -> list[NeedSuggestion]:
    """For each need, the coalition's active care paths for it, with each step's services in
    the family's municipality (`family_suggestions_reads`)."""
    return read_now(family_suggestions_reads(family, needs))


def family_suggestions_reads(family, needs: dict[str, list[str]]) -> Reader:
    """A reader (`kansrijk.core.together`) of `family_suggestions`.

    Three queries in one round trip, whatever the number of paths, steps and services and
    whether the family has needs at all (the file page costs the same for every family): the
    paths, their steps, and the steps' active services (general ones and the family's
    municipality's alternatives) with their provider and their access in the family's
    municipality joined. Each filters on the paths by join, not on a list of ids, so none
    depends on what an earlier one found. Without needs they run on a need no path has ("").

    Paths for any route and for the family's current route are shown; before a route is
    chosen, paths of every route (each says its route). The route is `signaling`'s, read as
    a subquery inside the same queries (`kansrijk.care.needs.family_route_subquery`).
    """
    municipality_id = family.municipality_id
    values = {
        "coalition": family.coalition_id,
        "needs": list(needs) or [""],
        "family": family.pk,
        "municipality": municipality_id,
    }
    paths, steps, links = yield from side_by_side(
        query.reads(**values) for query in (_PATHS, _STEPS, _LINKS)
    )
    links_of: dict[int, list[CarePathStepService]] = {}
    for link in links:
        links_of.setdefault(link.step_id, []).append(link)
    steps_of: dict[int, list[StepSuggestion]] = {}
    for step in steps:
        options = _options(links_of.get(step.pk, []), municipality_id)
        steps_of.setdefault(step.care_path_id, []).append(StepSuggestion(step, options))
    by_need: dict[str, list[PathSuggestion]] = {}
    for path in paths:
        by_need.setdefault(path.need, []).append(PathSuggestion(path, steps_of.get(path.pk, [])))
    return [
        NeedSuggestion(
            need=need,
            reasons=reasons,
            paths=by_need.get(need, []),
            search_url=search_url(need, municipality_id),
        )
        for need, reasons in needs.items()
    ]
