"""Reads of the social map for professionals: the search with its relevance ranking, and one
service with everything its page shows.

The map is public within the coalition (issue 9): whoever works in the coalition as a
professional, coordinator or analyst may read every service of it, and nothing of another
coalition. These selectors therefore take the coalition the user works in now
(`request.active.coalition`) and never return a row of another.

Relevance (`score_service`), documented here because the tests rely on it:

- Free text. The query is split into words (case and accents ignored; words of one letter
  are left out). Every word must occur somewhere in the service, or the service is not a
  hit. Each word scores once, for the best place where it occurs:
  name 10, alternate name 6, provider's name 4, the Dutch label of one of the service's
  needs, phases or routes 3 (so "schulden" finds what answers "Geld en schulden"),
  description or "voor wie" (eligibility) 2. A name equal to the whole query adds 10, a name
  starting with it adds 5.
- The chosen need, phase and route. A service must answer the chosen need. It answers it
  for 3 points, plus 1 when it answers at most two needs (a specialised service goes before
  a generalist). For phase and route, a service that names no phase (or no route) suits
  every phase (or route) and stays in the results without points; one that names the
  chosen phase or route gets 2 points.
- The chosen municipality (the family's). Direct access ("zelf aanmelden") adds 4, access
  through a referral, the buurtteam or the central reporting point adds 2, unknown access
  (no row for that municipality) adds nothing. Services that are *not available* there are
  not dropped: they come last, under their own label, so the professional knows they exist.
- Ties go by name (case and accents ignored), then by provider.

The other filters (language, the family's own costs, evidence level, inactive services) only
filter. Without query and filters the result is every active service by name.

Query budget (kept constant in the number of services, see test_search_query_count.py):
the candidates with their provider and the access route for the chosen municipality (1),
their kansrijk terms (1, `terms.service_terms`), the access rows of the page's services (1).
A coalition has at most a few hundred services, so scoring them in Python is cheap; only the
fields the results show or the scoring reads are fetched.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.organisations.models import Coalition, Municipality

from .models import (
    Attribute,
    Contact,
    Language,
    MunicipalityAccess,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from .terms import FIELD_TAXONOMY, SERVICE, empty_terms, service_terms
from .vocabulary import TAXONOMIES, TERM_FIELDS, AccessRoute, Evidence, Phase, RouteTerm

PAGE_SIZE = 20

# Points, see the module docstring.
NAME_EXACT = 10
NAME_START = 5
TEXT_POINTS = {
    "name": 10,
    "alternate_name": 6,
    "provider": 4,
    "terms": 3,
    "description": 2,
}
NEED_MATCH = 3
NEED_SPECIALISED = 1
SPECIALISED_MAX_NEEDS = 2
PHASE_MATCH = 2
ROUTE_MATCH = 2
ACCESS_POINTS = {
    AccessRoute.DIRECT: 4,
    AccessRoute.REFERRAL: 2,
    AccessRoute.BUURTTEAM: 2,
    AccessRoute.CENTRAL_POINT: 2,
}

# Evidence levels from strong to weak (Databank Effectieve Jeugdinterventies); the filter
# means "at least this level". "Niet beoordeeld" is not a level to filter on.
EVIDENCE_ORDER = [Evidence.STRONG, Evidence.GOOD, Evidence.FIRST, Evidence.WELL_FOUNDED]

# The term fields whose labels free text matches, with their vocabularies.
LABELLED_TERMS = {"needs": Need, "phases": Phase, "routes": RouteTerm}
# {term field: its vocabulary}, e.g. "needs": Need.
TERM_CHOICES = {TERM_FIELDS[name]: choices for name, (_label, choices) in TAXONOMIES.items()}

# What a result row needs of a service (and its provider), nothing more.
RESULT_FIELDS = (
    "id",
    "name",
    "alternate_name",
    "description",
    "status",
    "assured_date",
    "organization__id",
    "organization__name",
)
TEXT_FIELDS = ("eligibility_description",)


# --- Criteria and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class SearchCriteria:
    """What the professional asked for; every part optional (the form's cleaned data)."""

    q: str = ""
    need: str = ""
    phase: str = ""
    route: str = ""
    municipality: Municipality | None = None
    language: str = ""
    cost: str = ""
    evidence: str = ""
    include_inactive: bool = False

    @property
    def filtered(self) -> bool:
        return bool(
            self.q.strip()
            or self.need
            or self.phase
            or self.route
            or self.municipality
            or self.language
            or self.cost
            or self.evidence
            or self.include_inactive
        )


@dataclass
class AccessRow:
    municipality_id: int
    municipality_name: str
    route: str
    conditions: str = ""
    waiting_weeks: int | None = None

    @property
    def route_label(self) -> str:
        return AccessRoute(self.route).label

    @property
    def available(self) -> bool:
        return self.route != AccessRoute.NOT_AVAILABLE


@dataclass
class Hit:
    """One search result: the service, its score and what the result row shows."""

    service: Service
    score: int = 0
    # The route in the chosen municipality ("" = unknown or no municipality chosen).
    route: str = ""
    terms: dict[str, list[str]] = field(default_factory=empty_terms)
    access: list[AccessRow] = field(default_factory=list)
    check_overdue: bool = False

    @property
    def not_available(self) -> bool:
        return self.route == AccessRoute.NOT_AVAILABLE

    @property
    def labels(self) -> dict[str, list[str]]:
        return term_labels(self.terms)


# --- Helpers -----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case without accents: "Cliënt" and "client" match."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def query_words(q: str) -> list[str]:
    return [word for word in normalise(q).split() if len(word) > 1]


def check_overdue(assured_date: date | None, today: date) -> bool:
    """Not checked for 12 months (issue 9), or never: the map flags the service."""
    if assured_date is None:
        return True
    return assured_date < one_year_before(today)


def one_year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def term_labels(terms: dict[str, list[str]]) -> dict[str, list[str]]:
    """The Dutch labels of a service's terms, per field (unknown codes are shown as code)."""
    labelled = {}
    for name, codes in terms.items():
        choices = TERM_CHOICES[name]
        values = set(choices.values)
        labelled[name] = [str(choices(code).label) if code in values else code for code in codes]
    return labelled


def evidence_at_least(level: str) -> list[str]:
    codes = [str(code) for code in EVIDENCE_ORDER]
    return codes[: codes.index(level) + 1] if level in codes else [level]


def _has_term(field_name: str, codes: list[str] | None = None) -> Exists:
    """The service has a term of this field (one of `codes`, if given). A correlated EXISTS:
    it uses the attributes' (link_entity, link_id) index for each of the coalition's few
    hundred services instead of reading the whole country's attributes."""
    attributes = Attribute.objects.filter(
        link_entity=SERVICE,
        link_id=OuterRef("pk"),
        taxonomy_term__taxonomy_name=FIELD_TAXONOMY[field_name],
    )
    if codes is not None:
        attributes = attributes.filter(taxonomy_term__code__in=codes)
    return Exists(attributes)


# --- The search --------------------------------------------------------------------------------


def candidate_services(coalition: Coalition, criteria: SearchCriteria, *, with_text: bool):
    """The coalition's services that pass the filters (one query when evaluated).

    Each carries `access_route`: its route in the chosen municipality, or None.
    `select_related("organization")` because every result shows the provider's name.
    """
    services = Service.objects.filter(coalition=coalition).select_related("organization")
    if not criteria.include_inactive:
        services = services.filter(status=ServiceStatus.ACTIVE)
    if criteria.need:
        services = services.filter(_has_term("needs", [criteria.need]))
    # A service without phases (routes) suits every phase (route).
    if criteria.phase:
        services = services.filter(_has_term("phases", [criteria.phase]) | ~_has_term("phases"))
    if criteria.route:
        services = services.filter(_has_term("routes", [criteria.route]) | ~_has_term("routes"))
    if criteria.cost:
        services = services.filter(_has_term("own_costs", [criteria.cost]))
    if criteria.evidence:
        services = services.filter(_has_term("evidence", evidence_at_least(criteria.evidence)))
    if criteria.language:
        services = services.filter(
            Exists(
                Language.objects.filter(
                    Q(code__iexact=criteria.language) | Q(name__iexact=criteria.language),
                    service=OuterRef("pk"),
                )
            )
        )
    if criteria.municipality is not None:
        services = services.annotate(
            access_route=Subquery(
                MunicipalityAccess.objects.filter(
                    service=OuterRef("pk"), municipality=criteria.municipality
                ).values("route")[:1]
            )
        )
    fields = RESULT_FIELDS + (TEXT_FIELDS if with_text else ())
    return services.only(*fields)


def _word_points(word: str, texts: dict[str, str], term_words: str) -> int:
    """The points of one word: its best place, 0 when it occurs nowhere."""
    if word in texts["name"]:
        return TEXT_POINTS["name"]
    if word in texts["alternate_name"]:
        return TEXT_POINTS["alternate_name"]
    if word in texts["provider"]:
        return TEXT_POINTS["provider"]
    if word in term_words:
        return TEXT_POINTS["terms"]
    if word in texts["description"]:
        return TEXT_POINTS["description"]
    return 0


def _term_words(terms: dict[str, list[str]]) -> str:
    parts = []
    for name, choices in LABELLED_TERMS.items():
        values = set(choices.values)
        parts.extend(normalise(str(choices(code).label)) for code in terms[name] if code in values)
    return " | ".join(parts)


def score_service(
    service: Service,
    *,
    words: list[str],
    q: str,
    terms: dict[str, list[str]],
    criteria: SearchCriteria,
    route: str,
) -> int | None:
    """The service's relevance (module docstring); None when a query word occurs nowhere."""
    score = 0
    if words:
        texts = {
            "name": normalise(service.name),
            "alternate_name": normalise(service.alternate_name),
            "provider": normalise(service.organization.name),
            "description": normalise(
                f"{service.description}\n{getattr(service, 'eligibility_description', '')}"
            ),
        }
        term_words = _term_words(terms)
        for word in words:
            points = _word_points(word, texts, term_words)
            if not points:
                return None
            score += points
        whole = " ".join(normalise(q).split())
        if texts["name"] == whole:
            score += NAME_EXACT
        elif texts["name"].startswith(whole):
            score += NAME_START
    if criteria.need and criteria.need in terms["needs"]:
        score += NEED_MATCH
        if len(terms["needs"]) <= SPECIALISED_MAX_NEEDS:
            score += NEED_SPECIALISED
    if criteria.phase and criteria.phase in terms["phases"]:
        score += PHASE_MATCH
    if criteria.route and criteria.route in terms["routes"]:
        score += ROUTE_MATCH
    score += ACCESS_POINTS.get(route, 0)
    return score


def _access_rows(
    service_ids: list[UUID], coalition: Coalition, municipality: Municipality | None
) -> dict[UUID, list[AccessRow]]:
    """The access rows of the page's services: in the chosen municipality, or in each of the
    coalition's municipalities (one query)."""
    rows = MunicipalityAccess.objects.filter(service_id__in=service_ids)
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    else:
        rows = rows.filter(municipality__coalition=coalition)
    found: dict[UUID, list[AccessRow]] = {service_id: [] for service_id in service_ids}
    for values in rows.order_by("municipality__name").values_list(
        "service_id",
        "municipality_id",
        "municipality__name",
        "route",
        "conditions",
        "waiting_weeks",
    ):
        found[values[0]].append(AccessRow(*values[1:]))
    return found


def search_services(
    coalition: Coalition, criteria: SearchCriteria, *, page_number=None, today: date
) -> Page:
    """A page of hits (`Hit`), best first (module docstring), 20 per page."""
    words = query_words(criteria.q)
    # Scoring reads the terms of every candidate only when they can change the order.
    terms_for_all = bool(words or criteria.need or criteria.phase or criteria.route)
    services = list(candidate_services(coalition, criteria, with_text=bool(words)))
    terms = service_terms([service.id for service in services]) if terms_for_all else {}

    hits = []
    for service in services:
        route = getattr(service, "access_route", None) or ""
        service_terms_ = terms.get(service.id) or empty_terms()
        score = score_service(
            service,
            words=words,
            q=criteria.q,
            terms=service_terms_,
            criteria=criteria,
            route=route,
        )
        if score is None:
            continue
        hits.append(Hit(service=service, score=score, route=route, terms=service_terms_))
    hits.sort(
        key=lambda hit: (
            hit.not_available,
            -hit.score,
            normalise(hit.service.name),
            normalise(hit.service.organization.name),
        )
    )

    page = Paginator(hits, PAGE_SIZE).get_page(page_number)
    page_ids = [hit.service.id for hit in page.object_list]
    if not terms_for_all:
        terms = service_terms(page_ids)
    access = _access_rows(page_ids, coalition, criteria.municipality)
    for hit in page.object_list:
        hit.terms = terms.get(hit.service.id) or empty_terms()
        hit.access = access[hit.service.id]
        hit.check_overdue = check_overdue(hit.service.assured_date, today)
    return page


def coalition_languages(coalition: Coalition) -> list[tuple[str, str]]:
    """The languages the coalition's services are offered in, as (value, label): the ISO code
    where there is one, else the name (one query)."""
    choices: dict[str, str] = {}
    rows = (
        Language.objects.filter(service__coalition=coalition).values_list("code", "name").distinct()
    )
    for code, name in rows:
        value = code or name
        if value and (value.lower() not in choices or name):
            choices[value.lower()] = name or code
    return sorted(((value, label) for value, label in choices.items()), key=lambda c: c[1].lower())


# --- One service -------------------------------------------------------------------------------


def service_for_page(coalition: Coalition, pk: UUID) -> Service | None:
    """The service with everything its page shows, or None outside the coalition.

    A fixed number of queries whatever the number of contacts, locations and so on: the
    service with provider, program and checker (1), then one query per prefetched relation
    (contacts with their phones 2, the provider's phones 1, the service's phones 1, locations
    with their addresses, phones and schedules 4, schedules 1, languages 1, cost options 1,
    funding 1, required documents 1, access per municipality with the municipality 1).
    """
    return (
        Service.objects.filter(coalition=coalition, pk=pk)
        .select_related("organization", "program", "assured_by")
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.order_by("name").prefetch_related("phones"),
            ),
            "organization__phones",
            "phones",
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__addresses", "location__phones", "location__schedules"
                ),
            ),
            "schedules",
            "languages",
            "cost_options",
            "funding",
            "required_documents",
            Prefetch(
                "municipality_access",
                queryset=MunicipalityAccess.objects.select_related("municipality"),
            ),
        )
        .first()
    )


