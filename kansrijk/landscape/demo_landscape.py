"""The regional landscape of the demo (seed_demo step 72): fictional partnerships of the demo
region, a central reporting point, open improvement agreements, and two partners beyond
care on Lindeoord's social map. Every name, number and address here is made up.

- Four partnerships of the demo region: a VSV, a KSV, a ROS and the JGZ organisation, each
  covering the demo coalitions' municipalities (the KSV not Heuvelrande, so the landscape
  shows a hole);
- Beekveld's central reporting point ("Meldpunt Kansrijke Start Beekveld"), the access route
  for all of its services;
- three open agreements of Kansrijke Start Lindeoord on gaps of its klantroute;
- a buddy programme (informal care by volunteers) and a childcare organisation on
  Lindeoord's social map, added through the social map's own services (`services_map`, so
  with their audit trail and HSDS metadata), with phases, needs and target groups so they
  appear in the klantroute like any provider.

Idempotent: what exists (by name) is left as it is.
"""

from datetime import time, timedelta

from django.utils import timezone

from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Municipality, Organisation, Professional
from kansrijk.socialmap import services_map
from kansrijk.socialmap.models import (
    Address,
    CostOption,
    Location,
    Organization,
    Schedule,
    ServiceAtLocation,
)

from .models import Agreement, AgreementStatus, CentralPoint, Partnership, PartnershipKind

ORDER = 72  # after the social map (55) and monitoring (70)
LINDEOORD, HEUVELRANDE = "lindeoord", "heuvelrande"
ALL = ("GM9901", "GM9902", "GM9903")

# (kind, name, description, municipalities, organisation keys of organisations.demo)
PARTNERSHIPS = (
    (
        PartnershipKind.VSV,
        "VSV Rivierenland-Noord (fictief)",
        "Verloskundigen, gynaecologen en kraamzorg rond het Rivierenziekenhuis.",
        ALL,
        ("wieg", "ziekenhuis", "heuvel", "nest"),
    ),
    (
        PartnershipKind.KSV,
        "Kraamzorgsamenwerking Rivierenland (fictief)",
        "Afspraken over kraamzorg en de overdracht aan de JGZ; Heuvelrande doet nog niet mee.",
        ("GM9901", "GM9902"),
        ("nest",),
    ),
    (
        PartnershipKind.ROS,
        "ROS Rivierenland (fictief)",
        "Ondersteunt de samenwerking in de eerste lijn van de regio.",
        ALL,
        (),
    ),
    (
        PartnershipKind.JGZ,
        "JGZ Rivierenland",
        "Jeugdgezondheidszorg voor alle gemeenten van de regio.",
        ALL,
        ("jgz",),
    ),
)

CENTRAL_POINT = {
    "municipality": "GM9902",
    "name": "Meldpunt Kansrijke Start Beekveld",
    "phone": "0301 235 199",
    "email": "meldpunt@beekveld.example",
    "website": "https://meldpunt.beekveld.example",
}

# (target group, phase, need, municipality or None, what, who, days until due, status)
AGREEMENTS = (
    (
        "zwangeren_kwetsbaar",
        "gap",
        "parenting",
        "GM9902",
        "Tussen dag 8 en week 5 komt in Beekveld een extra huisbezoek van de "
        "jeugdverpleegkundige, na een warme overdracht door de kraamverzorgende.",
        "JGZ Rivierenland en Kraamzorg Het Nest",
        60,
        AgreementStatus.IN_PROGRESS,
    ),
    (
        "schulden",
        "pregnancy",
        "finances",
        None,
        "Zwangeren met schulden krijgen binnen twee weken een budgetmaatje, zonder wachtlijst.",
        "Buurtteam Lindeoord-Zuid",
        90,
        AgreementStatus.OPEN,
    ),
    (
        "anderstalig",
        "infancy",
        "language",
        "GM9901",
        "Het consultatiebureau in Lindeoord kan bij elk bezoek een tolk inzetten, betaald "
        "door de gemeente.",
        "Gemeente Lindeoord",
        120,
        AgreementStatus.OPEN,
    ),
)

# Partners beyond care on Lindeoord's map: (provider, description, service, description,
# terms, access per CBS code (route, conditions, waiting weeks)).
PARTNERS_BEYOND_CARE = (
    (
        "Maatjesproject Samen Sterk (fictief)",
        "Vrijwilligers die als maatje (buddy) een jong of kwetsbaar gezin een jaar lang steunen.",
        "Buddy voor (aanstaande) ouders",
        "Een getrainde vrijwilliger komt wekelijks langs vanaf de zwangerschap tot het kind "
        "één is: een luisterend oor, samen naar het consultatiebureau, de weg vinden in de "
        "buurt.",
        {
            "needs": ["social_network", "parenting"],
            "phases": ["pregnancy", "kraamperiode", "gap", "infancy"],
            "routes": ["route_2", "route_3"],
            "evidence": ["not_assessed"],
            "laws": ["informal"],
            "payers": ["none"],
            "own_costs": ["none"],
            "care_kinds": ["welzijn"],
            "target_groups": ["zwangeren_kwetsbaar", "jonge_ouders"],
        },
        {"GM9901": ("direct", "", 2), "GM9902": ("central_point", "", 4)},
    ),
    (
        "Kinderopvang Het Kleine Huis (fictief)",
        "Kinderdagverblijf en peuteropvang met voorschoolse educatie.",
        "Kinderdagverblijf en peuteropvang met voorschoolse educatie",
        "Opvang voor kinderen vanaf drie maanden; peuters met een taalachterstand krijgen "
        "voorschoolse educatie, met gesprekken met de ouders in hun eigen taal.",
        {
            "needs": ["language", "social_network"],
            "phases": ["infancy", "toddler"],
            "routes": ["route_1", "route_2"],
            "evidence": ["not_assessed"],
            "laws": ["subsidy"],
            "payers": ["municipality"],
            "own_costs": ["own_contribution"],
            "care_kinds": ["overig"],
            "target_groups": ["anderstalig", "jonge_ouders"],
        },
        {
            "GM9901": ("direct", "Wachtlijst voor het kinderdagverblijf.", 8),
            "GM9902": ("direct", "", 2),
        },
    ),
)


