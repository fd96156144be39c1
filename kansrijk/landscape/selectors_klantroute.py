"""Reads for the klantroute: the facts of one coalition, then `klantroute.build_grid`.

Nothing here is family data: services, access, central points and agreements are the
coalition's own; referrals are only counted (one aggregate query grouped by service), only
of families whose consent for monitoring is in force (`monitoring.indicators.population`, as
every monitoring figure), and suppressed before they leave `build_grid`.

The number of queries does not depend on the number of services, referrals or agreements:
the services with their provider (one query, `select_related` because every row shows the
provider's name), their kansrijk terms (`terms.service_terms`, one query), the access rows
of the shown municipalities (one), the central points (one), the referral counts (one) and
the open agreements (one). The coalition's municipalities are one more, for the filter.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from kansrijk.monitoring.indicators import Scope, population
from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.models import (
    MunicipalityAccess,
    Referral,
    ReferralStatus,
    Service,
    ServiceStatus,
)
from kansrijk.socialmap.terms import service_terms
from kansrijk.socialmap.vocabulary import TargetGroup

from .klantroute import (
    AccessFacts,
    AgreementFacts,
    CentralPointFacts,
    Grid,
    MunicipalityFacts,
    ServiceFacts,
    build_grid,
)
from .models import OPEN_STATUSES, Agreement, CentralPoint

# "In the last 12 months": referrals sent from this many days ago until now.
USAGE_DAYS = 365


@dataclass(frozen=True)
class Klantroute:
    coalition: Coalition
    target_group: str
    municipality: Municipality | None  # the filter; None: all municipalities
    municipalities: list[Municipality]  # all of the coalition's
    grid: Grid
    since: date

    @property
    def target_group_label(self) -> str:
        return str(TargetGroup(self.target_group).label)


def coalition_municipalities(coalition_id: int) -> list[Municipality]:
    return list(Municipality.objects.filter(coalition_id=coalition_id).order_by("name"))


def _services(coalition_id: int) -> list[ServiceFacts]:
    rows = list(
        Service.objects.filter(coalition_id=coalition_id, status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .only("id", "name", "organization__name")
        .order_by("name", "id")
    )
    terms = service_terms(row.pk for row in rows)
    return [
        ServiceFacts(
            id=row.pk,
            name=row.name,
            provider=row.organization.name,
            phases=tuple(terms[row.pk]["phases"]),
            needs=tuple(terms[row.pk]["needs"]),
            target_groups=tuple(terms[row.pk]["target_groups"]),
            evidence=tuple(terms[row.pk]["evidence"]),
            payers=tuple(terms[row.pk]["payers"]),
            own_costs=tuple(terms[row.pk]["own_costs"]),
        )
        for row in rows
    ]


def _access(coalition_id: int, municipality_ids: list[int]) -> dict:
    rows = MunicipalityAccess.objects.filter(
        service__coalition_id=coalition_id,
        service__status=ServiceStatus.ACTIVE,
        municipality_id__in=municipality_ids,
    ).values_list("service_id", "municipality_id", "route", "waiting_weeks", "conditions")
    return {
        (service_id, municipality_id): AccessFacts(route, waiting_weeks, conditions)
        for service_id, municipality_id, route, waiting_weeks, conditions in rows
    }


def _central_points(municipality_ids: list[int]) -> dict[int, CentralPointFacts]:
    rows = CentralPoint.objects.filter(municipality_id__in=municipality_ids).values_list(
        "municipality_id", "name", "for_all_services"
    )
    return {pk: CentralPointFacts(name, for_all) for pk, name, for_all in rows}


def referral_usage(
    coalition_id: int, municipality_id: int | None, since
) -> dict[object, tuple[int, int]]:
    """{service id: (referred, completed)} of referrals sent since `since`, of families with
    monitoring consent in force (of the municipality, when given): one aggregate query."""
    families = population(Scope(coalition_id, municipality_id))
    rows = (
        Referral.objects.filter(
            coalition_id=coalition_id, sent_at__gte=since, family__in=families.values("pk")
        )
        .order_by()
        .values("service_id")
        .annotate(
            referred=Count("pk"),
            completed=Count("pk", filter=Q(status=ReferralStatus.COMPLETED)),
        )
    )
    return {row["service_id"]: (row["referred"], row["completed"]) for row in rows}


def _agreements(coalition_id: int, target_group: str) -> list[AgreementFacts]:
    rows = (
        Agreement.objects.filter(
            coalition_id=coalition_id, target_group=target_group, status__in=OPEN_STATUSES
        )
        .select_related("municipality")
        .order_by("due_date", "pk")
    )
    return [
        AgreementFacts(
            id=row.pk,
            phase=row.phase,
            need=row.need,
            municipality_id=row.municipality_id,
            municipality_name=row.municipality.name if row.municipality else "",
            what=row.what,
            who=row.who,
            due_date=row.due_date,
            status=row.status,
            status_label=str(row.get_status_display()),
        )
        for row in rows
    ]


def klantroute(
    coalition: Coalition,
    *,
    target_group: str,
    municipality: Municipality | None = None,
    municipalities: list[Municipality] | None = None,
) -> Klantroute:
    """The coalition's klantroute for `target_group`, in every municipality or in one."""
    if municipalities is None:
        municipalities = coalition_municipalities(coalition.pk)
    shown = [municipality] if municipality is not None else municipalities
    shown_ids = [m.pk for m in shown]
    now = timezone.now()
    since = now - timedelta(days=USAGE_DAYS)
    grid = build_grid(
        target_group=target_group,
        municipalities=[MunicipalityFacts(m.pk, m.name) for m in shown],
        services=_services(coalition.pk),
        access=_access(coalition.pk, shown_ids),
        central_points=_central_points(shown_ids),
        usage=referral_usage(coalition.pk, municipality.pk if municipality else None, since),
        agreements=_agreements(coalition.pk, target_group),
        today=timezone.localdate(now),
    )
    return Klantroute(
        coalition=coalition,
        target_group=target_group,
        municipality=municipality,
        municipalities=municipalities,
        grid=grid,
        since=timezone.localdate(since),
    )
