"""Reads of the regional landscape: the region's partnerships and coalitions with the
municipalities they cover, the municipalities' central reporting points, and the comparison
of the municipalities within one VSV.

Nothing here is personal data: partnerships, the social map and the financing rules are
coalition or regional data. The views decide who may read (coordinators and analysts).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.financing import who_pays
from kansrijk.financing.models import FinancingRule
from kansrijk.organisations.models import Coalition, Municipality, Organisation, Region
from kansrijk.socialmap.models import MunicipalityAccess, Service, ServiceStatus
from kansrijk.socialmap.terms import service_terms
from kansrijk.socialmap.vocabulary import AccessRoute, OwnCost, Phase

from .models import CentralPoint, Partnership, PartnershipKind

# A service that is no longer offered is left out of the comparison.
GONE = (ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT)


def region_partnerships(region: Region):
    """The region's partnerships with their municipalities and organisations (three
    queries: the partnerships, and one prefetch each)."""
    return (
        Partnership.objects.filter(region=region)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        )
        # VSV, KSV, ROS, JGZ, other: the order of the choices, not of the codes.
        .annotate(
            kind_order=Case(
                *(When(kind=code, then=Value(i)) for i, code in enumerate(PartnershipKind.values)),
                output_field=IntegerField(),
            )
        )
        .order_by("kind_order", "name")
    )


def region_municipalities(region: Region) -> list[Municipality]:
    """The municipalities of the region's coalitions, by coalition and name (one query)."""
    return list(
        Municipality.objects.filter(coalition__region=region)
        .select_related("coalition")
        .order_by("coalition__name", "name")
    )


def region_organisations(region: Region) -> list[Organisation]:
    """The chain partners working in one of the region's coalitions (one query)."""
    return list(
        Organisation.objects.filter(coalitions__region=region, is_active=True)
        .distinct()
        .order_by("name")
    )


@dataclass
class CoverageCell:
    kind: str
    partnerships: list = field(default_factory=list)

    @property
    def hole(self) -> bool:
        return not self.partnerships

    @property
    def overlap(self) -> bool:
        return len(self.partnerships) > 1


@dataclass
class CoverageRow:
    municipality: Municipality
    cells: list[CoverageCell]
    central_point: CentralPoint | None = None
    own: bool = False  # a municipality of the active coalition

    @property
    def holes(self) -> int:
        return sum(1 for cell in self.cells if cell.hole and cell.kind != PartnershipKind.OTHER)


@dataclass
class Landscape:
    region: Region
    partnerships: list[Partnership]
    coalitions: list[Coalition]
    kinds: list[tuple[str, str]]
    rows: list[CoverageRow]


def landscape(region: Region, own_coalition_id: int | None = None) -> Landscape:
    """The region's partnerships, its coalitions with their municipalities, and a row per
    municipality with the partnerships of each kind that cover it (a hole: none; an overlap:
    more than one) and its central reporting point. Six queries, whatever the number of
    partnerships and municipalities."""
    partnerships = list(region_partnerships(region))
    municipalities = region_municipalities(region)
    points = {
        point.municipality_id: point
        for point in CentralPoint.objects.filter(municipality__in=[m.pk for m in municipalities])
    }
    covering: dict[tuple[int, str], list[Partnership]] = defaultdict(list)
    for partnership in partnerships:
        for municipality in partnership.municipalities.all():
            covering[(municipality.pk, partnership.kind)].append(partnership)
    kinds = list(PartnershipKind.choices)
    rows = [
        CoverageRow(
            municipality=municipality,
            cells=[
                CoverageCell(kind, covering.get((municipality.pk, kind), [])) for kind, _l in kinds
            ],
            central_point=points.get(municipality.pk),
            own=municipality.coalition_id == own_coalition_id,
        )
        for municipality in municipalities
    ]
    coalitions: dict[int, Coalition] = {}
    for municipality in municipalities:
        coalition = coalitions.setdefault(municipality.coalition_id, municipality.coalition)
        coalition.covered = [*getattr(coalition, "covered", []), municipality]
    return Landscape(
        region=region,
        partnerships=partnerships,
        coalitions=list(coalitions.values()),
        kinds=kinds,
        rows=rows,
    )


# --- The comparison within one VSV --------------------------------------------------------------


