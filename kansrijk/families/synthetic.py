"""Synthetic families at national scale, for the benchmark (issue 5).

Realistic, fictional and reproducible: the same arguments and seed on the same day give the
same rows (dates are relative to today, so the 1000-day phases stay spread). No name, postcode
or phone number here belongs to a real person, and no person gets a BSN.

Generated data is marked so it never mixes with real or demo data: family references start
with ``SYN-``, usernames with ``syn-`` and region, coalition and organisation names with
``SYN``. `generate` refuses a database that already holds other families (unless forced) or
synthetic data (unless asked to reset it first).

Speed: the structure (regions, coalitions, organisations, professionals) is small and written
with the ORM; the family rows are streamed in batches and written with COPY on PostgreSQL
(executemany elsewhere), with primary keys handed out here, so that child rows point at their
family without a round trip. Sequences are reset at the end.

Reproducibility does not depend on the batch size: every family draws from its own random
generator (seeded with the seed and its number), and the care-team "decks" below are drawn
in family order.
"""

import contextlib
import json
import math
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.organisations.models import (
    Coalition,
    Discipline,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Professional,
    Region,
)

from .grounds import CARE_TEAM
from .models import (
    CareTeamMember,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Family,
    FamilyStatus,
    FamilyVersion,
    Person,
    PersonRole,
    Pregnancy,
    PregnancyOutcome,
    TimelineEvent,
    TimelineKind,
)
from .phases import DUE_DATE_DAY, PhaseCode, add_years, phase_date_bounds

MARK = "SYN"
REFERENCE_PREFIX = "SYN-"
USERNAME_PREFIX = "syn-"
FAMILIES_PER_COALITION = 20_000
COALITIONS_PER_REGION = 10
DEFAULT_BATCH_SIZE = 5_000
# A professional is on 50-300 families (issue 5). Pools are sized for an average of
# TARGET_CASELOAD per workload unit; a professional works 1, 2 or 3 units (part-time to
# full-time plus), so caseloads land around 75, 150 and 225.
TARGET_CASELOAD = 75
CASELOAD_BOUNDS = (50, 300)
ACCESS_EVENTS_PER_FAMILY = (16, 24)  # about 20
ACCESS_LOG_YEARS = 3
FIRST_CBS_CODE = 5000  # GM5000-GM9899: clear of real codes (below GM2000) and the demo (GM99xx)
LAST_CBS_CODE = 9899

Action = AccessEvent.Action
D = Discipline
P = PhaseCode


class SyntheticDataError(Exception):
    """Why the generator refuses to run; the message is Dutch, for the command line."""


# --- Fictional names and values -------------------------------------------------------------

FEMALE_NAMES = (
    "Anna", "Emma", "Sophie", "Julia", "Lotte", "Sanne", "Fleur", "Noor", "Eva", "Lisa",
    "Iris", "Femke", "Maud", "Anouk", "Esra", "Fatma", "Yasmina", "Naima", "Samira", "Hanan",
    "Aisha", "Olena", "Joanna", "Ana", "Priya", "Shanti", "Dewi", "Chantal", "Naomi", "Kim",
    "Marieke", "Rosa", "Zeynep", "Meryem", "Tigist", "Gabriela", "Daniëlle", "Jennifer",
    "Wendy", "Latifa",
)  # fmt: skip
MALE_NAMES = (
    "Daan", "Sem", "Lucas", "Thijs", "Jeroen", "Bas", "Tom", "Rick", "Niels", "Stijn",
    "Mehmet", "Emre", "Youssef", "Omar", "Karim", "Said", "Abdi", "Dawit", "Piotr", "Andrei",
    "Ravi", "Vikash", "Minh", "Glenn", "Quincy", "Rinaldo", "Marco", "Koen", "Jesse", "Can",
)  # fmt: skip
CHILD_NAMES = (
    "Noah", "Liam", "Finn", "Levi", "Sem", "Luuk", "Bram", "Adam", "Yusuf", "Mees",
    "Olivia", "Mila", "Sofie", "Julia", "Tess", "Saar", "Nora", "Yara", "Amira", "Lina",
    "Idil", "Ayla", "Meron", "Kiara", "Jayden", "Arjun", "Mateus", "Elif", "Rayan", "Fenna",
)  # fmt: skip
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "Kaya",
    "Yilmaz", "El Idrissi", "Bouzid", "Benali", "Ouali", "Haddad", "Nguyen", "Ramdin",
    "Bhagwandin", "Pinas", "Sedney", "Martina", "Kowalska", "Popescu", "Shevchenko", "Haile",
    "Warsame", "Ali", "Silva", "Kartosen", "Hoekstra", "Postma", "Kramer", "Koster",
)  # fmt: skip
TOWN_PARTS = (
    ("Linde", "Beek", "Heuvel", "Water", "Zand", "Eiken", "Berken", "Molen", "Vlier", "Hoog",
     "Klaver", "Riet", "Wilgen", "Dijk", "Veen", "Esch", "Hazel", "Lis", "Rozen", "Vos"),
    ("oord", "veld", "rade", "dam", "wijk", "horst", "berg", "hoven", "meer", "broek",
     "loo", "haven", "wolde", "sloot", "ee"),
)  # fmt: skip
LANGUAGES = (
    ("Nederlands", 70), ("Turks", 5), ("Arabisch", 6), ("Pools", 3), ("Engels", 3),
    ("Tigrinya", 2), ("Somalisch", 2), ("Oekraïens", 3), ("Roemeens", 2), ("Portugees", 2),
    ("Papiaments", 2),
)  # fmt: skip
INSURERS = ("Zorgverzekeraar Rivierland", "Polder Zorg", "Duinzorg", "Zorgkring Midden")
INSURANCE_KINDS = (("basis", 45), ("basis_aanvullend", 35), ("gemeentepolis", 12),
                   ("onverzekerd", 2), ("onbekend", 6))  # fmt: skip
STRENGTHS = (
    "", "Heeft een steunend netwerk.", "Oma woont dichtbij en helpt mee.",
    "Ouders zijn betrokken en komen afspraken na.", "Zoekt zelf hulp als het nodig is.",
    "Heeft werk en een eigen woning.", "Volgt een taalcursus.", "Buren helpen mee.",
)  # fmt: skip
CLOSED_REASON = "De 1000 dagen zijn voorbij; het kind is in de reguliere JGZ-zorg."
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1",
    "kansrijk-koppeling/1.0 (API)",
)
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"  # never SA, SD or SS

