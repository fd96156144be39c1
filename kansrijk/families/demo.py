"""Fictional demo families for seed_demo, in every phase of the 1000 days.

Every name, date and number here is made up; no person has a BSN. Dates are relative to the
day the demo is loaded, so the phases stay spread whenever it is loaded. Each family has a
fixed reference ("DEMO-001"), so that running seed_demo again adds only what is missing.

Everything is written through the services (`kansrijk.families.services`), as a
professional of the care team would: the file, its people, the pregnancy and birth, the
care team and the consents, with their access events and timeline.

Importing this module registers the step with seed_demo (`register_demo_step`); the
families app imports it when Django starts.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Municipality, Professional

from .models import ConsentMethod, ConsentPurpose, Family, PersonRole, PregnancyOutcome
from .phases import DUE_DATE_DAY, PhaseCode
from .services import (
    care_team_member_add,
    consent_record,
    family_close,
    family_create,
    person_add,
    pregnancy_add,
    pregnancy_birth_record,
)

# The demo professional's role on a family, by login (kansrijk.organisations.demo).
ROLE_IN_FAMILY = {
    "verloskundige": "verloskundige",
    "verloskundige2": "verloskundige",
    "gynaecoloog": "gynaecoloog",
    "kraamzorg": "kraamverzorgende",
    "jgz": "jeugdverpleegkundige",
    "buurtteam": "buurtteammedewerker",
}
CASE_DIRECTOR = "casusregisseur"


@dataclass(frozen=True)
class Household:
    client: tuple[str, str]  # first and last name of the (pregnant) client or mother
    partner: str = ""  # first name; same last name unless given as "First Last"
    language: str = "Nederlands"
    interpreter: str = ""  # language of the interpreter, if one is needed
    insurer: str = "Zorgverzekeraar Rivierland"
    insurance_kind: str = "basis"
    low_income: bool = False
    strengths: str = ""
    sibling: str = ""  # an older child, born before this pregnancy


@dataclass(frozen=True)
class DemoFamily:
    reference: str
    coalition: str  # key in organisations.demo.COALITIONS
    municipality: str  # CBS code
    phase: PhaseCode
    # Gestational age in days today (pregnancy phases) or the child's age in days (after
    # birth); unused in preconception.
    days: int
    team: tuple[str, ...]  # logins; the first opens the file and is the case director
    household: Household
    child: str = ""  # first name of the child born from this pregnancy
    closed: bool = False
    mdo_consent: bool = False
    monitoring_consent: bool = True


H = Household
P = PhaseCode
LO, BV, HR = "GM9901", "GM9902", "GM9903"  # Lindeoord, Beekveld, Heuvelrande

# fmt: off
# Kept as a compact table, one family per few lines, to read as the demo's cast list.
FAMILIES = [
    # Before the pregnancy: a wish to have children, with help from the neighbourhood team.
    DemoFamily("DEMO-001", "lindeoord", LO, P.PRECONCEPTION, 0, ("buurtteam",),
        H(("Ilse", "van Dijk"), low_income=True,
          strengths="Heeft een vaste baan en een betrokken zus."), mdo_consent=True),
    DemoFamily("DEMO-002", "lindeoord", BV, P.PRECONCEPTION, 0, ("buurtteam", "verloskundige"),
        H(("Aisha", "Warsame"), language="Somalisch", interpreter="Somalisch",
          insurance_kind="gemeentepolis", low_income=True,
          strengths="Zoekt zelf hulp en komt afspraken na."), mdo_consent=True),
    DemoFamily("DEMO-003", "lindeoord", LO, P.PRECONCEPTION, 0, ("verloskundige",),
        H(("Lotte", "Vermeulen"), "Daan", strengths="Stopt met roken voor de zwangerschap.")),
    # Trimester 1.
    DemoFamily("DEMO-004", "lindeoord", LO, P.TRIMESTER_1, 45, ("verloskundige",),
        H(("Sanne", "de Boer"), "Jeroen", strengths="Stel met een groot netwerk.")),
    DemoFamily("DEMO-005", "lindeoord", BV, P.TRIMESTER_1, 60, ("verloskundige", "buurtteam"),
        H(("Fatma", "Yildiz"), "Emre", language="Turks", low_income=True,
          strengths="Schoonmoeder helpt mee.", sibling="Elif"), mdo_consent=True),
    DemoFamily("DEMO-006", "lindeoord", LO, P.TRIMESTER_1, 70, ("verloskundige",),
        H(("Noor", "van Leeuwen"), "Sem",
          strengths="Beiden werken en hebben een eigen huis.")),
    DemoFamily("DEMO-007", "lindeoord", BV, P.TRIMESTER_1, 80, ("verloskundige",),
        H(("Joanna", "Kowalska"), "Piotr Nowak", language="Pools", interpreter="Pools",
          insurer="Polder Zorg",
          strengths="Werkt in de kassen; partner spreekt wat Engels.")),
    DemoFamily("DEMO-008", "lindeoord", LO, P.TRIMESTER_1, 88, ("verloskundige", "buurtteam"),
        H(("Latifa", "Ouali"), insurance_kind="gemeentepolis", low_income=True,
          strengths="Is gemotiveerd om schulden op te lossen."),
        mdo_consent=True, monitoring_consent=False),
    # Trimester 2; JGZ makes its prenatal home visit where the family is vulnerable.
    DemoFamily("DEMO-009", "lindeoord", LO, P.TRIMESTER_2, 95, ("verloskundige",),
        H(("Nadia", "El Idrissi"), "Youssef",
          strengths="Heeft een opleiding tot doktersassistent.")),
    DemoFamily("DEMO-010", "lindeoord", BV, P.TRIMESTER_2, 120, ("verloskundige", "jgz"),
        H(("Yara", "Haddad"), "Omar", language="Arabisch", interpreter="Arabisch",
          insurance_kind="gemeentepolis", low_income=True, sibling="Lina",
          strengths="Hecht gezin; vader zoekt werk via de taalschool."), mdo_consent=True),
    DemoFamily("DEMO-011", "lindeoord", LO, P.TRIMESTER_2, 150, ("verloskundige", "gynaecoloog"),
        H(("Priya", "Ramdin"), "Ravi", strengths="Goed geïnformeerd over de eigen diabetes.")),
    DemoFamily("DEMO-012", "lindeoord", LO, P.TRIMESTER_2, 170, ("verloskundige",),
        H(("Marieke", "Hoekstra"), "Sjoerd", sibling="Jelle",
          strengths="Boerderij met familie om zich heen.")),
    DemoFamily("DEMO-013", "lindeoord", BV, P.TRIMESTER_2, 185,
        ("verloskundige", "buurtteam", "jgz"),
        H(("Tigist", "Haile"), "Dawit", language="Tigrinya", interpreter="Tigrinya",
          insurance_kind="gemeentepolis", low_income=True,
          strengths="Steun van de kerkgemeenschap."), mdo_consent=True),
    # Trimester 3: kraamzorg has had its intake.
    DemoFamily("DEMO-014", "lindeoord", LO, P.TRIMESTER_3, 192, ("verloskundige", "kraamzorg"),
        H(("Esra", "Kaya"), "Mehmet", language="Turks",
          strengths="Zus woont in dezelfde straat.")),
    DemoFamily("DEMO-015", "lindeoord", BV, P.TRIMESTER_3, 215,
        ("verloskundige", "kraamzorg", "jgz"),
        H(("Ana", "Popescu"), "Andrei", language="Roemeens", interpreter="Roemeens",
          insurer="", insurance_kind="onverzekerd", low_income=True,
          strengths="Werkgever denkt mee over een verzekering."), mdo_consent=True),
    DemoFamily("DEMO-016", "lindeoord", LO, P.TRIMESTER_3, 240,
        ("verloskundige", "gynaecoloog", "kraamzorg"),
        H(("Kim", "Nguyen"), "Minh", strengths="Heeft een zwangerschapscursus gevolgd.")),
    DemoFamily("DEMO-017", "lindeoord", LO, P.TRIMESTER_3, 262, ("verloskundige", "kraamzorg"),
        H(("Femke", "Dekker"), "Thijs", sibling="Mees",
          strengths="Opa en oma passen op de oudste.")),
    DemoFamily("DEMO-018", "lindeoord", BV, P.TRIMESTER_3, 275,
        ("verloskundige", "kraamzorg", "buurtteam"),
        H(("Olena", "Shevchenko"), language="Oekraïens", interpreter="Oekraïens",
          insurance_kind="gemeentepolis", low_income=True,
          strengths="Maakt contact met andere moeders in de opvang."), mdo_consent=True),
    DemoFamily("DEMO-019", "lindeoord", LO, P.TRIMESTER_3, 286, ("verloskundige", "kraamzorg"),
        H(("Chantal", "de Wit"), "Marco", strengths="Rustig en goed voorbereid.")),
    # Kraamperiode (day 0 to 7).
    DemoFamily("DEMO-020", "lindeoord", LO, P.KRAAMPERIODE, 1,
        ("verloskundige", "kraamzorg", "jgz"),
        H(("Daniëlle", "Pinas"), "Glenn", strengths="Partner heeft verlof genomen."),
        child="Jayden"),
    DemoFamily("DEMO-021", "lindeoord", BV, P.KRAAMPERIODE, 3,
        ("verloskundige", "kraamzorg", "jgz"),
        H(("Samira", "Bouzid"), "Karim", language="Arabisch", low_income=True,
          strengths="Borstvoeding gaat goed."), child="Amira", mdo_consent=True),
    DemoFamily("DEMO-022", "lindeoord", LO, P.KRAAMPERIODE, 5,
        ("verloskundige", "kraamzorg", "jgz"),
        H(("Wendy", "Koster"), "Rob", sibling="Lieke"), child="Finn"),
    DemoFamily("DEMO-023", "lindeoord", LO, P.KRAAMPERIODE, 7,
        ("verloskundige", "kraamzorg", "jgz", "buurtteam"),
        H(("Hanan", "Ali"), "Abdi", language="Somalisch", interpreter="Somalisch",
          insurance_kind="gemeentepolis", low_income=True,
          strengths="Buurvrouw kookt de eerste week."), child="Idil", mdo_consent=True),
    # The gap between the end of kraamzorg and the first JGZ visit (day 8 to week 5).
    DemoFamily("DEMO-024", "lindeoord", BV, P.GAP, 9, ("verloskundige", "jgz"),
        H(("Shanti", "Bhagwandin"), "Vikash", strengths="Grote familie die helpt."),
        child="Arjun"),
    DemoFamily("DEMO-025", "lindeoord", LO, P.GAP, 15, ("verloskundige", "jgz", "buurtteam"),
        H(("Rosa", "Kuipers"), insurance_kind="gemeentepolis", low_income=True,
          strengths="Vriendin logeert de eerste weken."), child="Noah", mdo_consent=True),
    DemoFamily("DEMO-026", "lindeoord", LO, P.GAP, 22, ("verloskundige", "jgz"),
        H(("Maud", "Brouwer"), "Lars", sibling="Tess"), child="Julia"),
    DemoFamily("DEMO-027", "lindeoord", BV, P.GAP, 31, ("verloskundige", "jgz"),
        H(("Zeynep", "Çelik"), "Can", language="Turks", strengths="Vader werkt vanuit huis."),
        child="Ayla"),
    # The first year.
    DemoFamily("DEMO-028", "lindeoord", LO, P.INFANCY, 40, ("jgz",),
        H(("Eline", "Postma"), "Bas", strengths="Rustige baby, ouders genieten."),
        child="Sofie"),
    DemoFamily("DEMO-029", "lindeoord", BV, P.INFANCY, 90, ("jgz", "buurtteam"),
        H(("Rachida", "Benali"), "Said", insurance_kind="gemeentepolis", low_income=True,
          sibling="Adam", strengths="Moeder volgt een taalcursus."),
        child="Yasmine", mdo_consent=True),
    DemoFamily("DEMO-030", "lindeoord", LO, P.INFANCY, 150, ("jgz",),
        H(("Sophie", "Willems"), "Tom"), child="Levi"),
    DemoFamily("DEMO-031", "lindeoord", LO, P.INFANCY, 210, ("jgz",),
        H(("Gabriela", "Silva"), "Lucas", language="Portugees", interpreter="Portugees",
          insurer="Polder Zorg", strengths="Goed contact met de buren."), child="Mateus"),
    DemoFamily("DEMO-032", "lindeoord", BV, P.INFANCY, 280, ("jgz", "buurtteam"),
        H(("Naomi", "Sedney"), "Quincy", low_income=True,
          strengths="Vader is trots en betrokken."), child="Kylian", mdo_consent=True),
    DemoFamily("DEMO-033", "lindeoord", LO, P.INFANCY, 340, ("jgz",),
        H(("Anouk", "Meijer"), "Rick", sibling="Saar"), child="Bram"),
    # The second year.
    DemoFamily("DEMO-034", "lindeoord", LO, P.TODDLER, 380, ("jgz",),
        H(("Jasmijn", "Kramer"), "Niels"), child="Fleur"),
    DemoFamily("DEMO-035", "lindeoord", BV, P.TODDLER, 450, ("jgz", "buurtteam"),
        H(("Meryem", "Aydin"), "Burak", language="Turks", low_income=True,
          strengths="Gezin heeft weer een eigen woning."), child="Yusuf", mdo_consent=True),
    DemoFamily("DEMO-036", "lindeoord", LO, P.TODDLER, 560, ("jgz",),
        H(("Dewi", "Kartosen"), "Rinaldo", strengths="Oma woont in."), child="Kiara"),
    DemoFamily("DEMO-037", "lindeoord", LO, P.TODDLER, 700, ("jgz",),
        H(("Sara", "Tesfay"), "Yonas", language="Tigrinya", interpreter="Tigrinya",
          insurance_kind="gemeentepolis", low_income=True), child="Meron",
        monitoring_consent=False),
    # The 1000 days are over: two files closed, one still to close.
    DemoFamily("DEMO-038", "lindeoord", BV, P.CLOSED, 740, ("jgz",),
        H(("Emma", "Hendriks"), "Stijn"), child="Olivia", closed=True),
    DemoFamily("DEMO-039", "lindeoord", LO, P.CLOSED, 800, ("jgz", "buurtteam"),
        H(("Mirjam", "Bos"), "Henk", low_income=True,
          strengths="Schulden zijn geregeld; ouders werken allebei."),
        child="Luuk", closed=True),
    DemoFamily("DEMO-040", "lindeoord", LO, P.CLOSED, 900, ("jgz",),
        H(("Jennifer", "Martina"), "Roderick", language="Papiaments"), child="Naïma"),
    # The second coalition: its own midwife, and the gynaecologist who works in both.
    DemoFamily("DEMO-101", "heuvelrande", HR, P.TRIMESTER_1, 66, ("verloskundige2",),
        H(("Lieke", "van den Berg"), "Koen")),
    DemoFamily("DEMO-102", "heuvelrande", HR, P.TRIMESTER_2, 140,
        ("verloskundige2", "gynaecoloog"),
        H(("Hatice", "Doğan"), "Serkan", language="Turks", low_income=True),
        mdo_consent=True),
    DemoFamily("DEMO-103", "heuvelrande", HR, P.TRIMESTER_3, 230, ("verloskundige2",),
        H(("Malika", "Ait Said"), "Hamza", sibling="Rayan")),
    DemoFamily("DEMO-104", "heuvelrande", HR, P.KRAAMPERIODE, 4, ("verloskundige2",),
        H(("Britt", "Schouten"), "Jesse"), child="Mila"),
]
# fmt: on

CLOSED_REASON = "De 1000 dagen zijn voorbij; het kind is in de reguliere JGZ-zorg."


def seed_demo_families() -> str:
    """Add the demo families that are missing (by reference) and say how many were added."""
    today = timezone.localdate()
    professionals = {
        p.username: p
        for p in Professional.objects.filter(username__in={u for f in FAMILIES for u in f.team})
    }
    added = 0
    for number, spec in enumerate(FAMILIES, start=1):
        coalition = Coalition.objects.get(
            name=organisations_demo.COALITIONS[spec.coalition]["name"]
        )
        if Family.objects.filter(coalition=coalition, reference=spec.reference).exists():
            continue
        municipality = Municipality.objects.get(cbs_code=spec.municipality)
        _demo_family(spec, number, municipality=municipality, people=professionals, today=today)
        added += 1
    return f"Demo-gezinnen: {added} nieuw, {len(FAMILIES)} in totaal."


@transaction.atomic
def _demo_family(
    spec: DemoFamily, number: int, *, municipality: Municipality, people: dict, today: date
) -> None:
    household = spec.household
    director = people[spec.team[0]]
    family = family_create(
        actor=director,
        municipality=municipality,
        data={
            "postcode": f"{9901 + number % 3} {_postcode_letters(number)}",
            "main_language": household.language,
            "interpreter_needed": bool(household.interpreter),
            "interpreter_language": household.interpreter,
            "health_insurer": household.insurer,
            "insurance_kind": household.insurance_kind,
            "low_income": household.low_income,
            "strengths": household.strengths,
        },
        role_in_family=f"{ROLE_IN_FAMILY[spec.team[0]]}, {CASE_DIRECTOR}",
    )
    # The fixed reference makes the demo idempotent and easy to find in a demo.
    Family.objects.filter(pk=family.pk).update(reference=spec.reference)
    pk = family.pk
    for username in spec.team[1:]:
        care_team_member_add(
            actor=director,
            family_pk=pk,
            professional=people[username],
            role_in_family=ROLE_IN_FAMILY[username],
        )
    _demo_people(spec, number, actor=director, family_pk=pk, today=today)
    for purpose, given in (
        (ConsentPurpose.CARE_TEAM, True),
        (ConsentPurpose.MDO_NAMED, spec.mdo_consent),
        (ConsentPurpose.MONITORING, spec.monitoring_consent),
    ):
        consent_record(
            actor=director,
            family_pk=pk,
            purpose=purpose,
            given=given,
            method=ConsentMethod.WRITTEN if number % 2 else ConsentMethod.VERBAL,
        )
    if spec.closed:
        version = Family.objects.values_list("version", flat=True).get(pk=pk)
        family_close(actor=director, family_pk=pk, expected_version=version, reason=CLOSED_REASON)


def _demo_people(spec: DemoFamily, number: int, *, actor, family_pk: int, today: date) -> None:
    household = spec.household
    first, last = household.client
    age_years = 19 + (number * 7) % 23
    person_add(
        actor=actor,
        family_pk=family_pk,
        data={
            "role": PersonRole.CLIENT,
            "first_name": first,
            "last_name": last,
            "date_of_birth": today - timedelta(days=365 * age_years + number * 11),
            "phone": f"06 9000{number:04d}",
            "email": f"demo-{number:03d}@example.invalid",
            "preferred_contact": "phone" if number % 3 else "sms",
        },
    )
    if household.partner:
        partner_first, _, partner_last = household.partner.partition(" ")
        person_add(
            actor=actor,
            family_pk=family_pk,
            data={
                "role": PersonRole.PARTNER,
                "first_name": partner_first,
                "last_name": partner_last or last,
                "date_of_birth": today - timedelta(days=365 * (age_years + 2) + number * 5),
            },
        )
    if household.sibling:
        person_add(
            actor=actor,
            family_pk=family_pk,
            data={
                "role": PersonRole.CHILD,
                "first_name": household.sibling,
                "last_name": last,
                "date_of_birth": today - timedelta(days=365 * 3 + spec.days + number * 13),
            },
        )
    if spec.phase == PhaseCode.PRECONCEPTION:
        return
    born = spec.phase not in (PhaseCode.TRIMESTER_1, PhaseCode.TRIMESTER_2, PhaseCode.TRIMESTER_3)
    if born:
        birth_date = today - timedelta(days=spec.days)
        # Born between 37+3 and 41+2 weeks: the due date lies a few days either side.
        due_date = birth_date + timedelta(days=(number % 7) * 3 - 9)
    else:
        due_date = today + timedelta(days=DUE_DATE_DAY - spec.days)
    # Care usually starts around 8 weeks of pregnancy; never after today.
    entered_care_on = min(due_date - timedelta(days=DUE_DATE_DAY - 56), today)
    gravidity = 2 if household.sibling else 1
    pregnancy = pregnancy_add(
        actor=actor,
        family_pk=family_pk,
        data={
            "due_date": due_date,
            "gravidity": gravidity,
            "parity": gravidity - 1,
            "entered_care_on": entered_care_on,
        },
    )
    if born:
        pregnancy_birth_record(
            actor=actor,
            family_pk=family_pk,
            pregnancy_pk=pregnancy.pk,
            birth_date=birth_date,
            outcome=PregnancyOutcome.LIVE_BIRTH,
            child_first_name=spec.child or "Baby",
            child_last_name=last,
        )


def _postcode_letters(number: int) -> str:
    letters = "ABCEGHJKLMNPRTVWXZ"  # never SA, SD or SS
    return letters[number % len(letters)] + letters[(number * 5) % len(letters)]


organisations_demo.register_demo_step(20, seed_demo_families)
