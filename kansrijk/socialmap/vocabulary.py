"""kansrijk's own taxonomy terms on the social map.

HSDS 3.0 describes a service's kind with *attributes* that point at *taxonomy terms*. The
terms below are kansrijk's vocabulary (DESIGN.md section 4): the phase of the 1000 days, the
routes a service suits, the needs it answers, its evidence level, the law and payer that
finance it, the family's own costs, and the kind of care the financing rules know.
`ensure_taxonomies()` writes them as `Taxonomy` and `TaxonomyTerm` rows (idempotent), so that
an HSDS export carries them and an import of another map can use them.

The codes are stable (they are in exported files); the labels are Dutch, translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need

TAXONOMY_URI = "https://kansrijk.nl/taxonomie/{name}"


class Phase(models.TextChoices):
    PRECONCEPTION = "preconception", _("Voor de zwangerschap")
    PREGNANCY = "pregnancy", _("Zwangerschap")
    KRAAMPERIODE = "kraamperiode", _("Geboorte en kraamperiode")
    GAP = "gap", _("Tussen kraamzorg en JGZ (dag 8 tot week 5)")
    INFANCY = "infancy", _("Eerste levensjaar")
    TODDLER = "toddler", _("Tweede levensjaar")


class RouteTerm(models.TextChoices):
    ROUTE_1 = "route_1", _("Route 1: zelfredzaam")
    ROUTE_2 = "route_2", _("Route 2: mogelijk kwetsbaar")
    ROUTE_3 = "route_3", _("Route 3: kwetsbaar")


class Evidence(models.TextChoices):
    """As rated in the Dutch database of effective youth interventions, or not assessed."""

    STRONG = "strong", _("Effectief volgens sterke aanwijzingen")
    GOOD = "good", _("Effectief volgens goede aanwijzingen")
    FIRST = "first", _("Effectief volgens eerste aanwijzingen")
    WELL_FOUNDED = "well_founded", _("Goed onderbouwd")
    NOT_ASSESSED = "not_assessed", _("Niet beoordeeld")


class Law(models.TextChoices):
    ZVW = "zvw", _("Zorgverzekeringswet (zorgverzekeraar)")
    WPG = "wpg", _("Wet publieke gezondheid (gemeente)")
    JEUGDWET = "jeugdwet", _("Jeugdwet (gemeente)")
    WMO = "wmo", _("Wmo (gemeente)")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet (gemeente)")
    SUBSIDY = "subsidy", _("Subsidie")
    INFORMAL = "informal", _("Informeel of vrijwillig")


class Payer(models.TextChoices):
    INSURER = "insurer", _("Zorgverzekeraar")
    MUNICIPALITY = "municipality", _("Gemeente")
    FUND = "fund", _("Fonds of subsidiegever")
    NONE = "none", _("Niemand (gratis of vrijwillig)")


class OwnCost(models.TextChoices):
    NONE = "none", _("Geen eigen kosten")
    EIGEN_RISICO = "eigen_risico", _("Eigen risico")
    OWN_CONTRIBUTION = "own_contribution", _("Eigen bijdrage")


class CareKind(models.TextChoices):
    """The kind of care or intervention, as the financing rules know it (`kansrijk.financing`):
    a service on the map carries one, so the coalition's rule for that kind says who pays."""

    VERLOSKUNDIGE_ZORG = "verloskundige_zorg", _("Verloskundige zorg")
    KRAAMZORG = "kraamzorg", _("Kraamzorg")
    ZIEKENHUISZORG = "ziekenhuiszorg", _("Ziekenhuiszorg (gynaecoloog, kinderarts)")
    POP_POLI = "pop_poli", _("POP-poli (psychiatrie, obstetrie en pediatrie)")
    HUISARTS = "huisarts", _("Huisartsenzorg")
    PRECONCEPTIEZORG = "preconceptiezorg", _("Preconceptiezorg en kinderwensspreekuur")
    ANTICONCEPTIE = "anticonceptie", _("Anticonceptie")
    GGZ_VOLWASSENEN = "ggz_volwassenen", _("GGZ voor volwassenen")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    JGZ = "jgz", _("Jeugdgezondheidszorg (JGZ)")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    WMO = "wmo", _("Ondersteuning (Wmo), zoals het buurtteam")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    WELZIJN = "welzijn", _("Welzijn, vrijwilligers en informele steun")
    NU_NIET_ZWANGER = "nu_niet_zwanger", _("Nu Niet Zwanger")
    VOORZORG = "voorzorg", _("VoorZorg")
    STEVIG_OUDERSCHAP = "stevig_ouderschap", _("Stevig Ouderschap")
    CENTERING = "centering", _("CenteringZwangerschap of CenteringParenting")
    OTHER = "overig", _("Overig")