# The phase "deck": each block of DECK families holds every phase this many times, shuffled,
# so that even a tiny run covers all phases and a large one has realistic shares (a family
# spends about a third of the 1000 days in each of infancy and toddlerhood).
PHASE_DECK = (
    (P.PRECONCEPTION, 3), (P.TRIMESTER_1, 5), (P.TRIMESTER_2, 5), (P.TRIMESTER_3, 5),
    (P.KRAAMPERIODE, 1), (P.GAP, 2), (P.INFANCY, 14), (P.TODDLER, 13), (P.CLOSED, 2),
)  # fmt: skip
DECK = sum(n for _, n in PHASE_DECK)

# Care team per phase: the required disciplines (the first is the case director), then as many
# optional ones as the team size (2-4) asks.
TEAMS = {
    P.PRECONCEPTION: ((D.NEIGHBOURHOOD_WORKER,),
                      (D.MIDWIFE, D.SOCIAL_WORKER, D.GP, D.MENTAL_HEALTH, D.EXPERIENCE_EXPERT)),
    P.TRIMESTER_1: ((D.MIDWIFE,),
                    (D.GYNAECOLOGIST, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER, D.YOUTH_NURSE)),
    P.TRIMESTER_2: ((D.MIDWIFE,),
                    (D.YOUTH_NURSE, D.GYNAECOLOGIST, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER)),
    P.TRIMESTER_3: ((D.MIDWIFE, D.MATERNITY_CARER),
                    (D.GYNAECOLOGIST, D.YOUTH_NURSE, D.NEIGHBOURHOOD_WORKER)),
    P.KRAAMPERIODE: ((D.MIDWIFE, D.MATERNITY_CARER),
                     (D.YOUTH_NURSE, D.NEIGHBOURHOOD_WORKER, D.PAEDIATRICIAN)),
    P.GAP: ((D.MIDWIFE, D.YOUTH_NURSE),
            (D.MATERNITY_CARER, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER)),
    P.INFANCY: ((D.YOUTH_NURSE,),
                (D.YOUTH_DOCTOR, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER, D.MENTAL_HEALTH,
                 D.EXPERIENCE_EXPERT)),
    P.TODDLER: ((D.YOUTH_NURSE,),
                (D.YOUTH_DOCTOR, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER, D.MENTAL_HEALTH)),
    P.CLOSED: ((D.YOUTH_NURSE,), (D.YOUTH_DOCTOR, D.NEIGHBOURHOOD_WORKER, D.SOCIAL_WORKER)),
}  # fmt: skip
TEAM_SIZES = ((2, 45), (3, 35), (4, 20))

# Which organisation a discipline works for, and the short code in its username.
DISCIPLINE_ORGANISATION = {
    D.MIDWIFE: (OrganisationKind.MIDWIFERY, "vk"),
    D.GYNAECOLOGIST: (OrganisationKind.HOSPITAL, "gyn"),
    D.PAEDIATRICIAN: (OrganisationKind.HOSPITAL, "ka"),
    D.MATERNITY_CARER: (OrganisationKind.KRAAMZORG, "kz"),
    D.YOUTH_NURSE: (OrganisationKind.JGZ, "jvp"),
    D.YOUTH_DOCTOR: (OrganisationKind.JGZ, "ja"),
    D.NEIGHBOURHOOD_WORKER: (OrganisationKind.NEIGHBOURHOOD_TEAM, "bt"),
    D.SOCIAL_WORKER: (OrganisationKind.NEIGHBOURHOOD_TEAM, "mw"),
    D.MENTAL_HEALTH: (OrganisationKind.GGZ, "ggz"),
    D.GP: (OrganisationKind.GP, "ha"),
    D.EXPERIENCE_EXPERT: (OrganisationKind.WELFARE, "ed"),
}
ORGANISATION_NAMES = {
    OrganisationKind.MIDWIFERY: "Verloskundigenpraktijk {town}",
    OrganisationKind.HOSPITAL: "Ziekenhuis {town}",
    OrganisationKind.KRAAMZORG: "Kraamzorg {town}",
    OrganisationKind.JGZ: "JGZ {town}",
    OrganisationKind.NEIGHBOURHOOD_TEAM: "Buurtteam {town}",
    OrganisationKind.GGZ: "GGZ {town}",
    OrganisationKind.GP: "Huisartsenpraktijk {town}",
    OrganisationKind.WELFARE: "Welzijn {town}",
    OrganisationKind.MUNICIPALITY: "Gemeente {town}",
}


