"""The fictional social map of the demo (seed_demo) and of the synthetic coalitions.

Every provider, address, phone number and web address here is made up. Some services carry
the name of a real, widely used intervention type (Nu Niet Zwanger, VoorZorg, Stevig
Ouderschap, Centering Pregnancy, Centering Parenting, a Moeders-van-Rotterdam-style coach);
their descriptions are written for this demo and their evidence level is "niet beoordeeld":
look the real rating up in the Databank Effectieve Jeugdinterventies before relying on it.
The evidence levels of the invented local services are as fictional as the services.
No amount of money is given where an amount would be an official figure: costs are
described ("eigen bijdrage volgens polis").

Names and addresses hold placeholders, filled in per coalition: ``{town}`` is the
municipality the provider sits in (``place`` 0 is the coalition's first municipality, 1 its
second), ``{region}`` the region's short name. Access is given for the first two
municipalities (``access[0]``, ``access[1]``); a synthetic coalition with more municipalities
repeats that pattern.
"""

from dataclasses import dataclass, field

from kansrijk.care.needs import Need
from kansrijk.organisations.models import OrganisationKind

from .models import CarePathRoute, ReferralStatus, Urgency
from .vocabulary import (
    AccessRoute,
    CareKind,
    Evidence,
    Law,
    OwnCost,
    Payer,
    Phase,
    RouteTerm,
    TargetGroup,
)

N, F, R, E, L, PY, OC, AR = Need, Phase, RouteTerm, Evidence, Law, Payer, OwnCost, AccessRoute
K = OrganisationKind
ALL_PHASES = tuple(Phase.values)
ALL_ROUTES = (R.ROUTE_1, R.ROUTE_2, R.ROUTE_3)
AFTER_BIRTH = (F.KRAAMPERIODE, F.GAP, F.INFANCY, F.TODDLER)
OFFICE_HOURS = ("Maandag tot en met vrijdag 9.00-17.00 uur", "MO,TU,WE,TH,FR", "09:00", "17:00")

LANGUAGES = {
    "nl": "Nederlands",
    "en": "Engels",
    "ar": "Arabisch",
    "tr": "Turks",
    "pl": "Pools",
    "ti": "Tigrinya",
    "so": "Somalisch",
    "uk": "Oekraïens",
    "ro": "Roemeens",
    "pt": "Portugees",
}


@dataclass(frozen=True)
class Provider:
    name: str
    description: str
    street: str
    phone: str
    place: int = 0  # 0: the coalition's first municipality, 1: its second
    legal_status: str = "stichting"
    # The kind of chain partner whose professionals answer referrals (synthetic coalitions
    # link the coalition's organisation of this kind; the demo uses `DEMO_PARTNERS`).
    partner: str = ""
    web: str = ""  # host name under .example


@dataclass(frozen=True)
class Access:
    route: str
    conditions: str = ""
    waiting_weeks: int | None = None


@dataclass(frozen=True)
class ServiceSpec:
    provider: str
    name: str
    description: str
    needs: tuple[str, ...]
    phases: tuple[str, ...]
    routes: tuple[str, ...]
    laws: tuple[str, ...]
    payers: tuple[str, ...]
    own_costs: tuple[str, ...] = (OC.NONE,)
    evidence: str = E.NOT_ASSESSED
    access: tuple[Access, Access] = (Access(AR.DIRECT), Access(AR.DIRECT))
    application: str = ""
    eligibility: str = ""
    cost: tuple[str, str] = ("", "Geen kosten voor het gezin.")
    languages: tuple[str, ...] = ("nl",)
    schedule: tuple[str, str, str, str] = OFFICE_HOURS
    documents: tuple[str, ...] = ()
    wait_time: str = ""
    interpretation: str = ""
    checked_months_ago: int = 2  # more than 12: flagged as not checked for a year
    status: str = "active"
    alert: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None


def A(route: str, conditions: str = "", weeks: int | None = None) -> Access:
    return Access(route, conditions, weeks)