DIFF_LABELS = {
    "available": lambda: _("beschikbaarheid"),
    "route": lambda: _("toegang"),
    "waiting_weeks": lambda: _("wachttijd"),
    "financing": lambda: _("wie betaalt"),
    "own_costs": lambda: _("eigen kosten"),
}


@dataclass
class CompareCell:
    municipality: Municipality
    on_map: bool  # the municipality's coalition has this service on its map
    available: bool | None  # None: not known
    route: str
    route_label: str
    central_point: str = ""
    conditions: str = ""
    waiting_weeks: int | None = None
    financing: str = ""
    own_costs: str = ""
    differs: set = field(default_factory=set)

    @property
    def availability_label(self) -> str:
        if not self.on_map:
            return _("Niet op de sociale kaart")
        if self.available is None:
            return _("Niet bekend")
        return _("Beschikbaar") if self.available else _("Niet beschikbaar")


@dataclass
class CompareRow:
    name: str
    provider: str
    phases: list[str]
    cells: list[CompareCell]
    differs: set = field(default_factory=set)

    @property
    def differs_labels(self) -> list[str]:
        return [str(label()) for name, label in DIFF_LABELS.items() if name in self.differs]


@dataclass
class CompareGroup:
    phase: str
    label: str
    rows: list[CompareRow]


@dataclass
class Comparison:
    partnership: Partnership
    municipalities: list[Municipality]
    groups: list[CompareGroup]
    financing_year: dict[int, int | None]

    @property
    def service_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def differing(self) -> int:
        return sum(1 for group in self.groups for row in group.rows if row.differs)


def _financing_contexts(coalition_ids, year: int) -> dict[int, who_pays.FinancingContext]:
    """Per coalition its financing rules of the latest year up to `year` (one query), as the
    pure `who_pays` resolution takes them; the family-specific parts (insurer exceptions,
    compensation routes) are left out: the comparison has no family."""
    by_coalition: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for rule in FinancingRule.objects.filter(coalition_id__in=coalition_ids, year__lte=year):
        by_coalition[rule.coalition_id][rule.year].append(rule)
    contexts = {}
    for coalition_id in coalition_ids:
        years = by_coalition.get(coalition_id) or {}
        latest = max(years) if years else None
        kinds, services = {}, {}
        for rule in years.get(latest, []):
            resolved = who_pays.Rule.from_model(rule)
            if rule.service_id is None:
                kinds[rule.care_kind] = resolved
            else:
                services[rule.service_id] = resolved
        contexts[coalition_id] = who_pays.FinancingContext(
            year=year, figures_year=latest, rules_by_kind=kinds, rules_by_service=services
        )
    return contexts


def _financing_text(service: Service, terms: dict, context) -> tuple[str, str]:
    """(who pays, the family's own costs) in a few words: the coalition's rule for the
    service or its kind of care when there is one, else the service's own terms."""
    care_kinds = terms.get("care_kinds") or []
    item = who_pays.Item(
        what=service.name,
        source=who_pays.ItemSource.REFERRAL,
        care_kind=care_kinds[0] if care_kinds else None,
        service_id=service.pk,
        map_terms=terms,
    )
    resolution = who_pays.resolve_item(item, context, who_pays.FamilyProfile())
    if resolution.basis == who_pays.Basis.UNKNOWN:
        return _("Niet bekend"), _("Niet bekend")
    payer = f"{resolution.payer_label} ({resolution.law_label})"
    if resolution.basis == who_pays.Basis.RULE:
        payer = _("%(payer)s, volgens de regel van de coalitie") % {"payer": payer}
    own = [code for code in terms.get("own_costs", []) if code != OwnCost.NONE]
    if resolution.basis == who_pays.Basis.MAP and own:
        return payer, ", ".join(str(OwnCost(code).label) for code in own)
    return payer, resolution.cost_text


def _key(service: Service) -> tuple[str, str]:
    # The same offer on the maps of two coalitions (same provider and service name) is one
    # row, so that the municipalities of both can be compared.
    return (service.organization.name.strip().casefold(), service.name.strip().casefold())


COMPARED = ("available", "route", "waiting_weeks", "financing", "own_costs")