def default_coalitions(families: int) -> int:
    return max(1, families // FAMILIES_PER_COALITION)


def _weighted(rng: random.Random, table) -> object:
    values = [v for v, _ in table]
    return rng.choices(values, weights=[w for _, w in table])[0]


# --- Sizing the professional pool -------------------------------------------------------------


def discipline_shares() -> dict[str, float]:
    """Expected number of care-team places per family, by discipline (sums to the team size)."""
    mean_size = sum(s * w for s, w in TEAM_SIZES) / sum(w for _, w in TEAM_SIZES)
    shares: dict[str, float] = {}
    for phase, count in PHASE_DECK:
        required, optional = TEAMS[phase]
        weight = count / DECK
        for discipline in required:
            shares[discipline] = shares.get(discipline, 0) + weight
        extra = sum(min(max(s - len(required), 0), len(optional)) * w for s, w in TEAM_SIZES) / sum(
            w for _, w in TEAM_SIZES
        )
        for discipline in optional:
            shares[discipline] = shares.get(discipline, 0) + weight * extra / len(optional)
    assert abs(sum(shares.values()) - mean_size) < 0.5  # noqa: S101 (a check of this code)
    return shares


def pool_size(expected_places: float) -> int:
    """How many professionals of one discipline a coalition needs for `expected_places`.

    With workloads of 1-3 units (mean 2) the mean caseload is TARGET_CASELOAD * 2 = 150.
    """
    return max(1, round(expected_places / (2 * TARGET_CASELOAD)))


class Deck:
    """Hands out professionals in turn, each as often as their workload, reshuffled per round.

    A professional's caseload is then proportional to their workload, within one of the
    others: no one is overloaded by chance, which keeps caseloads within CASELOAD_BOUNDS.
    """

    def __init__(self, key: str, members: list[tuple["Staff", int]]):
        self.key = key
        self.cards = [staff for staff, workload in members for _ in range(workload)]
        self.round = 0
        self.hand: list = []

    def draw(self) -> "Staff":
        if not self.hand:
            self.hand = list(self.cards)
            random.Random(f"{self.key}:{self.round}").shuffle(self.hand)
            self.round += 1
        return self.hand.pop()


# --- The structure: regions, coalitions, organisations, professionals ---------------------


@dataclass
class Staff:
    """A professional as the family rows need them (copied as text into the access log)."""

    id: int
    username: str
    membership_id: int
    discipline: str
    role: str  # lower-case discipline label, as "rol bij dit gezin"
    display: str
    organisation: str
    discipline_label: str
    phone: str
    ip: str


@dataclass
class CoalitionPlan:
    number: int
    id: int
    families: int
    municipalities: list[tuple[int, list[str]]] = field(default_factory=list)  # id, pc4 codes
    decks: dict[str, Deck] = field(default_factory=dict)


@dataclass
class Summary:
    families: int = 0
    coalitions: int = 0
    professionals: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    example_username: str = ""


def _town_names(rng: random.Random, count: int) -> list[str]:
    combos = [a + b for a in TOWN_PARTS[0] for b in TOWN_PARTS[1]]
    rng.shuffle(combos)
    return [
        combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "")
        for i in range(count)
    ]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` over `parts` with realistic differences in size; exact sum (largest remainder)."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    by_remainder = sorted(range(parts), key=lambda i: weights[i] * scale - sizes[i], reverse=True)
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _build_structure(
    *, families: int, coalitions: int, seed: int, password: str | None, today: date
) -> tuple[list[CoalitionPlan], int, str]:
    rng = random.Random(f"{seed}:structure")
    towns = _town_names(rng, coalitions * 4)
    sizes = _split(families, coalitions, rng)
    shares = discipline_shares()
    password_hash = make_password(password)  # one hash for all: hashing is slow on purpose
    regions = Region.objects.bulk_create(
        Region(name=f"{MARK} Regio {towns[i * COALITIONS_PER_REGION * 4]}")
        for i in range(math.ceil(coalitions / COALITIONS_PER_REGION))
    )
    plans: list[CoalitionPlan] = []
    cbs = FIRST_CBS_CODE
    pc4_counter = 0
    professionals: list[Professional] = []
    memberships: list[tuple[int, str, Professional, str, int, str]] = []
    coalition_objs = Coalition.objects.bulk_create(
        Coalition(
            region=regions[i // COALITIONS_PER_REGION],
            name=f"{MARK} Kansrijke Start {towns[i * 4]}",
        )
        for i in range(coalitions)
    )
    municipality_objs = []
    organisations: dict[tuple[int, str], list[Organisation]] = {}
    for index, coalition in enumerate(coalition_objs):
        plan = CoalitionPlan(number=index + 1, id=coalition.pk, families=sizes[index])
        plans.append(plan)
        coalition_towns = towns[index * 4 : index * 4 + rng.randint(2, 4)]
        for town in coalition_towns:
            if cbs > LAST_CBS_CODE:
                raise SyntheticDataError("Te veel gemeenten: kies minder coalities.")
            municipality_objs.append(
                Municipality(cbs_code=f"GM{cbs:04d}", name=town, coalition=coalition)
            )
            cbs += 1
        town = coalition_towns[0]
        for kind in ORGANISATION_NAMES:
            practices = rng.randint(2, 3) if kind == OrganisationKind.MIDWIFERY else 1
            organisations[(index, kind)] = [
                Organisation(
                    name=f"{MARK} "
                    + ORGANISATION_NAMES[kind].format(town=town)
                    + (f" {('Noord', 'Zuid', 'Oost')[n]}" if practices > 1 else ""),
                    kind=kind,
                    phone=f"0{rng.randint(10, 99)} {rng.randint(1000000, 9999999)}",
                    email=f"info@{kind}-{plan.number}.example.invalid",
                )
                for n in range(practices)
            ]
    Municipality.objects.bulk_create(municipality_objs)
    all_orgs = Organisation.objects.bulk_create(o for orgs in organisations.values() for o in orgs)
    Organisation.coalitions.through.objects.bulk_create(
        Organisation.coalitions.through(organisation_id=org.pk, coalition_id=coalition_objs[i].pk)
        for (i, _kind), orgs in organisations.items()
        for org in orgs
    )
    del all_orgs
    plan_by_id = {plan.id: plan for plan in plans}
    for municipality in municipality_objs:
        plan = plan_by_id[municipality.coalition_id]
        codes = []
        for _ in range(rng.randint(2, 5)):
            codes.append(f"{1000 + (pc4_counter * 37) % 9000}")
            pc4_counter += 1
        plan.municipalities.append((municipality.pk, codes))

    def person(username: str, first: str, last: str) -> Professional:
        return Professional(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            password=password_hash,
        )

    workloads: dict[str, int] = {}
    for index, plan in enumerate(plans):
        for discipline, share in shares.items():
            kind, code = DISCIPLINE_ORGANISATION[discipline]
            for n in range(pool_size(plan.families * share)):
                username = f"{USERNAME_PREFIX}{plan.number:03d}-{code}-{n + 1:03d}"
                professionals.append(
                    person(username, rng.choice(FEMALE_NAMES + MALE_NAMES), rng.choice(LAST_NAMES))
                )
                orgs = organisations[(index, kind)]
                memberships.append(
                    (index, discipline, professionals[-1], "professional", n % len(orgs), "")
                )
                workloads[username] = 0  # set per pool below
        for role in ("coordinator", "analyst"):
            username = f"{USERNAME_PREFIX}{plan.number:03d}-{role}"
            professionals.append(
                person(username, rng.choice(FEMALE_NAMES + MALE_NAMES), rng.choice(LAST_NAMES))
            )
            memberships.append((index, D.OTHER, professionals[-1], role, 0, ""))
    Professional.objects.bulk_create(professionals, batch_size=2000)
    ids = dict(
        Professional.objects.filter(username__startswith=USERNAME_PREFIX).values_list(
            "username", "pk"
        )
    )
    membership_objs = []
    for index, discipline, prof, role, org_no, _ in memberships:
        kind = (
            OrganisationKind.MUNICIPALITY
            if discipline == D.OTHER
            else DISCIPLINE_ORGANISATION[discipline][0]
        )
        membership_objs.append(
            Membership(
                professional_id=ids[prof.username],
                organisation=organisations[(index, kind)][org_no],
                coalition_id=plans[index].id,
                discipline=discipline,
                is_professional=role == "professional",
                is_coordinator=role == "coordinator",
                is_analyst=role == "analyst",
                phone=f"06 {rng.randint(10000000, 99999999)}",
                start_date=today - timedelta(days=rng.randint(60, 3000)),
            )
        )
    Membership.objects.bulk_create(membership_objs, batch_size=2000)
    membership_ids = dict(
        Membership.objects.filter(professional__username__startswith=USERNAME_PREFIX).values_list(
            "professional_id", "pk"
        )
    )
    pools: dict[tuple[int, str], list[tuple[Staff, int]]] = {}
    for (index, discipline, prof, role, _org_no, _), membership in zip(
        memberships, membership_objs, strict=True
    ):
        if role != "professional":
            continue
        label = str(Discipline(discipline).label)
        staff = Staff(
            id=ids[prof.username],
            username=prof.username,
            membership_id=membership_ids[ids[prof.username]],
            discipline=discipline,
            role=label.lower(),
            display=f"{prof.first_name} {prof.last_name} ({prof.username})",
            organisation=membership.organisation.name,
            discipline_label=label,
            phone=membership.phone,
            ip=f"10.{plans[index].number % 250}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        )
        pools.setdefault((index, discipline), []).append((staff, workloads[prof.username]))
    for (index, discipline), members in pools.items():
        # Workloads 1, 2, 3, 1, 2, 3, ... shuffled: their sum stays close to twice the pool,
        # which keeps every caseload within CASELOAD_BOUNDS (`pool_size`).
        shares_ = [k % 3 + 1 for k in range(len(members))]
        rng.shuffle(shares_)
        members[:] = [(staff, share) for (staff, _w), share in zip(members, shares_, strict=True)]
        plan = plans[index]
        plan.decks[discipline] = Deck(f"{seed}:deck:{plan.number}:{discipline}", members)
    example = max(
        (
            staff
            for (_i, d), members in pools.items()
            if d == D.YOUTH_NURSE
            for staff, _w in members
        ),
        key=lambda s: s.id,
        default=None,
    )
    return plans, len(professionals), example.username if example else ""


# --- The family rows ------------------------------------------------------------------------

# Columns written per table, in order. Other columns of the model get their default
# (`TableWriter`), so a field added later with a default does not break the generator.
COLUMNS = {
    Family: (
        "id", "coalition_id", "municipality_id", "reference", "postcode", "main_language",
        "interpreter_needed", "interpreter_language", "health_insurer", "insurance_kind",
        "low_income", "strengths", "status", "closed_at", "closed_reason", "version",
        "created_at", "updated_at", "created_by_id",
    ),
    Pregnancy: (
        "id", "family_id", "coalition_id", "due_date", "gravidity", "parity",
        "entered_care_on", "birth_date", "outcome", "created_at", "updated_at",
    ),
    Person: (
        "id", "family_id", "coalition_id", "role", "first_name", "last_name", "date_of_birth",
        "bsn", "phone", "email", "preferred_contact", "pregnancy_id", "created_at", "updated_at",
    ),
    CareTeamMember: (
        "id", "family_id", "coalition_id", "professional_id", "membership_id", "role_in_family",
        "phone", "start_date", "end_date", "added_by_id", "created_at",
    ),
    Consent: (
        "id", "family_id", "coalition_id", "purpose", "given", "method", "recorded_by_id",
        "recorded_at", "withdrawn_at", "withdrawn_by_id",
    ),
    FamilyVersion: (
        "id", "family_id", "coalition_id", "version", "snapshot", "changes", "changed_by_id",
        "changed_at",
    ),
    TimelineEvent: (
        "id", "family_id", "coalition_id", "kind", "summary", "actor_id", "at", "object_type",
        "object_id", "changes",
    ),
    AccessEvent: (
        "id", "timestamp", "user_id", "user_display", "organisation", "discipline",
        "on_behalf_of", "coalition_id", "family_id", "persons", "action", "detail",
        "ip_address", "user_agent", "session_hash", "ground", "ground_detail", "authorisation",
        "treatment_relationship", "consent", "emergency",
    ),
}  # fmt: skip
# Parents first: children point at rows written earlier in the same batch.
TABLE_ORDER = (
    Family, Pregnancy, Person, CareTeamMember, Consent, FamilyVersion, TimelineEvent,
    AccessEvent,
)  # fmt: skip


# --- Rows of later apps ---------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticFamily:
    """What a later app needs to know of one generated family to add its own rows."""

    number: int
    family_id: int
    coalition: int
    phase: PhaseCode
    team: list  # Staff; the first is the case director
    pregnancy: tuple | None  # (due, birth, outcome, entered)
    pregnancy_id: int | None
    client_id: int  # the family's client (the pregnant woman or mother)
    created: int  # seconds since the epoch
    closed_at: int | None
    now: int
    today: date
    # What the extensions' `coalition_rows` kept for the families of this coalition, by code.
    coalition_state: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SyntheticCoalition:
    """What a later app needs to know of one generated coalition to add rows of its own."""

    number: int
    id: int
    families: int
    staff: list  # Staff of the coalition's care-team pools, in a fixed order
    now: int
    today: date


@dataclass(frozen=True)
class SyntheticExtension:
    """Rows a later app adds per family (`families` cannot import the apps above it).

    `columns` lists the tables it writes, parents first, each with its columns in order;
    `rows(family, rng, next_id)` returns {model: [tuple, ...]} for one family, drawing from
    its own random stream and taking ids from `next_id(model)`.

    Rows that belong to a coalition rather than a family (an MDO series, say) come from
    `coalition_rows(coalition, rng, next_id, state)`, called before the coalition's first
    family with a stream of the coalition's own; what it puts in `state` reaches that
    coalition's families as `family.coalition_state[code]`. Those rows do not go with the
    families when the data is deleted: `delete(cursor)` removes them first.
    """

    code: str
    columns: dict
    rows: Callable[[SyntheticFamily, random.Random, Callable], dict]
    coalition_rows: Callable[[SyntheticCoalition, random.Random, Callable, dict], dict] | None = (
        None
    )
    delete: Callable[[object], None] | None = None


_extensions: dict[str, SyntheticExtension] = {}


def register_synthetic_extension(extension: SyntheticExtension) -> None:
    """Called from a later app's `AppConfig.ready`; registering again replaces it."""
    _extensions[extension.code] = extension


def extensions() -> list[SyntheticExtension]:
    return [_extensions[code] for code in sorted(_extensions)]


def all_columns() -> dict:
    columns = dict(COLUMNS)
    for extension in extensions():
        columns.update(extension.columns)
    return columns


def table_order() -> tuple:
    """Every table written, parents first; the access log last (it is drawn per batch)."""
    later = tuple(m for e in extensions() for m in e.columns)
    return (*TABLE_ORDER[:-1], *later, AccessEvent)


class TableWriter:
    """Writes tuples in `COLUMNS[model]` order: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.table = model._meta.db_table
        own = all_columns()[model]
        fields = {f.attname: f for f in model._meta.concrete_fields if not f.generated}
        self.extra: list[tuple[str, object]] = []
        for name, f in fields.items():
            if name in own:
                continue
            if f.has_default():
                self.extra.append((f.column, f.get_db_prep_save(f.get_default(), connection)))
            elif f.null:
                self.extra.append((f.column, None))
            else:  # pragma: no cover - a new required field must be generated here
                raise SyntheticDataError(f"{self.table}.{f.column} heeft een waarde nodig.")
        self.columns = [fields[name].column for name in own] + [c for c, _ in self.extra]
        self.extra_values = tuple(v for _, v in self.extra)
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:
            self.adapters = [self._adapter(fields[name]) for name in own]

    @staticmethod
    def _adapter(f: models.Field) -> Callable | None:
        ops = connection.ops
        if isinstance(f, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(f, models.DateField):
            return ops.adapt_datefield_value
        return None

    def write(self, cursor, rows: Iterable[tuple]) -> int:
        extra = self.extra_values
        count = 0
        if self.postgres:
            names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            with cursor.copy(
                f"COPY {connection.ops.quote_name(self.table)} ({names}) FROM STDIN"
            ) as copy:
                write_row = copy.write_row
                for row in rows:
                    write_row(row + extra if extra else row)
                    count += 1
            return count
        adapters = list(enumerate(self.adapters))
        adapted = []
        for row in rows:
            values = list(row)
            for i, adapt in adapters:
                if adapt is not None and values[i] is not None:
                    values[i] = adapt(values[i])
            adapted.append(tuple(values) + extra)
        if adapted:
            names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            marks = ", ".join(["%s"] * len(self.columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(self.table)} ({names}) VALUES ({marks})",
                adapted,
            )
        return len(adapted)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
DAY = 86_400


def _at(day: date, rng: random.Random) -> int:
    """A moment in office hours on `day`, as seconds since the epoch (UTC)."""
    return (day.toordinal() - EPOCH_ORDINAL) * DAY + rng.randint(7 * 3600, 17 * 3600)


def _dt(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


@dataclass
class Batch:
    rows: dict = field(default_factory=lambda: {model: [] for model in table_order()})
    access_plan: list = field(default_factory=list)


class FamilyFactory:
    """Builds the rows of one family after another; ids come from running counters."""

    def __init__(self, *, seed: int, today: date, next_ids: dict):
        self.seed = seed
        self.today = today
        self.now = (today.toordinal() - EPOCH_ORDINAL) * DAY  # midnight (UTC) today
        self.log_start = self.now - ACCESS_LOG_YEARS * 365 * DAY
        self.ids = next_ids
        self.bounds = {code: phase_date_bounds(code, today=today) for code in PhaseCode}
        self.phase_blocks: dict[int, list] = {}
        self.rng = random.Random()
        self.extensions = extensions()
        self.coalition_states: dict[int, dict] = {}

    def _seed(self, number: int, stream: int = 0) -> int:
        """Each family has its own streams of numbers: 0 for its rows, 1 for its access log,
        2 and up for the rows of later apps (`SyntheticExtension`)."""
        return (self.seed * 100_000_007 + number) * 16 + stream

    def _id(self, model) -> int:
        self.ids[model] += 1
        return self.ids[model]

    def coalition_state(self, plan: CoalitionPlan, batch: Batch) -> dict:
        """The extensions' state for the families of `plan`; the first time, their coalition
        rows go into `batch` (`SyntheticExtension.coalition_rows`)."""
        state = self.coalition_states.get(plan.number)
        if state is not None:
            return state
        state = self.coalition_states[plan.number] = {}
        staff = {s.id: s for deck in plan.decks.values() for s in deck.cards}
        facts = SyntheticCoalition(
            number=plan.number, id=plan.id, families=plan.families, staff=list(staff.values()),
            now=self.now, today=self.today,
        )  # fmt: skip
        for extension in self.extensions:
            if extension.coalition_rows is None:
                continue
            rng = random.Random(f"{self.seed}:coalition:{plan.number}:{extension.code}")
            state[extension.code] = own = {}
            for model, rows in extension.coalition_rows(facts, rng, self._id, own).items():
                batch.rows[model].extend(rows)
        return state

    def phase(self, number: int) -> PhaseCode:
        block = number // DECK
        if block not in self.phase_blocks:
            self.phase_blocks = {block: [c for c, n in PHASE_DECK for _ in range(n)]}
            random.Random(f"{self.seed}:phases:{block}").shuffle(self.phase_blocks[block])
        return self.phase_blocks[block][number % DECK]

    def _pick(self, rng: random.Random, code: PhaseCode) -> date:
        bounds = self.bounds[code]
        today = self.today
        first, last = bounds.first, bounds.last
        if code == P.TRIMESTER_1:  # pregnancies are known from about 6 weeks
            last = today + timedelta(days=DUE_DATE_DAY - 42)
        elif code == P.TRIMESTER_3:  # at most two weeks past the due date
            first = today - timedelta(days=14)
        elif code == P.CLOSED:  # files of the last year after the second birthday
            first = last - timedelta(days=300)
        return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))

    def family(self, number: int, plan: CoalitionPlan, batch: Batch) -> None:
        rng = self.rng
        rng.seed(self._seed(number))
        today = self.today
        code = self.phase(number)
        coalition = plan.id
        family_id = self._id(Family)
        municipality, pc4s = plan.municipalities[rng.randrange(len(plan.municipalities))]
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        postcode = f"{rng.choice(pc4s)} {letters}"
        language = _weighted(rng, LANGUAGES)
        interpreter = language not in ("Nederlands", "Engels") and rng.random() < 0.4
        insurance = _weighted(rng, INSURANCE_KINDS)
        low_income = insurance == "gemeentepolis" or rng.random() < 0.15
        last_name = rng.choice(LAST_NAMES)
        has_sibling = rng.random() < 0.3

        # The team: required disciplines, then optional ones up to the team size.
        required, optional = TEAMS[code]
        size = _weighted(rng, TEAM_SIZES)
        disciplines = list(required) + rng.sample(
            optional, min(max(size - len(required), 0), len(optional))
        )
        team = [plan.decks[d].draw() for d in disciplines]
        director = team[0]

        # Dates: the pregnancy that puts the family in its phase.
        pregnancy = None  # (due, birth, outcome, entered)
        if code == P.PRECONCEPTION:
            created_day = today - timedelta(days=rng.randint(1, 300))
            if rng.random() < 0.25:  # an earlier pregnancy ended in a miscarriage
                ended = created_day - timedelta(days=rng.randint(20, 200))
                due = ended + timedelta(days=DUE_DATE_DAY - rng.randint(112, 140))
                entered = ended - timedelta(days=rng.randint(30, 50))
                pregnancy = (due, ended, PregnancyOutcome.MISCARRIAGE, entered)
        elif code in (P.TRIMESTER_1, P.TRIMESTER_2, P.TRIMESTER_3):
            due = self._pick(rng, code)
            entered = min(due - timedelta(days=DUE_DATE_DAY - rng.randint(42, 84)), today)
            pregnancy = (due, None, "", entered)
            created_day = entered
        else:
            birth = self._pick(rng, code)
            due = birth + timedelta(days=rng.randint(-21, 14))
            entered = due - timedelta(days=DUE_DATE_DAY - rng.randint(49, 84))
            pregnancy = (due, birth, PregnancyOutcome.LIVE_BIRTH, entered)
            created_day = entered
        created = min(_at(created_day, rng), self.now - 3600)
        closed_at = None
        if code == P.CLOSED and rng.random() < 0.6:
            second_birthday = add_years(pregnancy[1], 2)
            closed_at = min(_at(second_birthday + timedelta(days=rng.randint(0, 60)), rng),
                            self.now - 60)  # fmt: skip
            closed_at = max(closed_at, created + 60)
        status = FamilyStatus.CLOSED if closed_at else FamilyStatus.OPEN
        updated = closed_at or created + rng.randint(0, max(self.now - created, 1))

        strengths = rng.choice(STRENGTHS)
        insurer = "" if insurance == "onverzekerd" else rng.choice(INSURERS)
        interpreter_language = language if interpreter else ""
        closed_reason = CLOSED_REASON if closed_at else ""
        created_dt = _dt(created)
        batch.rows[Family].append((
            family_id, coalition, municipality, f"{REFERENCE_PREFIX}{number + 1:07d}", postcode,
            language, interpreter, interpreter_language, insurer, insurance, low_income,
            strengths, status, _dt(closed_at) if closed_at else None, closed_reason, 1,
            created_dt, _dt(updated), director.id,
        ))  # fmt: skip
        snapshot = {
            "municipality": municipality, "postcode": postcode, "main_language": language,
            "interpreter_needed": interpreter, "interpreter_language": interpreter_language,
            "health_insurer": insurer, "insurance_kind": insurance, "low_income": low_income,
            "strengths": strengths, "status": status,
            "closed_at": _dt(closed_at).isoformat() if closed_at else None,
            "closed_reason": closed_reason,
        }  # fmt: skip
        batch.rows[FamilyVersion].append(
            (self._id(FamilyVersion), family_id, coalition, 1, json.dumps(snapshot), "{}",
             director.id, created_dt)
        )  # fmt: skip
        batch.rows[TimelineEvent].append(
            (self._id(TimelineEvent), family_id, coalition, TimelineKind.FAMILY_CREATED,
             f"Dossier {REFERENCE_PREFIX}{number + 1:07d} aangemaakt", director.id, created_dt,
             "families.Family", str(family_id), "{}")
        )  # fmt: skip

        # People: the client, often a partner, an older child, the child of this pregnancy.
        persons = batch.rows[Person]
        age = rng.randint(18, 42)
        client_id = self._id(Person)
        first = rng.choice(FEMALE_NAMES)
        persons.append((
            client_id, family_id, coalition, PersonRole.CLIENT, first, last_name,
            today - timedelta(days=365 * age + rng.randint(0, 364)), "",
            f"06 {rng.randint(10000000, 99999999)}",
            f"{first.lower()}.{family_id}@example.invalid", rng.choice(("phone", "sms", "email")),
            None, created_dt, created_dt,
        ))  # fmt: skip
        if rng.random() < 0.8:
            partner_first = rng.choice(MALE_NAMES if rng.random() < 0.95 else FEMALE_NAMES)
            persons.append((
                self._id(Person), family_id, coalition, PersonRole.PARTNER, partner_first,
                last_name if rng.random() < 0.6 else rng.choice(LAST_NAMES),
                today - timedelta(days=365 * (age + rng.randint(-2, 6)) + rng.randint(0, 364)),
                "", "", "", "", None, created_dt, created_dt,
            ))  # fmt: skip
        reference_day = (pregnancy[1] or pregnancy[0]) if pregnancy else today
        if has_sibling:
            persons.append((
                self._id(Person), family_id, coalition, PersonRole.CHILD,
                rng.choice(CHILD_NAMES), last_name,
                min(reference_day, today) - timedelta(days=rng.randint(500, 1800)), "", "", "",
                "", None, created_dt, created_dt,
            ))  # fmt: skip
        if pregnancy:
            due, birth, outcome, entered = pregnancy
            gravidity = (2 if has_sibling else 1) + (rng.random() < 0.2)
            parity = 1 if has_sibling else 0
            pregnancy_id = self._id(Pregnancy)
            batch.rows[Pregnancy].append((
                pregnancy_id, family_id, coalition, due, gravidity, parity, min(entered, today),
                birth, outcome, created_dt, created_dt,
            ))  # fmt: skip
            if outcome == PregnancyOutcome.LIVE_BIRTH:
                born = max(_at(birth, rng), created)
                persons.append((
                    self._id(Person), family_id, coalition, PersonRole.CHILD,
                    rng.choice(CHILD_NAMES), last_name, birth, "", "", "", "", pregnancy_id,
                    _dt(born), _dt(born),
                ))  # fmt: skip

        care_team = batch.rows[CareTeamMember]
        for position, staff in enumerate(team):
            role = f"{staff.role}, casusregisseur" if position == 0 else staff.role
            joined = created + position * rng.randint(0, 30) * DAY
            joined = min(joined, self.now - 60)
            care_team.append((
                self._id(CareTeamMember), family_id, coalition, staff.id, staff.membership_id,
                role, staff.phone, _dt(joined).date(), None, director.id, _dt(joined),
            ))  # fmt: skip

        method = ConsentMethod.WRITTEN if rng.random() < 0.6 else ConsentMethod.VERBAL
        care_consent = rng.random() < 0.97
        for purpose, given in (
            (ConsentPurpose.CARE_TEAM, care_consent),
            (ConsentPurpose.MDO_NAMED, rng.random() < (0.6 if low_income else 0.3)),
            (ConsentPurpose.MONITORING, rng.random() < 0.9),
        ):
            batch.rows[Consent].append(
                (self._id(Consent), family_id, coalition, purpose, given, method, director.id,
                 _dt(created + 300), None, None)
            )  # fmt: skip

        if self.extensions:
            facts = SyntheticFamily(
                number=number, family_id=family_id, coalition=coalition, phase=code, team=team,
                pregnancy=pregnancy, pregnancy_id=pregnancy_id if pregnancy else None,
                client_id=client_id, created=created, closed_at=closed_at, now=self.now,
                today=today,
                coalition_state=self.coalition_state(plan, batch),
            )  # fmt: skip
            for stream, extension in enumerate(self.extensions, start=2):
                rng.seed(self._seed(number, stream))
                for model, rows in extension.rows(facts, rng, self._id).items():
                    batch.rows[model].extend(rows)

        # The access log is drawn later (`access_events`) from the family's second stream.
        end = closed_at or self.now
        batch.access_plan.append(
            (number, family_id, coalition, team, client_id, created, end, care_consent)
        )

    def access_events(self, batch: Batch) -> Iterable[tuple]:
        """About 20 events per family, from the file's opening to today (or its closing)."""
        rng = random.Random()
        start_floor = self.log_start
        ids = self.ids
        hexbits = "%064x"
        actions = (
            (Action.READ,) * 78
            + (Action.UPDATE,) * 12
            + (Action.SEARCH,) * 5
            + (Action.CREATE,) * 3
            + (Action.EXPORT, Action.PRINT)
        )
        details = {
            Action.READ: ("Gezinsdossier ingezien", "Tijdlijn ingezien", "Zorgteam ingezien",
                          "Gezinsdossier ingezien via de API"),
            Action.UPDATE: ("Gezinsgegevens gewijzigd", "Persoonsgegevens gewijzigd",
                            "Zwangerschap gewijzigd"),
            Action.CREATE: ("Persoon toegevoegd", "Toestemming vastgelegd"),
            Action.EXPORT: ("Gezinsdossier geëxporteerd",),
            Action.PRINT: ("Gezinsdossier afgedrukt",),
        }  # fmt: skip
        for (
            number,
            family_id,
            coalition,
            team,
            client_id,
            created,
            end,
            consent,
        ) in batch.access_plan:
            rng.seed(self._seed(number, 1))
            start = max(created, start_floor)
            count = rng.randint(*ACCESS_EVENTS_PER_FAMILY)
            moments = sorted(rng.randint(start, max(end, start + 1)) for _ in range(count))
            if created >= start_floor:
                moments[0] = created  # the file's opening is the first event
            director = team[0]
            for n, moment in enumerate(moments):
                staff = director if n == 0 or rng.random() < 0.4 else rng.choice(team)
                if n == 0 and created >= start_floor:
                    action, detail = Action.CREATE, "Gezinsdossier aangemaakt"
                else:
                    action = rng.choice(actions)
                    detail = rng.choice(details[action]) if action != Action.SEARCH else ""
                ids[AccessEvent] += 1
                if action == Action.SEARCH:
                    yield (
                        ids[AccessEvent], _dt(moment), staff.id, staff.display,
                        staff.organisation, staff.discipline_label, "", coalition, None, "[]",
                        action, "Gezinnen gezocht op: Naam, Dossiernummer", staff.ip,
                        USER_AGENTS[staff.id % 4], hexbits % rng.getrandbits(256), "", "",
                        True, False, False, False,
                    )  # fmt: skip
                    continue
                yield (
                    ids[AccessEvent], _dt(moment), staff.id, staff.display, staff.organisation,
                    staff.discipline_label, "", coalition, family_id,
                    f"[{client_id}]" if action == Action.UPDATE else "[]", action, detail,
                    staff.ip, USER_AGENTS[staff.id % 4], hexbits % rng.getrandbits(256),
                    CARE_TEAM, "", True, True, consent if n else False, False,
                )  # fmt: skip


# --- Guards, reset and the run ----------------------------------------------------------------


def synthetic_families():
    return Family.objects.filter(reference__startswith=REFERENCE_PREFIX)


def check_database(*, force: bool, reset: bool) -> None:
    """Refuse to mix synthetic data with other families or with an earlier run."""
    others = Family.objects.exclude(reference__startswith=REFERENCE_PREFIX).count()
    if others and not force:
        raise SyntheticDataError(
            f"Deze database bevat {others} gezinnen die niet synthetisch zijn (echte of "
            "demogegevens). Synthetische gegevens horen daar niet tussen; gebruik --force als "
            "je dat toch wilt."
        )
    if not reset and (
        synthetic_families().exists()
        or Professional.objects.filter(username__startswith=USERNAME_PREFIX).exists()
    ):
        raise SyntheticDataError(
            "Er staan al synthetische gegevens in deze database; gebruik --reset om ze eerst "
            "te verwijderen."
        )


def _delete_rows(cursor, model, where: str, params: list, depth: int = 0) -> None:
    """Delete rows of `model` matching `where`, after the rows that point at them.

    Raw SQL on purpose: the access log refuses deletes through the ORM (it is append-only,
    NEN 7513), and loading millions of rows to delete them one by one would take hours. Only
    rows that belong to synthetic families or professionals reach this function.
    """
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    if depth < 4:
        for rel in model._meta.related_objects:
            if rel.many_to_many or rel.related_model is model:
                continue
            child = rel.related_model
            if child._meta.proxy or not child._meta.managed:
                continue
            _delete_rows(
                cursor,
                child,
                f"{qn(rel.field.column)} IN (SELECT {pk} FROM {table} WHERE {where})",
                params,
                depth + 1,
            )
    cursor.execute(f"DELETE FROM {table} WHERE {where}", params)


def delete_synthetic() -> None:
    """Remove every synthetic row (see `_delete_rows` for why this is raw SQL)."""
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        _delete_rows(cursor, Family, f"{qn('reference')} LIKE %s", [REFERENCE_PREFIX + "%"])
        for extension in extensions():
            if extension.delete is not None:
                extension.delete(cursor)
        users = f"SELECT id FROM {qn(Professional._meta.db_table)} WHERE username LIKE %s"
        cursor.execute(
            f"DELETE FROM {qn(AccessEvent._meta.db_table)} WHERE user_id IN ({users})",
            [USERNAME_PREFIX + "%"],
        )
        Membership.objects.filter(professional__username__startswith=USERNAME_PREFIX).delete()
        Professional.objects.filter(username__startswith=USERNAME_PREFIX).delete()
        marked = MARK + " %"
        Organisation.objects.filter(name__startswith=MARK + " ").delete()
        _delete_rows(
            cursor,
            Municipality,
            f"coalition_id IN (SELECT id FROM {qn(Coalition._meta.db_table)} WHERE name LIKE %s)",
            [marked],
        )
        Coalition.objects.filter(name__startswith=MARK + " ").delete()
        Region.objects.filter(name__startswith=MARK + " ").delete()


class DeferredIndexes:
    """On PostgreSQL, drop the plain indexes and foreign keys of empty tables during the load
    and build them again afterwards, as the PostgreSQL manual advises for bulk loading
    ("Populating a Database", sections 14.4.3-14.4.4): one sorted index build is much faster
    than millions of index insertions into random pages, and one validating join is much
    faster than a deferred trigger per row. Only tables that were empty before the run are
    touched, so a live table never loses an index; unique and primary-key indexes stay. The
    definitions are restored in `finally`, also when the load fails.
    """

    def __init__(self, models_: Iterable[type[models.Model]]):
        self.indexes: list[str] = []
        self.foreign_keys: list[tuple[str, str, str]] = []
        self.tables = []
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in models_:
                table = model._meta.db_table
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {qn(table)})")
                if not cursor.fetchone()[0]:
                    self.tables.append(table)

    def __enter__(self):
        if not self.tables:
            return self
        qn = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                "FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text "
                "= ANY(%s) AND c.conparentid = 0",
                [self.tables],
            )
            self.foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                "WHERE t.relname = ANY(%s) AND NOT i.indisunique AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)",
                [self.tables],
            )
            rows = cursor.fetchall()
            for table, name, _definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
            for name, definition in rows:
                cursor.execute(f"DROP INDEX {name}")
                # On a partitioned table the definition reads "ON ONLY"; the rebuild must
                # cover the partitions too.
                self.indexes.append(definition.replace(" ON ONLY ", " ON ", 1))
        return self

    def __exit__(self, *exc_info):
        if not self.indexes and not self.foreign_keys:
            return
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '256MB'")
            for definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")
            cursor.execute("RESET maintenance_work_mem")


def _max_ids() -> dict:
    qn = connection.ops.quote_name
    ids = {}
    with connection.cursor() as cursor:
        for model in table_order():
            cursor.execute(
                f"SELECT MAX({qn(model._meta.pk.column)}) FROM {qn(model._meta.db_table)}"
            )
            ids[model] = cursor.fetchone()[0] or 0
    return ids


def generate(
    *,
    families: int,
    coalitions: int | None = None,
    seed: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reset: bool = False,
    force: bool = False,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Generate `families` synthetic families over `coalitions` coalitions (module docstring)."""
    coalitions = default_coalitions(families) if coalitions is None else coalitions
    if families < 1:
        raise SyntheticDataError("Het aantal gezinnen (--families) moet minstens 1 zijn.")
    if coalitions < 1:
        raise SyntheticDataError("Het aantal coalities (--coalitions) moet minstens 1 zijn.")
    if coalitions > families:
        raise SyntheticDataError("Er zijn meer coalities dan gezinnen; kies minder coalities.")
    if batch_size < 1:
        raise SyntheticDataError("De batchgrootte (--batch-size) moet minstens 1 zijn.")
    started = time.monotonic()
    check_database(force=force, reset=reset)
    if reset:
        delete_synthetic()
    load_started = time.monotonic()
    today = timezone.localdate()
    with transaction.atomic():
        plans, professionals, example = _build_structure(
            families=families, coalitions=coalitions, seed=seed, password=password, today=today
        )
    summary = Summary(coalitions=coalitions, professionals=professionals, example_username=example)
    summary.rows = {model._meta.label: 0 for model in table_order()}
    factory = FamilyFactory(seed=seed, today=today, next_ids=_max_ids())
    writers = {model: TableWriter(model) for model in table_order()}
    postgres = connection.vendor == "postgresql"

    def numbered() -> Iterable[tuple[int, CoalitionPlan]]:
        number = 0
        for plan in plans:
            for _ in range(plan.families):
                yield number, plan
                number += 1

    pending = numbered()
    done = 0
    # Not inside a caller's transaction (the tests): DDL there would meet pending triggers.
    deferred = (
        DeferredIndexes(table_order())
        if postgres and not connection.in_atomic_block
        else contextlib.nullcontext()
    )
    with deferred:
        done = _load(factory, writers, summary, pending, families, batch_size, progress)
        summary.phases["laden"] = time.monotonic() - load_started
    summary.phases["indexen"] = time.monotonic() - load_started - summary.phases["laden"]
    if postgres:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(table_order())):
                cursor.execute(sql)
            # Fresh statistics, so the first benchmark queries get the plans they will keep:
            # of every table, also those an extension filled with `bulk_create` (the social
            # map's, whose rows-per-coalition the planner would otherwise take for one row).
            cursor.execute("ANALYZE")
    summary.families = done
    summary.seconds = time.monotonic() - started
    return summary


def _load(factory, writers, summary, pending, families, batch_size, progress) -> int:
    postgres = connection.vendor == "postgresql"
    done = 0
    while done < families:
        batch = Batch()
        for number, plan in pending:
            factory.family(number, plan, batch)
            if number + 1 - done >= batch_size:
                break
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                # Losing the last commits in a crash is harmless for generated data.
                cursor.execute("SET LOCAL synchronous_commit TO off")
            for model in table_order():
                rows = factory.access_events(batch) if model is AccessEvent else batch.rows[model]
                summary.rows[model._meta.label] += writers[model].write(cursor, rows)
        done += len(batch.rows[Family])
        if progress:
            progress(done, families)
    return done