WEEKDAYS = {
    "MO": _("maandag"),
    "TU": _("dinsdag"),
    "WE": _("woensdag"),
    "TH": _("donderdag"),
    "FR": _("vrijdag"),
    "SA": _("zaterdag"),
    "SU": _("zondag"),
}


def describe_schedule(schedule) -> str:
    """An HSDS schedule in words: its description, else its days and hours (RFC 5545 BYDAY)."""
    if schedule.description:
        return schedule.description
    days = [str(WEEKDAYS.get(day.strip().upper()[-2:], day)) for day in schedule.byday.split(",")]
    days_text = ", ".join(day for day in days if day)
    hours = ""
    if schedule.opens_at and schedule.closes_at:
        hours = f"{schedule.opens_at:%H:%M}\N{EN DASH}{schedule.closes_at:%H:%M}"
    return " ".join(part for part in (days_text, hours) if part) or str(_("Op afspraak"))


def access_table(service: Service, coalition: Coalition, chosen_id: int | None) -> list[dict]:
    """Access per municipality for the service page: the chosen municipality first (if it is
    one of the coalition's), then the coalition's other municipalities by name, then any other
    municipality the service has a row for. A municipality without a row is "not known".
    One query (the coalition's municipalities); the rows were prefetched."""
    by_municipality = {row.municipality_id: row for row in service.municipality_access.all()}
    municipalities = list(coalition.municipalities.order_by("name"))
    known_ids = {municipality.pk for municipality in municipalities}
    extra = sorted(
        (
            row.municipality
            for row in by_municipality.values()
            if row.municipality_id not in known_ids
        ),
        key=lambda municipality: municipality.name,
    )
    chosen = [m for m in municipalities if m.pk == chosen_id]
    ordered = chosen + [m for m in municipalities if m.pk != chosen_id] + extra
    table = []
    for municipality in ordered:
        row = by_municipality.get(municipality.pk)
        table.append(
            {
                "municipality": municipality,
                "chosen": municipality.pk == chosen_id,
                "route": row.route if row else "",
                "route_label": AccessRoute(row.route).label if row else _("Niet bekend"),
                "conditions": row.conditions if row else "",
                "waiting_weeks": row.waiting_weeks if row else None,
            }
        )
    return table