def vsv_comparison(partnership: Partnership, *, today=None) -> Comparison:
    """The municipalities the VSV covers side by side, per service of the social maps of their
    coalitions, grouped by the service's first phase: available or not, the access route (the
    central reporting point instead when it is the route for all services), waiting weeks,
    and who pays; what differs between the municipalities is marked per row and per cell.
    Seven queries whatever the number of services: the municipalities, the services with
    their providers, their terms, their access rows, the central points, the financing
    rules."""
    today = today or timezone.localdate()
    municipalities = list(partnership.municipalities.select_related("coalition").order_by("name"))
    coalition_ids = sorted({m.coalition_id for m in municipalities})
    services = list(
        Service.objects.filter(coalition_id__in=coalition_ids)
        .exclude(status__in=GONE)
        .select_related("organization")
        .order_by("name", "id")
    )
    terms = service_terms([s.pk for s in services])
    access = {
        (row.service_id, row.municipality_id): row
        for row in MunicipalityAccess.objects.filter(
            service_id__in=[s.pk for s in services], municipality__in=municipalities
        )
    }
    points = {
        point.municipality_id: point
        for point in CentralPoint.objects.filter(municipality__in=municipalities)
    }
    contexts = _financing_contexts(coalition_ids, today.year)

    rows: dict[tuple[str, str], dict[int, Service]] = {}
    for service in services:
        rows.setdefault(_key(service), {}).setdefault(service.coalition_id, service)

    groups: dict[str, list[CompareRow]] = defaultdict(list)
    for by_coalition in rows.values():
        first = next(iter(by_coalition.values()))
        phases = sorted(
            {code for s in by_coalition.values() for code in terms[s.pk]["phases"]},
            key=lambda code: Phase.values.index(code) if code in Phase.values else 99,
        )
        cells = []
        for municipality in municipalities:
            service = by_coalition.get(municipality.coalition_id)
            cells.append(_cell(municipality, service, terms, access, points, contexts))
        row = CompareRow(
            name=first.name,
            provider=first.organization.name,
            phases=[str(Phase(code).label) for code in phases if code in Phase.values],
            cells=cells,
        )
        for name in COMPARED:
            values = {getattr(cell, name) for cell in cells}
            if len(values) > 1:
                row.differs.add(name)
                for cell in cells:
                    cell.differs.add(name)
        groups[phases[0] if phases else ""].append(row)

    ordered = [
        CompareGroup(code, str(label), groups[code])
        for code, label in Phase.choices
        if code in groups
    ]
    if "" in groups:
        ordered.append(CompareGroup("", _("Zonder fase"), groups[""]))
    return Comparison(
        partnership=partnership,
        municipalities=municipalities,
        groups=ordered,
        financing_year={cid: ctx.figures_year for cid, ctx in contexts.items()},
    )


def _cell(municipality, service, terms, access, points, contexts) -> CompareCell:
    if service is None:
        return CompareCell(
            municipality=municipality,
            on_map=False,
            available=False,
            route=AccessRoute.NOT_AVAILABLE,
            route_label=_("Niet op de sociale kaart van %(coalition)s")
            % {"coalition": municipality.coalition.name},
        )
    row = access.get((service.pk, municipality.pk))
    point = points.get(municipality.pk)
    route = row.route if row is not None else ""
    available = None if row is None else route != AccessRoute.NOT_AVAILABLE
    route_label = str(AccessRoute(route).label) if route else _("Niet bekend")
    central = ""
    if (
        point is not None
        and available is not False
        and (point.for_all_services or route == AccessRoute.CENTRAL_POINT)
    ):
        # The central reporting point is the way in for all of the municipality's services
        # (or this service's own access says so): it replaces the service's own route.
        route = AccessRoute.CENTRAL_POINT
        route_label = str(AccessRoute.CENTRAL_POINT.label)
        central = point.name
    service_terms_ = terms[service.pk]
    financing, own_costs = _financing_text(service, service_terms_, contexts[service.coalition_id])
    return CompareCell(
        municipality=municipality,
        on_map=True,
        available=available,
        route=route,
        route_label=route_label,
        central_point=central,
        conditions=row.conditions if row is not None else "",
        waiting_weeks=row.waiting_weeks if row is not None else None,
        financing=financing,
        own_costs=own_costs,
    )
