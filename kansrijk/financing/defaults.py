"""The financing figures and rules kansrijk ships, as data: only what the source documents
name, for the demo year 2020, each with its source.

The source is the note "Duurzame financiering Ketenaanpak Kansrijke Start" (December 2020,
../shared/seeds/003_*). It names:

- the kraamzorg own contribution, EUR 4.20 per hour (knelpunt 1.3);
- the standard kraamzorg hours, 45 or 49, and the maximum of 80 hours under the LIP
  (Landelijk Indicatieprotocol kraamzorg; knelpunt 1.4);
- that anticonceptie, preconceptiezorg and the POP-poli cost the family its eigen risico
  (knelpunt 1.1);
- that adult GGZ, geboortezorg and kraamzorg are paid under the Zvw, and JGZ and the social
  domain by the municipality ("Ad 2");
- that it is unclear whether insurers pay for an interpreter ("Nagaan bij ZV of zij dit
  wel/niet vergoeden", knelpunt 1.5);
- that municipalities often pay for Nu Niet Zwanger and VoorZorg (footnote 1, knelpunt 2.1).

Everything else here (the law of a kind of care the note does not name, whether an
indication or referral is needed, which care is outside the eigen risico) is general Dutch
law, not from the sources: its source says so and its notes say "controleer". No amount is
given that the sources do not name: the eigen risico of 2020 is left empty.

`load_defaults` writes them for a coalition, idempotently.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.vocabulary import CareKind, Law, Payer

from .models import ContributionKind, FinancingRule, FinancingYear

YEAR = 2020
DOCUMENT = "Notitie 'Duurzame financiering Ketenaanpak Kansrijke Start' (VWS, december 2020)"
GENERAL_LAW = (
    "Niet uit de brondocumenten: algemene regel van de Nederlandse wet- en regelgeving, "
    "door kansrijk ingevuld. Controleer dit voor je coalitie en jaar."
)
CHAIN = (
    f"{DOCUMENT}, paragraaf 'Ad 2': 'soms via volwassen GGZ (Zvw) via geboortezorg (Zvw) en "
    "kraamzorg (Zvw) naar jeugdgezondheidszorg (gemeente) en (soms) sociaal domein "
    "(gemeente). Informele ondersteuning (gemeente) ...'"
)
INTERPRETER_UNKNOWN = "Navragen: de bronnen zeggen niet wie hier een tolk betaalt."
INTERPRETER_INSURER = (
    "Navragen bij de zorgverzekeraar of die de tolk(telefoon) vergoedt: de bron zegt "
    "'Nagaan bij ZV of zij dit wel/niet vergoeden' (knelpunt 1.5)."
)


@dataclass(frozen=True)
class YearDefault:
    year: int
    kraamzorg_standard_hours_low: int
    kraamzorg_standard_hours_high: int
    kraamzorg_max_hours: int
    kraamzorg_source: str
    notes: str
    eigen_risico: Decimal | None = None
    eigen_risico_source: str = ""


@dataclass(frozen=True)
class RuleDefault:
    care_kind: str
    law: str
    payer: str
    source: str
    notes: str
    eigen_risico_applies: bool = False
    contribution_kind: str = ContributionKind.NONE
    contribution_amount: Decimal | None = None
    indication_required: bool = False
    referral_required: bool = False
    interpretation_notes: str = INTERPRETER_UNKNOWN


YEAR_FIGURES = YearDefault(
    year=YEAR,
    kraamzorg_standard_hours_low=45,
    kraamzorg_standard_hours_high=49,
    kraamzorg_max_hours=80,
    kraamzorg_source=(
        f"{DOCUMENT}, knelpunt 1.4: 'langere kraamzorg ... bovenop de standaard van 45 of 49 "
        "uur. Volgens de LIP kraamzorg kan er maximaal 80 uur zorg worden ingezet.'"
    ),
    notes=(
        "Het bedrag van het verplichte eigen risico staat niet in de brondocumenten en is "
        "daarom leeg gelaten. Vul het zelf in, met de bron erbij."
    ),
)

K, L, P, C = CareKind, Law, Payer, ContributionKind

RULES: tuple[RuleDefault, ...] = (
    RuleDefault(
        K.VERLOSKUNDIGE_ZORG,
        L.ZVW,
        P.INSURER,
        source=f"Wet en betaler: {CHAIN} Eigen risico en verwijzing: {GENERAL_LAW}",
        notes=(
            "De zorgverzekeraar betaalt de verloskundige uit de basisverzekering. Verloskundige "
            "zorg telt niet mee voor het eigen risico en het gezin kan zonder verwijzing naar "
            "de verloskundige (algemene regel, controleer)."
        ),
        interpretation_notes=INTERPRETER_INSURER,
    ),
    RuleDefault(
        K.KRAAMZORG,
        L.ZVW,
        P.INSURER,
        source=(
            f"Eigen bijdrage: {DOCUMENT}, knelpunt 1.3: 'de wettelijk verplichte eigen bijdrage "
            "(€ 4,20/uur) voor kraamzorg'. Indicatie: knelpunt 1.4 (LIP kraamzorg). Wet en "
            f"betaler: {CHAIN} Geen eigen risico: {GENERAL_LAW}"
        ),
        notes=(
            "De zorgverzekeraar betaalt de kraamzorg uit de basisverzekering. Het gezin betaalt "
            "zelf een eigen bijdrage per uur kraamzorg. Voor gezinnen met weinig geld is dat "
            "vaak te veel: zij kiezen dan minder uren dan ze nodig hebben. Kijk of de "
            "bijzondere bijstand, een gemeentepolis of de aanvullende verzekering de eigen "
            "bijdrage betaalt. Kraamzorg telt niet mee voor het eigen risico (algemene regel, "
            "controleer)."
        ),
        contribution_kind=C.PER_HOUR,
        contribution_amount=Decimal("4.20"),
        indication_required=True,
        interpretation_notes=INTERPRETER_INSURER,
    ),
    RuleDefault(
        K.ZIEKENHUISZORG,
        L.ZVW,
        P.INSURER,
        source=f"Wet en betaler (geboortezorg): {CHAIN} Eigen risico en verwijzing: {GENERAL_LAW}",
        notes=(
            "De zorgverzekeraar betaalt de zorg van gynaecoloog en kinderarts. Verloskundige "
            "zorg en zorg voor kinderen tot 18 jaar tellen niet mee voor het eigen risico; "
            "andere ziekenhuiszorg voor volwassenen wel. Voor het ziekenhuis is een verwijzing "
            "nodig (algemene regels, controleer)."
        ),
        referral_required=True,
        interpretation_notes=INTERPRETER_INSURER,
    ),
    RuleDefault(
        K.POP_POLI,
        L.ZVW,
        P.INSURER,
        source=(
            f"Eigen risico: {DOCUMENT}, knelpunt 1.1: 'eigen risico voor POP-poli met "
            f"psychiater'. Wet, betaler en verwijzing: {GENERAL_LAW}"
        ),
        notes=(
            "De zorgverzekeraar betaalt de POP-poli, maar de zorg van de psychiater kost het "
            "gezin zijn eigen risico. Dat is een drempel voor juist de meest kwetsbare "
            "gezinnen. Een verwijzing is nodig (algemene regel, controleer)."
        ),
        eigen_risico_applies=True,
        referral_required=True,
    ),
    RuleDefault(
        K.HUISARTS,
        L.ZVW,
        P.INSURER,
        source=GENERAL_LAW,
        notes=(
            "De zorgverzekeraar betaalt de huisarts uit de basisverzekering; huisartsenzorg "
            "telt niet mee voor het eigen risico (algemene regel, controleer)."
        ),
    ),
    RuleDefault(
        K.PRECONCEPTIEZORG,
        L.ZVW,
        P.INSURER,
        source=(
            f"{DOCUMENT}, knelpunt 1.1: 'gebruik maken van anticonceptie en preconceptiezorg "
            "[gaat] vaak ten koste van eigen risico' en 'ZV bij geïndiceerde en "
            "zorggerelateerde preventie; gemeente bij universele en selectieve preventie'."
        ),
        notes=(
            "Preconceptiezorg bij de huisarts, verloskundige of in het ziekenhuis kost het gezin "
            "vaak zijn eigen risico. Wie het betaalt is niet altijd duidelijk: de "
            "zorgverzekeraar bij geïndiceerde en zorggerelateerde preventie, de gemeente bij "
            "universele en selectieve preventie (zoals een kinderwensspreekuur)."
        ),
        eigen_risico_applies=True,
    ),
    RuleDefault(
        K.ANTICONCEPTIE,
        L.ZVW,
        P.INSURER,
        source=(
            f"Eigen risico: {DOCUMENT}, knelpunt 1.1: 'gebruik maken van anticonceptie en "
            "preconceptiezorg [gaat] vaak ten koste van eigen risico'. Wet, betaler en "
            f"leeftijdsgrens: {GENERAL_LAW}"
        ),
        notes=(
            "Anticonceptie kost het gezin vaak zijn eigen risico. Voor volwassenen zit het "
            "middel zelf meestal alleen in de aanvullende verzekering (algemene regel, "
            "controleer). Vraag bij de gemeente na of die anticonceptie vergoedt, bijvoorbeeld "
            "via Nu Niet Zwanger."
        ),
        eigen_risico_applies=True,
    ),
    RuleDefault(
        K.GGZ_VOLWASSENEN,
        L.ZVW,
        P.INSURER,
        source=f"Wet en betaler: {CHAIN} Eigen risico en verwijzing: {GENERAL_LAW}",
        notes=(
            "De zorgverzekeraar betaalt GGZ voor volwassenen uit de basisverzekering. Het "
            "eigen risico geldt en een verwijzing van de huisarts is nodig (algemene regels, "
            "controleer)."
        ),
        eigen_risico_applies=True,
        referral_required=True,
    ),
    RuleDefault(
        K.VERSLAVINGSZORG,
        L.ZVW,
        P.INSURER,
        source=GENERAL_LAW,
        notes=(
            "Verslavingszorg wordt meestal door de zorgverzekeraar betaald; het eigen risico "
            "geldt en een verwijzing is nodig. De brondocumenten noemen dit niet: controleer."
        ),
        eigen_risico_applies=True,
        referral_required=True,
    ),
    RuleDefault(
        K.JGZ,
        L.WPG,
        P.MUNICIPALITY,
        source=f"Betaler: {CHAIN} Wet (Wpg) en geen eigen bijdrage: {GENERAL_LAW}",
        notes=(
            "De gemeente betaalt de jeugdgezondheidszorg; het consultatiebureau is gratis voor "
            "het gezin (algemene regel, controleer)."
        ),
    ),
    RuleDefault(
        K.JEUGDHULP,
        L.JEUGDWET,
        P.MUNICIPALITY,
        source=f"Betaler (sociaal domein): {CHAIN} Wet en verwijzing: {GENERAL_LAW}",
        notes=(
            "De gemeente betaalt jeugdhulp. Het gezin komt erin via de gemeente (het "
            "buurtteam) of met een verwijzing van bijvoorbeeld de huisarts of jeugdarts "
            "(algemene regel, controleer)."
        ),
        referral_required=True,
    ),
    RuleDefault(
        K.WMO,
        L.WMO,
        P.MUNICIPALITY,
        source=f"Betaler (sociaal domein): {CHAIN} Wet: {GENERAL_LAW}",
        notes=(
            "De gemeente betaalt ondersteuning uit de Wmo (algemene regel, controleer), zoals "
            "het buurtteam. Voor sommige "
            "voorzieningen vraagt de gemeente een eigen bijdrage; het bedrag staat niet in de "
            "bronnen: navragen bij de gemeente."
        ),
    ),
    RuleDefault(
        K.SCHULDHULP,
        L.PARTICIPATIEWET,
        P.MUNICIPALITY,
        source=f"Betaler (sociaal domein): {CHAIN} Wet: {GENERAL_LAW}",
        notes=(
            "De gemeente betaalt schuldhulpverlening; het gezin betaalt niets. Eigenlijk valt "
            "schuldhulp onder de Wet gemeentelijke schuldhulpverlening, die niet in de lijst "
            "van wetten staat; de bijzondere bijstand valt onder de Participatiewet "
            "(controleer)."
        ),
    ),
    RuleDefault(
        K.WELZIJN,
        L.INFORMAL,
        P.MUNICIPALITY,
        source=CHAIN,
        notes=(
            "Informele steun en welzijn worden door de gemeente betaald (vaak met subsidie) en "
            "zijn gratis voor het gezin. Ze kunnen in elke fase naast de zorg komen."
        ),
    ),
    RuleDefault(
        K.NU_NIET_ZWANGER,
        L.WPG,
        P.MUNICIPALITY,
        source=(
            f"{DOCUMENT}, knelpunt 2.1 en voetnoot 1: interventies op het grensvlak van Zvw, "
            "Wpg, Jeugdwet en Wmo; 'Gemeenten doen dit vaak al' (investeren in NNZ en "
            f"VoorZorg). Wet (Wpg): {GENERAL_LAW}"
        ),
        notes=(
            "Nu Niet Zwanger zit op het grensvlak van de zorgwetten. Gemeenten betalen het "
            "vaak; vraag na hoe het in je gemeente geregeld is (controleer)."
        ),
    ),
    RuleDefault(
        K.VOORZORG,
        L.WPG,
        P.MUNICIPALITY,
        source=(
            f"{DOCUMENT}, knelpunt 2.1 en voetnoot 1: interventies op het grensvlak van Zvw, "
            "Wpg, Jeugdwet en Wmo; 'Gemeenten doen dit vaak al' (investeren in NNZ en "
            f"VoorZorg). Wet (Wpg): {GENERAL_LAW}"
        ),
        notes=(
            "VoorZorg zit op het grensvlak van de zorgwetten. Gemeenten betalen het vaak; het "
            "is gratis voor het gezin. Vraag na hoe het in je gemeente geregeld is "
            "(controleer)."
        ),
    ),
    RuleDefault(
        K.STEVIG_OUDERSCHAP,
        L.WPG,
        P.MUNICIPALITY,
        source=(
            f"{DOCUMENT}, knelpunt 2.1: Stevig Ouderschap als interventie op het grensvlak "
            "van Zvw, Wpg, Jeugdwet en Wmo; 'Gemeenten financieren de benodigde aanvullende "
            f"interventies vanuit het gemeentefonds'. Wet (Wpg): {GENERAL_LAW}"
        ),
        notes=(
            "Stevig Ouderschap wordt meestal door de gemeente betaald, via de JGZ, en is "
            "gratis voor het gezin (controleer)."
        ),
    ),
    RuleDefault(
        K.CENTERING,
        L.ZVW,
        P.INSURER,
        source=(
            f"{DOCUMENT}, knelpunt 2.2 'Onvoldoende financiering CePr en CePa': "
            "CenteringZwangerschap via de verloskundige (beleidsregel integrale geboortezorg), "
            "CenteringParenting bij het consultatiebureau; in Utrecht subsidie van de gemeente."
        ),
        notes=(
            "CenteringZwangerschap hoort bij de verloskundige zorg en wordt door de "
            "zorgverzekeraar betaald; CenteringParenting hoort bij het consultatiebureau "
            "(gemeente). Voor het gezin zijn er geen extra kosten. Voor de praktijk is het vaak "
            "niet kostendekkend; soms geeft de gemeente subsidie."
        ),
        interpretation_notes=INTERPRETER_INSURER,
    ),
)
# `CareKind.OTHER` ("Overig") gets no rule: the sources say nothing about it, and a law or
# payer for "anything else" would be invented.


def _year_row(coalition, now, actor) -> FinancingYear:
    figures = YEAR_FIGURES
    return FinancingYear(
        coalition=coalition,
        year=figures.year,
        eigen_risico=figures.eigen_risico,
        eigen_risico_source=figures.eigen_risico_source,
        kraamzorg_standard_hours_low=figures.kraamzorg_standard_hours_low,
        kraamzorg_standard_hours_high=figures.kraamzorg_standard_hours_high,
        kraamzorg_max_hours=figures.kraamzorg_max_hours,
        kraamzorg_source=figures.kraamzorg_source,
        notes=figures.notes,
        updated_by=actor,
        updated_at=now,
    )


def _rule_row(coalition, spec: RuleDefault, now, actor) -> FinancingRule:
    return FinancingRule(
        coalition=coalition,
        year=YEAR,
        care_kind=spec.care_kind,
        law=spec.law,
        payer=spec.payer,
        eigen_risico_applies=spec.eigen_risico_applies,
        contribution_kind=spec.contribution_kind,
        contribution_amount=spec.contribution_amount,
        indication_required=spec.indication_required,
        referral_required=spec.referral_required,
        interpretation_payer="",
        interpretation_notes=spec.interpretation_notes,
        notes=spec.notes,
        source=spec.source,
        updated_by=actor,
        updated_at=now,
    )


def load_defaults(coalition, *, actor=None, request=None) -> int:
    """Write the shipped year figures and rules of `YEAR` for the coalition; what it already
    has (the year's figures, a kind's rule) is kept. Returns the number of rows written; an
    audit event records a load that wrote anything. Four queries when nothing is missing."""
    actor = actor if getattr(actor, "pk", None) else None
    now = timezone.now()
    with transaction.atomic():
        written = 0
        if not FinancingYear.objects.filter(coalition=coalition, year=YEAR).exists():
            _year_row(coalition, now, actor).save()
            written += 1
        existing = set(
            FinancingRule.objects.filter(
                coalition=coalition, year=YEAR, service__isnull=True
            ).values_list("care_kind", flat=True)
        )
        missing = [spec for spec in RULES if spec.care_kind not in existing]
        FinancingRule.objects.bulk_create(
            _rule_row(coalition, spec, now, actor) for spec in missing
        )
        written += len(missing)
        if written:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                object_type=FinancingRule._meta.label,
                coalition=coalition,
                summary=(
                    f"Standaardcijfers financiering {YEAR} geladen: {len(missing)} regels"
                    f"{' en de jaarcijfers' if written > len(missing) else ''}"
                ),
                changes={"year": YEAR, "care_kinds": [spec.care_kind for spec in missing]},
                request=request,
            )
    return written