class TargetGroup(models.TextChoices):
    """Whom a service is for, as a coalition's klantroute groups them (issue 15). A service
    without a target group counts for every group."""

    VULNERABLE_PREGNANT = "zwangeren_kwetsbaar", _("Zwangeren in een kwetsbare situatie")
    YOUNG_PARENTS = "jonge_ouders", _("Jonge ouders")
    DEBTS = "schulden", _("Gezinnen met schulden")
    NON_DUTCH = "anderstalig", _("Anderstalige gezinnen")


class AccessRoute(models.TextChoices):
    """How a family gets in, per service and municipality."""

    DIRECT = "direct", _("Zelf aanmelden")
    REFERRAL = "referral", _("Via verwijzing van huisarts of verloskundige")
    BUURTTEAM = "buurtteam", _("Via het buurtteam")
    CENTRAL_POINT = "central_point", _("Via het centrale meldpunt")
    NOT_AVAILABLE = "not_available", _("Niet beschikbaar")


# Taxonomy name -> (description, choices). The name is the HSDS taxonomy's `name`.
TAXONOMIES: dict[str, tuple[str, type[models.TextChoices]]] = {
    "kansrijk-fase": ("Fase van de eerste 1000 dagen", Phase),
    "kansrijk-route": ("Route waarvoor het aanbod past", RouteTerm),
    "kansrijk-behoefte": ("Behoefte die het aanbod beantwoordt", Need),
    "kansrijk-bewijs": ("Bewijskracht (Databank Effectieve Jeugdinterventies)", Evidence),
    "kansrijk-wet": ("Wet die het aanbod financiert", Law),
    "kansrijk-betaler": ("Wie betaalt", Payer),
    "kansrijk-eigen-kosten": ("Eigen kosten voor het gezin", OwnCost),
    "kansrijk-zorgsoort": ("Soort zorg of interventie (voor de financiering)", CareKind),
    "kansrijk-doelgroep": ("Doelgroep", TargetGroup),
}
# The field name on a service's kansrijk terms (`service_terms`) for each taxonomy.
TERM_FIELDS = {
    "kansrijk-fase": "phases",
    "kansrijk-route": "routes",
    "kansrijk-behoefte": "needs",
    "kansrijk-bewijs": "evidence",
    "kansrijk-wet": "laws",
    "kansrijk-betaler": "payers",
    "kansrijk-eigen-kosten": "own_costs",
    "kansrijk-zorgsoort": "care_kinds",
    "kansrijk-doelgroep": "target_groups",
}


def ensure_taxonomies():
    """Create or update kansrijk's taxonomies and terms; returns {(taxonomy, code): term}."""
    from .models import Taxonomy, TaxonomyTerm

    terms = {}
    for name, (description, choices) in TAXONOMIES.items():
        taxonomy, _created = Taxonomy.objects.update_or_create(
            name=name,
            defaults={"description": description, "uri": TAXONOMY_URI.format(name=name)},
        )
        for code, label in choices.choices:
            term, _created = TaxonomyTerm.objects.update_or_create(
                taxonomy=taxonomy,
                code=code,
                defaults={"name": str(label), "taxonomy_name": name},
            )
            terms[(name, code)] = term
    return terms