PROVIDERS: dict[str, Provider] = {
    "buurtteam": Provider(
        "Buurtteam {town}-Zuid",
        "Het buurtteam helpt gezinnen met vragen over geld, wonen, opvoeden en meedoen.",
        "Lindelaan 12",
        "0301 235 101",
        partner=K.NEIGHBOURHOOD_TEAM,
        web="buurtteam-zuid",
    ),
    "jgz": Provider(
        "JGZ {region}",
        "Jeugdgezondheidszorg: het consultatiebureau en huisbezoeken rond zwangerschap en "
        "geboorte.",
        "Kerkstraat 40",
        "0301 235 102",
        partner=K.JGZ,
        web="jgz-regio",
    ),
    "ggz": Provider(
        "GGZ De Oever",
        "Geestelijke gezondheidszorg voor volwassenen, met een team voor ouders rond de geboorte.",
        "Oeverweg 3",
        "0301 235 103",
        partner=K.GGZ,
        web="ggz-de-oever",
    ),
    "wieg": Provider(
        "Verloskundigenpraktijk De Wieg",
        "Verloskundige zorg tijdens de zwangerschap, de bevalling en de kraamtijd.",
        "Wiegstraat 8",
        "0301 235 104",
        legal_status="maatschap",
        partner=K.MIDWIFERY,
        web="dewieg",
    ),
    "ziekenhuis": Provider(
        "Rivierenziekenhuis",
        "Algemeen ziekenhuis met een afdeling verloskunde en kindergeneeskunde.",
        "Ziekenhuisweg 1",
        "0301 235 105",
        partner=K.HOSPITAL,
        web="rivierenziekenhuis",
    ),
    "nest": Provider(
        "Kraamzorg Het Nest",
        "Kraamzorg thuis in de eerste dagen na de geboorte.",
        "Nestweg 21",
        "0301 235 106",
        legal_status="bv",
        partner=K.KRAAMZORG,
        web="kraamzorg-hetnest",
    ),
    "gemeente": Provider(
        "Gemeente {town}",
        "Het sociaal domein van de gemeente: inkomen, schuldhulp en ondersteuning.",
        "Raadhuisplein 1",
        "0301 235 107",
        legal_status="gemeente",
        partner=K.MUNICIPALITY,
        web="gemeente-hoofdplaats",
    ),
    "gemeente2": Provider(
        "Gemeente {town}",
        "Het sociaal domein van de gemeente, met het centrale meldpunt voor jonge gezinnen.",
        "Marktplein 2",
        "0301 235 108",
        place=1,
        legal_status="gemeente",
        web="gemeente-tweede",
    ),
    "budgetmaatje": Provider(
        "Stichting Budgetmaatje {town}",
        "Getrainde vrijwilligers die gezinnen helpen hun administratie op orde te krijgen.",
        "Molenstraat 5",
        "0301 235 109",
        web="budgetmaatje",
    ),
    "taal": Provider(
        "Stichting Thuis in Taal {town}",
        "Taalhuis voor volwassenen: Nederlands leren, lezen en omgaan met formulieren.",
        "Schoolstraat 14",
        "0301 235 110",
        place=1,
        web="thuisintaal",
    ),
    "welzijn": Provider(
        "Stichting Welzijn {town}",
        "Welzijnswerk in de wijk: ontmoeting, vrijwilligers en sociaal raadslieden.",
        "Wijkcentrum De Linde, Lindeplein 2",
        "0301 235 111",
        partner=K.WELFARE,
        web="welzijn",
    ),
    "ggd": Provider(
        "GGD {region}-Noord",
        "Publieke gezondheidszorg voor de regio: seksuele gezondheid en preventie.",
        "Gezondheidsplein 10",
        "0301 235 112",
        legal_status="gemeenschappelijke regeling",
        web="ggd-noord",
    ),
    "veilig": Provider(
        "Veilig Thuis {region}-Noord (fictief)",
        "Advies- en meldpunt huiselijk geweld en kindermishandeling voor de regio.",
        "Postbus 1200",
        "0301 235 113",
        legal_status="gemeenschappelijke regeling",
        web="veiligthuis-noord",
    ),
    "opvang": Provider(
        "Stichting Schuilhuis {region}",
        "Opvang en begeleiding voor vrouwen en kinderen bij huiselijk geweld.",
        "Geheim adres; bereikbaar via de telefoon",
        "0301 235 114",
        web="schuilhuis",
    ),
    "verslaving": Provider(
        "Verslavingszorg De Brug",
        "Hulp bij alcohol, drugs en roken, ook voor (aanstaande) ouders.",
        "Brugstraat 9",
        "0301 235 115",
        partner=K.ADDICTION_CARE,
        web="debrug",
    ),
    "woon": Provider(
        "Woonstichting {town}",
        "Sociale huurwoningen en een woonconsulent voor huurders in de knel.",
        "Woonplein 4",
        "0301 235 116",
        web="woonstichting",
    ),
    "gezondheidscentrum": Provider(
        "Gezondheidscentrum {town}",
        "Huisartsen, praktijkondersteuners en fysiotherapie onder één dak.",
        "Dorpsstraat 30",
        "0301 235 117",
        place=1,
        legal_status="coöperatie",
        partner=K.GP,
        web="gezondheidscentrum",
    ),
    "moeders": Provider(
        "Stichting Moeders van {town}",
        "Vaste coaches voor zwangere vrouwen en jonge moeders in een kwetsbare situatie.",
        "Beekstraat 17",
        "0301 235 118",
        place=1,
        web="moedersvan",
    ),
    "ervaring": Provider(
        "Stichting Ervaring Telt {region}",
        "Ervaringsdeskundigen die ouders steunen die hetzelfde hebben meegemaakt.",
        "Stationsweg 22",
        "0301 235 119",
        web="ervaringtelt",
    ),
    "babyspullen": Provider(
        "Babyspullenbank {town}",
        "Vrijwilligers die babyspullen inzamelen en uitgeven aan gezinnen met weinig geld.",
        "Kerkpad 3",
        "0301 235 120",
        place=1,
        legal_status="vereniging",
        web="babyspullenbank",
    ),
}

