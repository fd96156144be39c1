"""Klantroute test data: a second municipality of the cast's coalition ("Noorddorp" beside
"Eerstedorp") and services whose cells show every kind of gap, plus referrals of monitored
families.

`klantroute_world(cast)` makes, for "Zwangeren in een kwetsbare situatie":

- gap / parenting: "Kraamzorg Plus", reachable in both, rated good: no gap;
- gap / language: "Taalspreekuur", only in Eerstedorp (Noorddorp: not available), not rated:
  a gap in Noorddorp (not available) and in Eerstedorp (no evidence);
- gap / mental health: "Praatgroep na de bevalling", rated strong, with a waiting list in both
  and eigen risico: only with a waiting list or own costs, in both;
- pregnancy / finances: "Budgethulp", access row only for Eerstedorp (none for Noorddorp);
- gap / finances: "Schuldhulp voor schulden", only for families with debts (not shown here);
- gap / safety: an inactive service only, so the cell has no service.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kansrijk.organisations.models import Municipality
from kansrijk.socialmap.models import MunicipalityAccess, ReferralStatus, Service, ServiceStatus
from kansrijk.socialmap.vocabulary import AccessRoute, TargetGroup
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_chain import referral
from kansrijk.testing.socialmap import make_provider, make_service

VULNERABLE = TargetGroup.VULNERABLE_PREGNANT.value


@dataclass
class KlantrouteWorld:
    eerstedorp: Municipality
    noorddorp: Municipality
    kraamzorg: Service
    taal: Service
    praatgroep: Service
    budget: Service
    schulden: Service
    closed: Service


def _terms(phases, needs, evidence="not_assessed", **more) -> dict:
    return {"phases": phases, "needs": needs, "evidence": [evidence], **more}


def klantroute_world(cast) -> KlantrouteWorld:
    eerstedorp = cast.coalition.municipalities.get(name="Eerstedorp")
    noorddorp = Municipality.objects.create(
        coalition=cast.coalition, cbs_code="GM9521", name="Noorddorp"
    )
    provider = make_provider(cast.coalition, name="Welzijn Eerstedorp")
    direct = AccessRoute.DIRECT
    kraamzorg = make_service(
        provider,
        name="Kraamzorg Plus",
        terms=_terms(["gap"], ["parenting"], "good", payers=["insurer"], own_costs=["none"]),
        access={eerstedorp: direct, noorddorp: AccessRoute.REFERRAL},
    )
    taal = make_service(
        provider,
        name="Taalspreekuur",
        terms=_terms(["gap"], ["language"], payers=["municipality"]),
        access={eerstedorp: direct, noorddorp: AccessRoute.NOT_AVAILABLE},
    )
    praatgroep = make_service(
        provider,
        name="Praatgroep na de bevalling",
        terms=_terms(
            ["gap"], ["mental_health"], "strong", payers=["insurer"], own_costs=["eigen_risico"]
        ),
        access={eerstedorp: direct, noorddorp: direct},
    )
    MunicipalityAccess.objects.filter(service=praatgroep).update(waiting_weeks=6)
    budget = make_service(
        provider,
        name="Budgethulp",
        terms=_terms(["pregnancy"], ["finances"], "first"),
        access={eerstedorp: AccessRoute.BUURTTEAM},
    )
    schulden = make_service(
        provider,
        name="Schuldhulp voor schulden",
        terms=_terms(["gap"], ["finances"], "good", target_groups=[TargetGroup.DEBTS]),
        access={eerstedorp: direct, noorddorp: direct},
    )
    closed = make_service(
        provider,
        name="Gesloten opvang",
        status=ServiceStatus.DEFUNCT,
        terms=_terms(["gap"], ["safety"], "good"),
        access={eerstedorp: direct, noorddorp: direct},
    )
    return KlantrouteWorld(
        eerstedorp, noorddorp, kraamzorg, taal, praatgroep, budget, schulden, closed
    )


def referrals_to(
    service: Service,
    cast,
    number: int,
    *,
    completed: int = 0,
    consent: bool = True,
    days_ago: int = 30,
    municipality: Municipality | None = None,
) -> None:
    """`number` referrals of as many monitored families (consent as given) to `service`,
    `completed` of them completed, sent `days_ago` days ago."""
    sent_at = timezone.now() - timedelta(days=days_ago)
    for index in range(number):
        family = monitored_family(
            cast.coalition, cast.case_director, consent=consent, municipality=municipality
        )
        referral(
            family,
            service,
            cast.case_director,
            sent_at=sent_at,
            status=ReferralStatus.COMPLETED if index < completed else ReferralStatus.STARTED,
        )


def many_services(cast, number: int, municipalities) -> None:
    """`number` more active services in several cells, each with access in every municipality
    (for the query-count test)."""
    provider = make_provider(cast.coalition, name=f"Aanbieder {number}")
    phases = ["pregnancy", "gap", "infancy"]
    needs = ["parenting", "finances", "language", "medical"]
    for index in range(number):
        make_service(
            provider,
            name=f"Aanbod {index:04d}",
            terms=_terms(
                [phases[index % 3]],
                [needs[index % 4]],
                target_groups=[VULNERABLE] if index % 2 else [],
            ),
            access=dict.fromkeys(municipalities, AccessRoute.DIRECT),
        )