def _partnerships(region, municipalities, organisations) -> int:
    added = 0
    for kind, name, description, codes, organisation_keys in PARTNERSHIPS:
        if Partnership.objects.filter(region=region, kind=kind, name=name).exists():
            continue
        partnership = Partnership.objects.create(
            region=region, kind=kind, name=name, description=description
        )
        partnership.municipalities.set([municipalities[c] for c in codes if c in municipalities])
        names = [organisations_demo.ORGANISATIONS[key][0] for key in organisation_keys]
        partnership.organisations.set(organisations.filter(name__in=names))
        added += 1
    return added


def _central_point(municipalities, coordinator) -> int:
    municipality = municipalities.get(CENTRAL_POINT["municipality"])
    if municipality is None or CentralPoint.objects.filter(municipality=municipality).exists():
        return 0
    values = {k: v for k, v in CENTRAL_POINT.items() if k != "municipality"}
    CentralPoint.objects.create(
        municipality=municipality, for_all_services=True, updated_by=coordinator, **values
    )
    return 1


def _agreements(coalition, municipalities, coordinator) -> int:
    if Agreement.objects.filter(coalition=coalition).exists():
        return 0
    today = timezone.localdate()
    Agreement.objects.bulk_create(
        Agreement(
            coalition=coalition,
            target_group=group,
            phase=phase,
            need=need,
            municipality=municipalities.get(code) if code else None,
            what=what,
            who=who,
            due_date=today + timedelta(days=days),
            status=status,
            created_by=coordinator,
            updated_by=coordinator,
        )
        for group, phase, need, code, what, who, days, status in AGREEMENTS
    )
    return len(AGREEMENTS)


def _partners_beyond_care(coalition, municipalities, coordinator) -> int:
    added = 0
    for provider, provider_text, service, service_text, terms, access in PARTNERS_BEYOND_CARE:
        if Organization.objects.filter(coalition=coalition, name=provider).exists():
            continue
        organization = services_map.organization_create(
            actor=coordinator,
            coalition=coalition,
            data={"name": provider, "description": provider_text},
        )
        created = services_map.service_create(
            actor=coordinator,
            organization_pk=organization.pk,
            data=services_map.ServiceInput(
                fields={"name": service, "description": service_text, "status": "active"},
                languages=["nl", "en", "ar", "tr"],
                phone="058 123 45 67",
                terms=terms,
                access={
                    municipalities[code].pk: services_map.AccessInput(route, conditions, weeks)
                    for code, (route, conditions, weeks) in access.items()
                    if code in municipalities
                },
            ),
        )
        _complete(created, organization, municipalities, coordinator)
        added += 1
    return added


def _complete(service, organization, municipalities, coordinator) -> None:
    """What every demo service on the map has: a place with an address, opening hours, a
    cost option and the date it was last checked."""
    municipality = next(iter(municipalities.values()))
    location = Location.objects.create(
        organization=organization, name=organization.name, municipality=municipality
    )
    Address.objects.create(
        location=location,
        address_1="Dorpsstraat 1",
        city=municipality.name,
        postal_code="9999 ZZ",
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(
        service=service,
        description="Op afspraak, doordeweeks",
        freq="WEEKLY",
        byday="MO,TU,WE,TH,FR",
        opens_at=time(9),
        closes_at=time(17),
    )
    CostOption.objects.create(service=service, option="Deelname", amount_description="")
    type(service).objects.filter(pk=service.pk).update(
        assured_date=timezone.localdate(),
        assurer_email=coordinator.email if coordinator else "",
        assured_by=coordinator,
    )


def seed_demo_landscape() -> str | None:
    lindeoord = (
        Coalition.objects.filter(name=organisations_demo.COALITIONS[LINDEOORD]["name"])
        .select_related("region")
        .first()
    )
    coordinator = Professional.objects.filter(username="coordinator").first()
    if lindeoord is None or coordinator is None:
        return None
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=ALL)}
    organisations = Organisation.objects.filter(coalitions__region=lindeoord.region).distinct()
    partnerships = _partnerships(lindeoord.region, municipalities, organisations)
    points = _central_point(municipalities, coordinator)
    agreements = _agreements(lindeoord, municipalities, coordinator)
    partners = _partners_beyond_care(lindeoord, municipalities, coordinator)
    return (
        f"Demo-landschap: {partnerships} nieuwe samenwerkingsverbanden, {points} nieuw "
        f"centraal meldpunt, {agreements} nieuwe verbeterafspraken, {partners} nieuwe "
        f"partners buiten de zorg op de sociale kaart."
    )
