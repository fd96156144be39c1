"""The klantroute of one coalition and target group, built from plain facts (no queries).

Columns are the phases of the 1000 days (`Phase`, preconception → toddler), rows the needs
(`Need`). A cell lists the coalition's active services that carry the cell's phase and need and
serve the target group (a service without target groups serves every group), each with how a
family in every municipality gets in, who pays and its evidence level.

A cell is a gap (leemte) for a municipality when, in plain words:

- no service: the cell is empty (in every municipality);
- not available: the cell has services, but none of them can be reached from the
  municipality (its access says "niet beschikbaar", or the map has no access row for it);
- only with a waiting list or own costs: every service that can be reached from the
  municipality has a waiting list there or costs the family money (eigen risico, eigen
  bijdrage);
- no evidence-rated intervention: none of the services that can be reached from the
  municipality is rated effective or well-founded (Databank Effectieve Jeugdinterventies).

A municipality's central reporting point (`CentralPoint`) that is the access route for all
of its services replaces each reachable service's own route by "via het centrale meldpunt";
a service that is not available there stays not available.

Referral counts (`usage`) are per service; a cell's usage is the sum over its services (a
service in more than one cell counts in each), suppressed as the monitoring suppresses a share:
completed out of referred, every count under 10 "<10", and a count that would give a small
one away by subtraction hidden too.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.utils.translation import gettext as _

from kansrijk.care.needs import Need
from kansrijk.monitoring.indicators import Cell as FigureCell
from kansrijk.monitoring.suppression import NOT_SHOWN, Shown, suppress
from kansrijk.socialmap.vocabulary import AccessRoute, Evidence, OwnCost, Payer, Phase

RATED_EVIDENCE = frozenset({Evidence.STRONG, Evidence.GOOD, Evidence.FIRST, Evidence.WELL_FOUNDED})
OWN_COSTS = frozenset({OwnCost.EIGEN_RISICO, OwnCost.OWN_CONTRIBUTION})

# Gap kinds, in the order a cell shows them.
NO_SERVICE = "no_service"
NOT_AVAILABLE = "not_available"
ONLY_BARRIERS = "only_barriers"
NO_EVIDENCE = "no_evidence"
GAP_KINDS = (NO_SERVICE, NOT_AVAILABLE, ONLY_BARRIERS, NO_EVIDENCE)


def gap_label(kind: str) -> str:
    return {
        NO_SERVICE: _("Geen aanbod"),
        NOT_AVAILABLE: _("Niet beschikbaar"),
        ONLY_BARRIERS: _("Alleen met wachtlijst of eigen kosten"),
        NO_EVIDENCE: _("Geen erkende interventie"),
    }[kind]


# --- The facts the grid is built from -----------------------------------------------------------


@dataclass(frozen=True)
class ServiceFacts:
    id: UUID
    name: str
    provider: str
    phases: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    payers: tuple[str, ...] = ()
    own_costs: tuple[str, ...] = ()

    def serves(self, target_group: str) -> bool:
        return not self.target_groups or target_group in self.target_groups

    @property
    def evidence_rated(self) -> bool:
        return any(code in RATED_EVIDENCE for code in self.evidence)

    @property
    def has_own_costs(self) -> bool:
        return any(code in OWN_COSTS for code in self.own_costs)


@dataclass(frozen=True)
class AccessFacts:
    route: str
    waiting_weeks: int | None = None
    conditions: str = ""


@dataclass(frozen=True)
class CentralPointFacts:
    name: str
    for_all_services: bool = True


@dataclass(frozen=True)
class MunicipalityFacts:
    id: int
    name: str


@dataclass(frozen=True)
class AgreementFacts:
    id: int
    phase: str
    need: str
    municipality_id: int | None
    municipality_name: str
    what: str
    who: str
    due_date: date
    status: str
    status_label: str


# --- The grid ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """How a family in one municipality gets into one service."""

    municipality: MunicipalityFacts
    available: bool
    route: str  # AccessRoute code, "" without an access row
    route_label: str
    waiting_weeks: int | None
    conditions: str
    central_point: str = ""  # the central point's name where it replaces the route

    @property
    def waiting_list(self) -> bool:
        return bool(self.waiting_weeks)


@dataclass(frozen=True)
class CellService:
    facts: ServiceFacts
    offers: tuple[Offer, ...]

    @property
    def id(self) -> UUID:
        return self.facts.id

    @property
    def name(self) -> str:
        return self.facts.name

    @property
    def provider(self) -> str:
        return self.facts.provider

    @property
    def evidence(self) -> str:
        """The best evidence level (not assessed without one)."""
        for code in Evidence.values:
            if code in self.facts.evidence:
                return code
        return Evidence.NOT_ASSESSED

    @property
    def evidence_label(self) -> str:
        return str(Evidence(self.evidence).label)

    @property
    def evidence_rated(self) -> bool:
        return self.facts.evidence_rated

    @property
    def payer_labels(self) -> list[str]:
        return [str(Payer(code).label) for code in self.facts.payers if code in Payer.values]

    @property
    def own_cost_labels(self) -> list[str]:
        return [str(OwnCost(code).label) for code in self.facts.own_costs if code in OwnCost.values]

    @property
    def has_own_costs(self) -> bool:
        return self.facts.has_own_costs


@dataclass(frozen=True)
class Gap:
    kind: str
    municipality: MunicipalityFacts | None  # None: the whole coalition (no service at all)

    @property
    def label(self) -> str:
        return gap_label(self.kind)

    @property
    def text(self) -> str:
        if self.municipality is None:
            return _("Leemte: %(what)s") % {"what": self.label.lower()}
        return _("Leemte in %(where)s: %(what)s") % {
            "where": self.municipality.name,
            "what": self.label.lower(),
        }


@dataclass(frozen=True)
class MunicipalityStatus:
    """The cell as seen from one municipality: what can be reached and what is missing."""

    municipality: MunicipalityFacts
    available: int
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Usage:
    referred: Shown
    completed: Shown
    share: Shown

    @property
    def suppressed(self) -> bool:
        return self.referred.suppressed or self.completed.suppressed


@dataclass(frozen=True)
class AgreementView:
    facts: AgreementFacts
    overdue: bool


@dataclass(frozen=True)
class GridCell:
    phase: str
    need: str
    services: tuple[CellService, ...]
    statuses: tuple[MunicipalityStatus, ...]
    usage: Usage
    agreements: tuple[AgreementView, ...]
    no_service: bool

    @property
    def gaps(self) -> list[Gap]:
        if self.no_service:
            return [Gap(NO_SERVICE, None)]
        return [gap for status in self.statuses for gap in status.gaps]

    @property
    def is_gap(self) -> bool:
        return bool(self.gaps)

    @property
    def gap_municipalities(self) -> list[MunicipalityStatus]:
        return [status for status in self.statuses if status.gaps]

    @property
    def key(self) -> str:
        return f"{self.phase}-{self.need}"


@dataclass(frozen=True)
class GridRow:
    need: str
    label: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class Grid:
    target_group: str
    municipalities: tuple[MunicipalityFacts, ...]
    phases: tuple[tuple[str, str], ...]
    rows: tuple[GridRow, ...]
    service_count: int

    def cells(self) -> Iterable[GridCell]:
        for row in self.rows:
            yield from row.cells

    def cell(self, phase: str, need: str) -> GridCell:
        return next(c for c in self.cells() if c.phase == phase and c.need == need)

    @property
    def gap_count(self) -> int:
        return sum(1 for cell in self.cells() if cell.is_gap)


# --- Building it ---------------------------------------------------------------------------------


def _offer(
    municipality: MunicipalityFacts,
    access: AccessFacts | None,
    central_point: CentralPointFacts | None,
) -> Offer:
    if access is None or access.route == AccessRoute.NOT_AVAILABLE:
        return Offer(
            municipality=municipality,
            available=False,
            route=access.route if access else "",
            route_label=str(AccessRoute.NOT_AVAILABLE.label),
            waiting_weeks=None,
            conditions=access.conditions if access else "",
        )
    via = ""
    if central_point is not None and (
        central_point.for_all_services or access.route == AccessRoute.CENTRAL_POINT
    ):
        via = central_point.name
    label = (
        _("via het centrale meldpunt %(name)s") % {"name": via}
        if via
        else str(AccessRoute(access.route).label)
        if access.route in AccessRoute.values
        else access.route
    )
    return Offer(
        municipality=municipality,
        available=True,
        route=AccessRoute.CENTRAL_POINT if via else access.route,
        route_label=label,
        waiting_weeks=access.waiting_weeks,
        conditions=access.conditions,
        central_point=via,
    )


def _status(municipality: MunicipalityFacts, services: Sequence[CellService]) -> MunicipalityStatus:
    reachable = [
        (service, offer)
        for service in services
        for offer in service.offers
        if offer.municipality.id == municipality.id and offer.available
    ]
    gaps = []
    if not reachable:
        gaps.append(Gap(NOT_AVAILABLE, municipality))
    else:
        if all(offer.waiting_list or service.has_own_costs for service, offer in reachable):
            gaps.append(Gap(ONLY_BARRIERS, municipality))
        if not any(service.evidence_rated for service, _offer in reachable):
            gaps.append(Gap(NO_EVIDENCE, municipality))
    return MunicipalityStatus(municipality, len(reachable), tuple(gaps))


def usage_of(referred: int, completed: int) -> Usage:
    """The cell's counts as they may be shown: completed out of referred (a share), so that
    neither a count under 10 nor the difference of the two can be read."""
    (shown,) = suppress(
        [FigureCell("usage", "usage", numerator=completed, denominator=referred)], "share"
    ).cells
    return Usage(
        referred=shown.denominator or NOT_SHOWN,
        completed=shown.numerator or NOT_SHOWN,
        share=shown.share or NOT_SHOWN,
    )


def build_grid(
    *,
    target_group: str,
    municipalities: Sequence[MunicipalityFacts],
    services: Iterable[ServiceFacts],
    access: Mapping[tuple[UUID, int], AccessFacts],
    central_points: Mapping[int, CentralPointFacts],
    usage: Mapping[UUID, tuple[int, int]],
    agreements: Iterable[AgreementFacts],
    today: date,
) -> Grid:
    """The klantroute of `target_group` over `municipalities` (see the module's docstring).

    `access` is keyed by (service id, municipality id), `usage` by service id as (referred,
    completed), `central_points` by municipality id; `agreements` are the open ones of the
    target group (their municipality outside `municipalities` leaves them out).
    """
    shown = tuple(municipalities)
    shown_ids = {m.id for m in shown}
    by_cell: dict[tuple[str, str], list[CellService]] = {}
    counted = 0
    for facts in sorted(services, key=lambda s: (s.name.lower(), str(s.id))):
        if not facts.serves(target_group):
            continue
        counted += 1
        offers = tuple(
            _offer(m, access.get((facts.id, m.id)), central_points.get(m.id)) for m in shown
        )
        service = CellService(facts, offers)
        for phase in facts.phases:
            for need in facts.needs:
                by_cell.setdefault((phase, need), []).append(service)

    open_by_cell: dict[tuple[str, str], list[AgreementView]] = {}
    for agreement in agreements:
        if agreement.municipality_id is not None and agreement.municipality_id not in shown_ids:
            continue
        view = AgreementView(agreement, overdue=agreement.due_date < today)
        open_by_cell.setdefault((agreement.phase, agreement.need), []).append(view)

    rows = []
    for need, label in Need.choices:
        cells = []
        for phase in Phase.values:
            in_cell = by_cell.get((phase, need), [])
            referred = sum(usage.get(s.id, (0, 0))[0] for s in in_cell)
            completed = sum(usage.get(s.id, (0, 0))[1] for s in in_cell)
            cells.append(
                GridCell(
                    phase=phase,
                    need=need,
                    services=tuple(in_cell),
                    statuses=tuple(_status(m, in_cell) for m in shown) if in_cell else (),
                    usage=usage_of(referred, completed),
                    agreements=tuple(
                        sorted(
                            open_by_cell.get((phase, need), []),
                            key=lambda a: (a.facts.due_date, a.facts.id),
                        )
                    ),
                    no_service=not in_cell,
                )
            )
        rows.append(GridRow(need=need, label=str(label), cells=tuple(cells)))
    return Grid(
        target_group=target_group,
        municipalities=shown,
        phases=tuple((code, str(label)) for code, label in Phase.choices),
        rows=tuple(rows),
        service_count=counted,
    )