# fmt: off
SERVICES: dict[str, ServiceSpec] = {
    # --- Buurtteam ------------------------------------------------------------------------
    "bt_gezin": ServiceSpec(
        "buurtteam", "Gezinsondersteuning door het buurtteam",
        "Een vaste medewerker van het buurtteam denkt mee met het gezin over wat nodig is: "
        "geld, wonen, opvoeden of meer steun in de buurt, en regelt waar nodig verdere hulp.",
        (N.PARENTING, N.SOCIAL_NETWORK, N.FINANCES, N.HOUSING), ALL_PHASES,
        (R.ROUTE_2, R.ROUTE_3), (L.WMO, L.JEUGDWET), (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Zelf bellen of binnenlopen op het spreekuur."),
                A(AR.CENTRAL_POINT, "Aanmelden via het Meldpunt Kansrijke Start.", 2)),
        application="Bel het buurtteam of kom langs op het inloopspreekuur.",
        languages=("nl", "en", "ar", "tr"), interpretation="Tolk op verzoek, zonder kosten.",
    ),
    "bt_budget": ServiceSpec(
        "buurtteam", "Budgetcoaching thuis",
        "Een budgetcoach komt een paar maanden thuis om samen overzicht te maken van inkomsten, "
        "uitgaven en achterstanden, en om een werkbaar huishoudboekje op te zetten.",
        (N.FINANCES,), ALL_PHASES, (R.ROUTE_2, R.ROUTE_3), (L.WMO,), (PY.MUNICIPALITY,),
        evidence=E.FIRST,
        access=(A(AR.DIRECT, "", 1), A(AR.BUURTTEAM, "Na een gesprek met het buurtteam.", 4)),
        wait_time="Eén tot vier weken",
    ),
    "bt_formulieren": ServiceSpec(
        "buurtteam", "Formulierenspreekuur en hulp bij toeslagen",
        "Hulp bij brieven, formulieren en het aanvragen van toeslagen en kindgebonden budget.",
        (N.FINANCES, N.LANGUAGE), ALL_PHASES, ALL_ROUTES, (L.WMO,), (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Inloop, zonder afspraak."),
                A(AR.NOT_AVAILABLE, "In deze gemeente doet het taalhuis dit.")),
        schedule=("Dinsdag en donderdag 9.30-12.00 uur", "TU,TH", "09:30", "12:00"),
        languages=("nl", "ar", "tr", "pl"),
    ),
    # --- JGZ ------------------------------------------------------------------------------
    "jgz_prenataal": ServiceSpec(
        "jgz", "Prenataal huisbezoek door de JGZ",
        "Een jeugdverpleegkundige komt tijdens de zwangerschap op huisbezoek om kennis te maken, "
        "te horen wat het gezin nodig heeft en de zorg na de geboorte voor te bereiden.",
        (N.PARENTING, N.MEDICAL, N.SOCIAL_NETWORK), (F.PREGNANCY,), (R.ROUTE_2, R.ROUTE_3),
        (L.WPG,), (PY.MUNICIPALITY,),
        access=(A(AR.REFERRAL, "Aanvraag door de verloskundige of gynaecoloog."),
                A(AR.CENTRAL_POINT, "Aanmelden via het Meldpunt Kansrijke Start.")),
        languages=("nl", "en", "ar", "tr", "ti"),
        interpretation="De JGZ regelt een tolk via de telefoon.",
    ),
    "jgz_voorzorg": ServiceSpec(
        "jgz", "VoorZorg",
        "Intensieve begeleiding aan huis door een speciaal opgeleide jeugdverpleegkundige, "
        "voor jonge vrouwen die hun eerste kind verwachten en met meerdere zorgen te maken "
        "hebben. De begeleiding begint in de zwangerschap en loopt door tot het kind twee jaar "
        "is.",
        (N.PARENTING, N.SOCIAL_NETWORK, N.SUBSTANCE_USE), (F.PREGNANCY, *AFTER_BIRTH),
        (R.ROUTE_3,), (L.WPG, L.JEUGDWET), (PY.MUNICIPALITY,),
        access=(A(AR.REFERRAL, "Eerste kind; aanmelden vóór de 28e week van de zwangerschap."),
                A(AR.CENTRAL_POINT, "Eerste kind; het meldpunt beoordeelt de aanmelding.", 2)),
        eligibility="Jonge vrouwen die hun eerste kind verwachten, met meerdere risicofactoren.",
        languages=("nl",), interpretation="Gesprekken met een tolk zijn mogelijk.",
        checked_months_ago=15,
    ),
    "jgz_stevig": ServiceSpec(
        "jgz", "Stevig Ouderschap",
        "Een reeks huisbezoeken door een jeugdverpleegkundige in de eerste anderhalf jaar na de "
        "geboorte, voor ouders bij wie de band met hun kind onder druk kan komen te staan, "
        "bijvoorbeeld door eigen zorgen of een moeilijke jeugd.",
        (N.PARENTING, N.MENTAL_HEALTH), AFTER_BIRTH, (R.ROUTE_2, R.ROUTE_3), (L.WPG,),
        (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Via de eigen jeugdverpleegkundige."),
                A(AR.REFERRAL, "Aanvraag door de verloskundige of huisarts.")),
    ),
    "jgz_centering_parenting": ServiceSpec(
        "jgz", "Centering Parenting: consultatiebureau in een groep",
        "De contactmomenten van het consultatiebureau in een vaste groep ouders met baby's van "
        "dezelfde leeftijd; naast de metingen is er tijd om ervaringen te delen.",
        (N.PARENTING, N.SOCIAL_NETWORK), (F.INFANCY,), (R.ROUTE_1, R.ROUTE_2), (L.WPG,),
        (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Opgeven bij het consultatiebureau."),
                A(AR.NOT_AVAILABLE, "Nog geen groep in deze gemeente.")),
        schedule=("Om de vier weken op woensdagochtend", "WE", "09:30", "11:30"),
    ),
    "jgz_cb": ServiceSpec(
        "jgz", "Consultatiebureau",
        "Groei, ontwikkeling en gezondheid van het kind volgen, vaccinaties, en vragen over "
        "voeding, slapen en opvoeden.",
        (N.MEDICAL, N.PARENTING), (F.GAP, F.INFANCY, F.TODDLER), ALL_ROUTES, (L.WPG,),
        (PY.MUNICIPALITY,),
        languages=("nl", "en", "ar", "tr", "pl"),
    ),
    # --- GGZ ------------------------------------------------------------------------------
    "ggz_basis": ServiceSpec(
        "ggz", "Basis-GGZ rond zwangerschap en geboorte",
        "Kortdurende behandeling bij somberheid, angst of spanning tijdens de zwangerschap of in "
        "het eerste jaar na de geboorte.",
        (N.MENTAL_HEALTH,), (F.PREGNANCY, F.KRAAMPERIODE, F.GAP, F.INFANCY),
        (R.ROUTE_2, R.ROUTE_3), (L.ZVW,), (PY.INSURER,), own_costs=(OC.EIGEN_RISICO,),
        evidence=E.GOOD,
        access=(A(AR.REFERRAL, "Verwijzing van de huisarts nodig.", 6),
                A(AR.REFERRAL, "Verwijzing van de huisarts nodig.", 4)),
        cost=("Eigen risico", "Valt onder het eigen risico van de zorgverzekering."),
        wait_time="Vier tot zes weken", documents=("Verwijsbrief van de huisarts",),
    ),
    "ggz_moederbaby": ServiceSpec(
        "ggz", "Moeder-babybehandeling",
        "Behandeling voor moeder en baby samen wanneer psychische klachten het contact met de "
        "baby moeilijk maken.",
        (N.MENTAL_HEALTH, N.PARENTING), (F.GAP, F.INFANCY), (R.ROUTE_3,), (L.ZVW, L.JEUGDWET),
        (PY.INSURER, PY.MUNICIPALITY), own_costs=(OC.EIGEN_RISICO,), evidence=E.WELL_FOUNDED,
        access=(A(AR.REFERRAL, "Verwijzing van huisarts of jeugdarts.", 8),
                A(AR.REFERRAL, "Verwijzing van huisarts of jeugdarts.", 10)),
        cost=("Eigen risico", "Voor de moeder geldt het eigen risico; voor het kind niet."),
        checked_months_ago=19,
    ),
    "ggz_praatgroep": ServiceSpec(
        "ggz", "Praatgroep Zwanger en somber",
        "Een groep van zes bijeenkomsten voor vrouwen die zich somber of onzeker voelen in de "
        "zwangerschap of na de bevalling, onder leiding van een GGZ-verpleegkundige.",
        (N.MENTAL_HEALTH, N.SOCIAL_NETWORK), (F.PREGNANCY, F.KRAAMPERIODE, F.GAP),
        (R.ROUTE_2,), (L.SUBSIDY,), (PY.MUNICIPALITY,), evidence=E.STRONG,
        access=(A(AR.DIRECT, "Zelf aanmelden."),
                A(AR.BUURTTEAM, "Aanmelden via het buurtteam.")),
        schedule=("Donderdagmiddag, zes weken achter elkaar", "TH", "13:30", "15:00"),
    ),
    # --- Verloskundigen -------------------------------------------------------------------
    "wieg_centering": ServiceSpec(
        "wieg", "Centering Pregnancy: zwangerschapscontroles in een groep",
        "De controles tijdens de zwangerschap in een vaste groep van acht tot twaalf vrouwen die "
        "rond dezelfde tijd zijn uitgerekend. Ze meten zelf mee en bespreken samen onderwerpen "
        "als voeding, de bevalling en de eerste weken.",
        (N.MEDICAL, N.SOCIAL_NETWORK, N.LANGUAGE), (F.PREGNANCY,), (R.ROUTE_1, R.ROUTE_2),
        (L.ZVW,), (PY.INSURER,),
        access=(A(AR.DIRECT, "Voor cliënten van de praktijk; opgeven bij de intake."),
                A(AR.REFERRAL, "Via de eigen verloskundige.")),
        cost=("", "Vergoed uit de basisverzekering; verloskundige zorg valt niet onder het "
                  "eigen risico."),
        schedule=("Tien bijeenkomsten van twee uur", "MO", "19:00", "21:00"),
    ),
    "wieg_anticonceptie": ServiceSpec(
        "wieg", "Gesprek over anticonceptie na de bevalling",
        "De verloskundige bespreekt in de zwangerschap en bij de nacontrole welke anticonceptie "
        "past en wanneer die kan beginnen.",
        (N.CONTRACEPTION,), (F.PREGNANCY, F.KRAAMPERIODE, F.GAP), ALL_ROUTES, (L.ZVW,),
        (PY.INSURER,),
        cost=("Anticonceptiemiddel", "Het middel zelf: eigen bijdrage volgens polis."),
        own_costs=(OC.OWN_CONTRIBUTION,),
    ),
    # --- Ziekenhuis -----------------------------------------------------------------------
    "zh_pop": ServiceSpec(
        "ziekenhuis", "POP-poli (psychiatrie, obstetrie en pediatrie)",
        "Zorg door gynaecoloog, psychiater en kinderarts samen voor zwangeren met psychische "
        "klachten of middelengebruik.",
        (N.MENTAL_HEALTH, N.MEDICAL, N.SUBSTANCE_USE), (F.PREGNANCY, F.KRAAMPERIODE),
        (R.ROUTE_3,), (L.ZVW,), (PY.INSURER,), own_costs=(OC.EIGEN_RISICO,),
        access=(A(AR.REFERRAL, "Verwijzing van verloskundige of huisarts."),
                A(AR.REFERRAL, "Verwijzing van verloskundige of huisarts.")),
        cost=("Eigen risico", "Valt onder het eigen risico van de zorgverzekering."),
    ),
    "zh_mmw": ServiceSpec(
        "ziekenhuis", "Medisch maatschappelijk werk",
        "Steun bij zorgen die samengaan met een ziekenhuisopname of een moeilijke zwangerschap: "
        "geld, regelzaken, spanning thuis.",
        (N.SOCIAL_NETWORK, N.FINANCES, N.SAFETY), (F.PREGNANCY, F.KRAAMPERIODE, F.INFANCY),
        (R.ROUTE_2, R.ROUTE_3), (L.ZVW,), (PY.INSURER,),
        access=(A(AR.REFERRAL, "Via de behandelaar in het ziekenhuis."),
                A(AR.REFERRAL, "Via de behandelaar in het ziekenhuis.")),
        checked_months_ago=14,
    ),
    # --- Kraamzorg ------------------------------------------------------------------------
    "nest_extra": ServiceSpec(
        "nest", "Kraamzorg met extra uren voor kwetsbare gezinnen",
        "Meer uren kraamzorg, verspreid over een langere periode, met aandacht voor de band met "
        "de baby en een warme overdracht aan de JGZ.",
        (N.PARENTING, N.MEDICAL), (F.KRAAMPERIODE, F.GAP), (R.ROUTE_2, R.ROUTE_3),
        (L.ZVW, L.WMO), (PY.INSURER, PY.MUNICIPALITY), own_costs=(OC.OWN_CONTRIBUTION,),
        access=(A(AR.BUURTTEAM, "Het buurtteam vraagt de extra uren aan bij de gemeente."),
                A(AR.CENTRAL_POINT, "Aanvragen via het Meldpunt Kansrijke Start.")),
        cost=("Eigen bijdrage kraamzorg", "Eigen bijdrage volgens polis; de gemeente kan de "
                                          "extra uren vergoeden."),
        languages=("nl", "en", "pl"),
    ),
    "nest_borstvoeding": ServiceSpec(
        "nest", "Hulp bij borstvoeding",
        "Voorlichting in de zwangerschap en een lactatiekundige aan huis bij problemen met "
        "borstvoeding.",
        (N.MEDICAL, N.PARENTING), (F.PREGNANCY, F.KRAAMPERIODE, F.GAP), (R.ROUTE_1, R.ROUTE_2),
        (L.ZVW,), (PY.INSURER,), own_costs=(OC.OWN_CONTRIBUTION,),
        cost=("Lactatiekundige", "Soms vergoed uit de aanvullende verzekering; eigen bijdrage "
                                 "volgens polis."),
    ),
    # --- Gemeenten ------------------------------------------------------------------------
    "gem_schuldhulp": ServiceSpec(
        "gemeente", "Schuldhulpverlening",
        "De gemeente brengt de schulden in kaart, neemt contact op met schuldeisers en zoekt "
        "samen met het gezin naar een regeling.",
        (N.FINANCES,), ALL_PHASES, ALL_ROUTES, (L.PARTICIPATIEWET,), (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Binnen drie werkdagen een eerste gesprek.", 1),
                A(AR.BUURTTEAM, "Het buurtteam meldt aan en gaat mee naar het eerste gesprek.",
                  3)),
        documents=("Identiteitsbewijs", "Overzicht van inkomsten en schulden"),
        wait_time="Eén tot drie weken",
    ),
    "gem_bijzonder": ServiceSpec(
        "gemeente", "Bijzondere bijstand",
        "Een tegemoetkoming in noodzakelijke kosten die het gezin niet zelf kan betalen, zoals "
        "de babyuitzet.",
        (N.FINANCES,), (F.PREGNANCY, F.KRAAMPERIODE, F.INFANCY), ALL_ROUTES,
        (L.PARTICIPATIEWET,), (PY.MUNICIPALITY,),
        documents=("Identiteitsbewijs", "Bankafschriften van de laatste drie maanden"),
        checked_months_ago=13,
    ),
    "gem_meldpunt": ServiceSpec(
        "gemeente2", "Meldpunt Kansrijke Start",
        "Het centrale meldpunt voor zwangeren en jonge gezinnen met zorgen: één telefoonnummer "
        "voor professionals en ouders; het meldpunt zet binnen een week de juiste hulp in.",
        (N.PARENTING, N.SOCIAL_NETWORK, N.FINANCES, N.HOUSING), ALL_PHASES,
        (R.ROUTE_2, R.ROUTE_3), (L.WMO, L.JEUGDWET), (PY.MUNICIPALITY,),
        access=(A(AR.NOT_AVAILABLE, "Alleen voor inwoners van de tweede gemeente."),
                A(AR.DIRECT, "Professionals en ouders bellen zelf.")),
    ),
    # --- Vrijwilligers en welzijn ----------------------------------------------------------
    "bm_maatje": ServiceSpec(
        "budgetmaatje", "Budgetmaatje: een vrijwilliger voor de thuisadministratie",
        "Een getrainde vrijwilliger komt een jaar lang eens per week of twee weken langs om de "
        "post en de administratie samen bij te houden.",
        (N.FINANCES,), ALL_PHASES, ALL_ROUTES, (L.INFORMAL,), (PY.NONE,),
        evidence=E.WELL_FOUNDED,
        access=(A(AR.DIRECT, "Zelf aanmelden via de website of telefoon.", 3),
                A(AR.NOT_AVAILABLE, "Hier doet het buurtteam de budgetcoaching.")),
    ),
    "taal_cafe": ServiceSpec(
        "taal", "Taalcafé voor ouders",
        "Wekelijks Nederlands oefenen met andere ouders, met kinderopvang in dezelfde ruimte.",
        (N.LANGUAGE, N.SOCIAL_NETWORK), ALL_PHASES, ALL_ROUTES, (L.SUBSIDY,),
        (PY.MUNICIPALITY, PY.FUND),
        access=(A(AR.DIRECT, "Bijeenkomsten in de tweede gemeente."), A(AR.DIRECT)),
        schedule=("Vrijdagochtend 9.30-11.30 uur", "FR", "09:30", "11:30"),
        languages=("nl", "ar", "ti", "so", "uk"), status="temporarily closed",
        alert="Zomerstop: het taalcafé begint weer na de schoolvakantie.",
    ),
    "taal_gezond": ServiceSpec(
        "taal", "Gezond zwanger in eenvoudige taal",
        "Vier bijeenkomsten over zwangerschap, bevalling en de eerste weken, in eenvoudige taal "
        "en met beeldmateriaal.",
        (N.LANGUAGE, N.MEDICAL), (F.PREGNANCY,), ALL_ROUTES, (L.SUBSIDY,), (PY.FUND,),
        languages=("nl", "ar", "tr", "ti", "so"),
    ),
    "wz_mamacafe": ServiceSpec(
        "welzijn", "Mamacafé De Linde",
        "Elke week een open ochtend voor zwangeren en ouders met jonge kinderen: koffie, "
        "spelen en af en toe een gast met informatie.",
        (N.SOCIAL_NETWORK, N.PARENTING), (F.PREGNANCY, *AFTER_BIRTH), (R.ROUTE_1, R.ROUTE_2),
        (L.SUBSIDY,), (PY.MUNICIPALITY,),
        access=(A(AR.DIRECT, "Gewoon binnenlopen."),
                A(AR.NOT_AVAILABLE, "Geen mamacafé in deze gemeente.")),
        schedule=("Woensdagochtend 9.30-11.30 uur", "WE", "09:30", "11:30"),
    ),
    "wz_gezinsmaatje": ServiceSpec(
        "welzijn", "Gezinsmaatje: een vrijwilliger die thuis meehelpt",
        "Een vrijwilliger die zelf ouder is komt een dagdeel per week langs voor steun, een "
        "luisterend oor en praktische hulp.",
        (N.SOCIAL_NETWORK, N.PARENTING), (F.PREGNANCY, *AFTER_BIRTH), (R.ROUTE_2, R.ROUTE_3),
        (L.INFORMAL, L.SUBSIDY), (PY.FUND,), evidence=E.WELL_FOUNDED,
        access=(A(AR.DIRECT, "", 4), A(AR.BUURTTEAM, "Aanmelden via het buurtteam.", 6)),
        wait_time="Vier tot zes weken",
    ),
    "wz_raadslieden": ServiceSpec(
        "welzijn", "Sociaal raadslieden",
        "Gratis advies over regelingen, toeslagen, huur en juridische vragen.",
        (N.FINANCES, N.HOUSING, N.LANGUAGE), ALL_PHASES, ALL_ROUTES, (L.WMO,),
        (PY.MUNICIPALITY,),
        checked_months_ago=16,
    ),
    # --- GGD ------------------------------------------------------------------------------
    "ggd_nnz": ServiceSpec(
        "ggd", "Nu Niet Zwanger",
        "Een vertrouwde professional gaat met vrouwen en mannen in een kwetsbare situatie in "
        "gesprek over een kinderwens, zodat zij zelf kunnen kiezen of en wanneer zij (nog) een "
        "kind willen; wie dat wil krijgt hulp bij het regelen van anticonceptie.",
        (N.CONTRACEPTION,), (F.PRECONCEPTION, *AFTER_BIRTH), (R.ROUTE_2, R.ROUTE_3), (L.WPG,),
        (PY.MUNICIPALITY,),
        access=(A(AR.BUURTTEAM, "Het buurtteam of de verloskundige bespreekt het eerst."),
                A(AR.CENTRAL_POINT, "Aanmelden via het Meldpunt Kansrijke Start.")),
        cost=("", "Het gesprek is gratis; de gemeente kan de anticonceptie vergoeden."),
    ),
    "ggd_seksualiteit": ServiceSpec(
        "ggd", "Spreekuur seksuele gezondheid",
        "Vertrouwelijk spreekuur over anticonceptie, seksualiteit en soa-testen.",
        (N.CONTRACEPTION, N.MEDICAL), (F.PRECONCEPTION,), ALL_ROUTES, (L.WPG,),
        (PY.MUNICIPALITY,), maximum_age=25,
        schedule=("Maandag en donderdag op afspraak", "MO,TH", "13:00", "16:30"),
    ),
    # --- Veiligheid -----------------------------------------------------------------------
    "vt_advies": ServiceSpec(
        "veilig", "Advies en melding bij huiselijk geweld en kindermishandeling",
        "Voor ouders, omstanders en professionals: advies bij zorgen over geweld thuis, en de "
        "plek om een melding te doen.",
        (N.SAFETY,), ALL_PHASES, ALL_ROUTES, (L.WMO, L.JEUGDWET), (PY.MUNICIPALITY,),
        schedule=("Dag en nacht bereikbaar", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"),
    ),
    "opvang_vrouwen": ServiceSpec(
        "opvang", "Opvang bij huiselijk geweld",
        "Een veilige plek en begeleiding voor vrouwen en hun kinderen die thuis niet veilig zijn.",
        (N.SAFETY, N.HOUSING), ALL_PHASES, (R.ROUTE_3,), (L.WMO,), (PY.MUNICIPALITY,),
        access=(A(AR.CENTRAL_POINT, "Aanmelden via Veilig Thuis."),
                A(AR.CENTRAL_POINT, "Aanmelden via Veilig Thuis of het meldpunt.")),
    ),
    # --- Middelen -------------------------------------------------------------------------
    "vs_zwanger": ServiceSpec(
        "verslaving", "Hulp bij middelengebruik rond de zwangerschap",
        "Behandeling en begeleiding bij alcohol- of drugsgebruik voor (aanstaande) ouders, in "
        "samenwerking met verloskundige en JGZ.",
        (N.SUBSTANCE_USE,), (F.PRECONCEPTION, F.PREGNANCY, F.INFANCY), (R.ROUTE_2, R.ROUTE_3),
        (L.ZVW, L.WMO), (PY.INSURER, PY.MUNICIPALITY), own_costs=(OC.EIGEN_RISICO,),
        access=(A(AR.REFERRAL, "Verwijzing van de huisarts.", 3),
                A(AR.BUURTTEAM, "Het buurtteam meldt aan.", 5)),
        cost=("Eigen risico", "Behandeling valt onder het eigen risico."),
    ),
    "vs_rookvrij": ServiceSpec(
        "verslaving", "Rookvrij zwanger: coaching bij stoppen met roken",
        "Persoonlijke coaching voor zwangeren en hun partner die willen stoppen met roken.",
        (N.SUBSTANCE_USE,), (F.PRECONCEPTION, F.PREGNANCY), ALL_ROUTES, (L.ZVW,),
        (PY.INSURER,),
        access=(A(AR.DIRECT), A(AR.REFERRAL, "Via de verloskundige.")),
        cost=("", "Vergoed uit de basisverzekering."),
    ),
    # --- Wonen ----------------------------------------------------------------------------
    "woon_consulent": ServiceSpec(
        "woon", "Woonconsulent en urgentieaanvraag",
        "Een woonconsulent helpt bij huurachterstand, een te kleine woning of een aanvraag "
        "voor urgentie.",
        (N.HOUSING,), ALL_PHASES, (R.ROUTE_2, R.ROUTE_3), (L.WMO,), (PY.MUNICIPALITY,),
        own_costs=(OC.OWN_CONTRIBUTION,),
        access=(A(AR.BUURTTEAM, "Het buurtteam vraagt een gesprek aan.", 2),
                A(AR.NOT_AVAILABLE, "De woonstichting werkt niet in deze gemeente.")),
        cost=("Leges urgentieaanvraag", "Leges volgens de legesverordening van de gemeente."),
        checked_months_ago=22,
    ),
    # --- Huisarts -------------------------------------------------------------------------
    "gc_pohggz": ServiceSpec(
        "gezondheidscentrum", "Praktijkondersteuner GGZ (POH-GGZ)",
        "Gesprekken bij de huisarts over somberheid, angst of stress, ook rond de zwangerschap.",
        (N.MENTAL_HEALTH,), ALL_PHASES, (R.ROUTE_1, R.ROUTE_2), (L.ZVW,), (PY.INSURER,),
        access=(A(AR.NOT_AVAILABLE, "Alleen voor patiënten van het gezondheidscentrum."),
                A(AR.REFERRAL, "Via de eigen huisarts.")),
        cost=("", "Vergoed uit de basisverzekering, zonder eigen risico."),
    ),
    # --- Coaches en ervaringsdeskundigen -----------------------------------------------------
    "moeders_coach": ServiceSpec(
        "moeders", "Moeders van {town}: een vaste coach van zwangerschap tot peuter",
        "Naar het voorbeeld van Moeders van Rotterdam: een vaste coach die de moeder vanaf de "
        "zwangerschap tot het kind twee jaar is begeleidt, alle hulp rond het gezin op elkaar "
        "afstemt en lang genoeg blijft om vertrouwen op te bouwen.",
        (N.PARENTING, N.SOCIAL_NETWORK, N.FINANCES), (F.PREGNANCY, *AFTER_BIRTH),
        (R.ROUTE_3,), (L.SUBSIDY, L.JEUGDWET), (PY.MUNICIPALITY, PY.FUND),
        access=(A(AR.NOT_AVAILABLE, "Alleen in de tweede gemeente."),
                A(AR.CENTRAL_POINT, "Het meldpunt meldt aan.", 2)),
    ),
    "ed_steun": ServiceSpec(
        "ervaring", "Steun van een ervaringsdeskundige",
        "Gesprekken met een ouder die zelf armoede, schulden of psychische klachten heeft "
        "meegemaakt.",
        (N.SOCIAL_NETWORK, N.MENTAL_HEALTH, N.FINANCES), ALL_PHASES, (R.ROUTE_2, R.ROUTE_3),
        (L.SUBSIDY,), (PY.FUND,),
    ),
    "baby_spullen": ServiceSpec(
        "babyspullen", "Babyspullenbank",
        "Een kinderwagen, bedje, kleding en verzorgingsspullen voor gezinnen met weinig geld.",
        (N.FINANCES,), (F.PREGNANCY, F.KRAAMPERIODE, F.INFANCY), ALL_ROUTES, (L.INFORMAL,),
        (PY.NONE,),
        access=(A(AR.BUURTTEAM, "Met een verwijzing van het buurtteam."),
                A(AR.BUURTTEAM, "Met een verwijzing van het buurtteam of de JGZ.")),
        schedule=("Zaterdagochtend 10.00-12.00 uur", "SA", "10:00", "12:00"),
    ),
}
# fmt: on

# The kind of care of each service, as the financing rules know it (`kansrijk.financing`):
# the coalition's rule for that kind says who pays and what the family pays itself. "Overig"
# where no kind fits (the shipped rules have none for it: the financing view says "navragen").
CK = CareKind
CARE_KINDS: dict[str, tuple[str, ...]] = {
    "bt_gezin": (CK.WMO,),
    "bt_budget": (CK.WMO,),
    "bt_formulieren": (CK.WMO,),
    "jgz_prenataal": (CK.JGZ,),
    "jgz_voorzorg": (CK.VOORZORG,),
    "jgz_stevig": (CK.STEVIG_OUDERSCHAP,),
    "jgz_centering_parenting": (CK.CENTERING,),
    "jgz_cb": (CK.JGZ,),
    "ggz_basis": (CK.GGZ_VOLWASSENEN,),
    "ggz_moederbaby": (CK.GGZ_VOLWASSENEN, CK.JEUGDHULP),
    "ggz_praatgroep": (CK.OTHER,),
    "wieg_centering": (CK.CENTERING,),
    "wieg_anticonceptie": (CK.ANTICONCEPTIE,),
    "zh_pop": (CK.POP_POLI,),
    "zh_mmw": (CK.ZIEKENHUISZORG,),
    "nest_extra": (CK.KRAAMZORG,),
    "nest_borstvoeding": (CK.KRAAMZORG,),
    "gem_schuldhulp": (CK.SCHULDHULP,),
    "gem_bijzonder": (CK.OTHER,),
    "gem_meldpunt": (CK.WMO,),
    "bm_maatje": (CK.WELZIJN,),
    "taal_cafe": (CK.WELZIJN,),
    "taal_gezond": (CK.WELZIJN,),
    "wz_mamacafe": (CK.WELZIJN,),
    "wz_gezinsmaatje": (CK.WELZIJN,),
    "wz_raadslieden": (CK.WELZIJN,),
    "ggd_nnz": (CK.NU_NIET_ZWANGER,),
    "ggd_seksualiteit": (CK.OTHER,),
    "vt_advies": (CK.WMO,),
    "opvang_vrouwen": (CK.WMO,),
    "vs_zwanger": (CK.VERSLAVINGSZORG,),
    "vs_rookvrij": (CK.OTHER,),
    "woon_consulent": (CK.WMO,),
    "gc_pohggz": (CK.HUISARTS,),
    "moeders_coach": (CK.WELZIJN,),
    "ed_steun": (CK.WELZIJN,),
    "baby_spullen": (CK.WELZIJN,),
}

# Whom some services are for (the klantroute's target groups, issue 15); a service without
# target groups counts for every group. Applied by the klantroute's demo step
# (`kansrijk.landscape.demo_klantroute`). The sociaal raadslieden are for families with debts
# and non-Dutch-speaking families only, so that for pregnant women in a vulnerable situation the
# form help of the buurtteam is the only help with language in the day 8 - week 5 gap: there is
# none in the second municipality, a gap the klantroute shows.
TG = TargetGroup
TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "jgz_voorzorg": (TG.VULNERABLE_PREGNANT, TG.YOUNG_PARENTS),
    "moeders_coach": (TG.VULNERABLE_PREGNANT, TG.YOUNG_PARENTS),
    "zh_pop": (TG.VULNERABLE_PREGNANT,),
    "ggd_nnz": (TG.VULNERABLE_PREGNANT, TG.YOUNG_PARENTS),
    "ggd_seksualiteit": (TG.YOUNG_PARENTS,),
    "bt_budget": (TG.DEBTS,),
    "bm_maatje": (TG.DEBTS,),
    "gem_schuldhulp": (TG.DEBTS,),
    "wz_raadslieden": (TG.DEBTS, TG.NON_DUTCH),
    "taal_cafe": (TG.NON_DUTCH,),
    "taal_gezond": (TG.NON_DUTCH, TG.VULNERABLE_PREGNANT),
}

# The demo's second coalition (one municipality) gets a few of the same kinds of services.
SMALL_COALITION_SERVICES = (
    "bt_gezin",
    "bm_maatje",
    "gem_schuldhulp",
    "jgz_voorzorg",
    "jgz_stevig",
    "ggd_nnz",
)


# --- Care paths -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    title: str
    description: str
    services: tuple[str, ...] = ()  # for every municipality
    # (place, service): the alternative for that municipality (0 first, 1 second).
    alternatives: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class CarePathSpec:
    need: str
    route: int
    name: str
    description: str
    steps: tuple[StepSpec, ...] = field(default_factory=tuple)


CARE_PATHS: tuple[CarePathSpec, ...] = (
    CarePathSpec(
        Need.FINANCES,
        CarePathRoute.ANY,
        "Geldzorgen en schulden",
        "Voor elk gezin met geldzorgen: eerst de inkomsten op orde, dan de schulden, en intussen "
        "zorgen dat er genoeg is voor de baby.",
        (
            StepSpec(
                "Bespreek de geldzorgen en controleer toeslagen en regelingen",
                "Vraag door naar inkomsten, vaste lasten en post die blijft liggen.",
                ("wz_raadslieden",),
                ((0, "bt_formulieren"), (1, "taal_cafe")),
            ),
            StepSpec(
                "Overzicht maken met hulp aan huis",
                "Een budgetcoach of vrijwilliger helpt de administratie op orde te krijgen.",
                (),
                ((0, "bm_maatje"), (1, "bt_budget")),
            ),
            StepSpec(
                "Schuldhulpverlening aanvragen",
                "Bij problematische schulden: aanmelden bij de gemeente.",
                ("gem_schuldhulp",),
            ),
            StepSpec(
                "Zorg dat er genoeg is voor de baby",
                "Bijzondere bijstand voor de uitzet, en spullen via de babyspullenbank.",
                ("gem_bijzonder", "baby_spullen"),
            ),
        ),
    ),
    CarePathSpec(
        Need.MENTAL_HEALTH,
        CarePathRoute.ROUTE_2,
        "Somberheid en angst rond zwangerschap en geboorte",
        "Voor zwangeren en jonge moeders met psychische klachten: vroeg bespreken, lichte hulp "
        "dichtbij, en snel opschalen als dat nodig is.",
        (
            StepSpec(
                "Klachten bespreken en de ernst inschatten",
                "Verloskundige of jeugdverpleegkundige vraagt naar stemming, slaap en steun.",
                (),
                ((0, "ggz_praatgroep"), (1, "gc_pohggz")),
            ),
            StepSpec(
                "Kortdurende behandeling",
                "Bij aanhoudende klachten: verwijzen naar de basis-GGZ.",
                ("ggz_basis",),
            ),
            StepSpec(
                "Specialistische zorg bij ernstige klachten",
                "Bij ernstige klachten of middelengebruik: de POP-poli; na de geboorte "
                "behandeling voor moeder en baby samen.",
                ("zh_pop", "ggz_moederbaby"),
            ),
            StepSpec(
                "Steun van lotgenoten",
                "Een ervaringsdeskundige kan helpen de stap naar hulp te zetten.",
                ("ed_steun",),
            ),
        ),
    ),
    CarePathSpec(
        Need.PARENTING,
        CarePathRoute.ROUTE_3,
        "Opvoeding en hechting bij een kwetsbare zwangerschap",
        "Voor zwangeren in een kwetsbare situatie: vroeg een vaste hulpverlener aan huis, met "
        "aandacht voor de band met de baby, tot het kind twee jaar is.",
        (
            StepSpec(
                "Prenataal huisbezoek door de JGZ",
                "Kennismaken en bespreken welke steun na de geboorte nodig is.",
                ("jgz_prenataal",),
            ),
            StepSpec(
                "Intensieve begeleiding aan huis",
                "VoorZorg bij een eerste kind; in de tweede gemeente doet de vaste coach dit.",
                ("jgz_voorzorg",),
                ((1, "moeders_coach"),),
            ),
            StepSpec(
                "Extra kraamzorg en een warme overdracht",
                "Meer uren kraamzorg, en de kraamverzorgende draagt over aan de JGZ.",
                ("nest_extra",),
            ),
            StepSpec(
                "Begeleiding in het eerste jaar",
                "Stevig Ouderschap of een vrijwillig gezinsmaatje voor steun in de buurt.",
                ("jgz_stevig", "wz_gezinsmaatje"),
            ),
        ),
    ),
)


# --- Referrals of the demo families -------------------------------------------------------------

S = ReferralStatus


@dataclass(frozen=True)
class DemoReferral:
    family: str  # reference
    service: str  # key in demo_services.SERVICES
    sender: str  # login on the family's care team
    handler: str  # login of the receiving organisation
    status: str
    days_ago: tuple[int, ...]  # of each step in PATHS[status]
    reason: str
    shared: str = ""
    urgency: str = Urgency.NORMAL
    notes: dict = field(default_factory=dict)  # status -> note on that step


REFERRALS = (
    DemoReferral(
        "DEMO-012", "bt_gezin", "verloskundige", "buurtteam", S.SENT, (12,),
        "Marieke maakt zich zorgen over geld sinds de oogst tegenviel en voelt zich alleen "
        "staan met de zorg voor Jelle en de zwangerschap.",
        shared="Tweede zwangerschap, ongeveer 24 weken. Geldzorgen en weinig tijd voor zichzelf; "
        "Marieke wil graag iemand spreken over hulp thuis.",
        urgency=Urgency.SOON,
    ),
    DemoReferral(
        "DEMO-009", "jgz_prenataal", "verloskundige", "jgz", S.SENT, (1,),
        "Kennismaking met de JGZ voor de geboorte; Nadia heeft vragen over de combinatie van "
        "werk en een baby.",
        shared="Eerste zwangerschap, ongeveer 14 weken. Geen bijzonderheden in de controles.",
    ),
    DemoReferral(
        "DEMO-004", "nest_borstvoeding", "verloskundige", "kraamzorg", S.SENT, (2,),
        "Sanne wil graag borstvoeding geven en zich goed voorbereiden.",
        shared="Eerste zwangerschap, ongeveer 10 weken.",
    ),
    DemoReferral(
        "DEMO-006", "bt_budget", "verloskundige", "buurtteam", S.RECEIVED, (4, 3),
        "Noor en Sem willen voor de geboorte overzicht in hun uitgaven.",
        shared="Eerste zwangerschap. Stel wil zelf aan de slag met een huishoudboekje.",
        notes={S.RECEIVED: "Gezien; we bellen deze week voor een afspraak."},
    ),
    DemoReferral(
        "DEMO-011", "jgz_voorzorg", "verloskundige", "jgz", S.ACCEPTED, (9, 8, 6),
        "In het MDO geadviseerd; Priya staat open voor begeleiding aan huis.",
        shared="Eerste kind, ongeveer 21 weken, diabetes onder controle bij de gynaecoloog. "
        "Weinig steun in de buurt.",
        notes={S.ACCEPTED: "Past binnen VoorZorg; eerste huisbezoek over twee weken."},
    ),
    DemoReferral(
        "DEMO-014", "jgz_stevig", "verloskundige", "jgz", S.DECLINED, (20, 19, 17),
        "Esra is onzeker over het moederschap; haar eigen moeder woont ver weg.",
        shared="Eerste kind, ongeveer 27 weken. Zus woont in dezelfde straat.",
        notes={
            S.DECLINED: "Stevig Ouderschap begint na de geboorte. Bij het eerste huisbezoek na "
            "de bevalling bespreekt de jeugdverpleegkundige of het past; meld dan opnieuw aan."
        },
    ),
    DemoReferral(
        "DEMO-013", "bt_budget", "verloskundige", "buurtteam", S.STARTED, (18, 17, 12),
        "Afgesproken in het MDO: het buurtteam helpt met de schulden.",
        shared="Schulden en betalingsachterstanden; tolk Tigrinya nodig bij de gesprekken.",
        urgency=Urgency.SOON,
        notes={S.STARTED: "Eerste gesprek met tolk gehad; budgetcoach komt wekelijks."},
    ),
    DemoReferral(
        "DEMO-035", "bt_budget", "jgz", "buurtteam", S.COMPLETED, (210, 209, 205, 198, 60),
        "Meryem en Burak hebben achterstanden sinds de verhuizing.",
        shared="Peuter Yusuf; gezin heeft net een eigen woning en huurachterstand.",
        notes={
            S.COMPLETED: "Alle schulden in beeld; het gezin zit in een schuldregeling via de "
            "gemeente en betaalt de huur weer op tijd."
        },
    ),
    DemoReferral(
        "DEMO-033", "bt_gezin", "jgz", "buurtteam", S.NO_SHOW, (30, 27, 20),
        "Anouk vraagt om hulp bij de opvoeding van Saar nu er een baby is.",
        shared="Baby Bram van ongeveer elf maanden en een oudere zus.",
        notes={
            S.NO_SHOW: "Twee keer niet thuis bij het afgesproken kennismakingsbezoek en "
            "telefonisch niet bereikbaar."
        },
    ),
    DemoReferral(
        "DEMO-010", "bt_budget", "verloskundige", "buurtteam", S.WITHDRAWN, (25, 24, 22),
        "Hulp bij het ordenen van de schulden.",
        shared="Schulden en huurachterstand; tolk Arabisch nodig.",
        notes={
            S.WITHDRAWN: "Omar heeft zelf contact opgenomen met de schuldhulp van de gemeente; "
            "het plan van het gezin gaat daarvan uit."
        },
    ),
)  # fmt: skip
