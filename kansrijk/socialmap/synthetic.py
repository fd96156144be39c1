"""The social map at national scale, for the benchmark (`generate_synthetic`, issues 5 and 9).

Per synthetic coalition (`SyntheticExtension.coalition_rows`, from the coalition's own random
stream): the demo's catalogue (`demo_services`, about 40 services of 20 providers) with every
attribute, opening hours, languages, costs, and access for each of the coalition's
municipalities (the pattern of the demo's first and second municipality, repeated), the
providers linked to the coalition's chain partners of the same kind, and the three care paths.
The map is small (tens of rows per coalition), so it is written with `bulk_create` right away;
its UUIDs come from the coalition's stream, so the same seed gives the same map.

Per family (from the family's own stream): about 5% get a referral to one of the coalition's
services that has a receiving chain partner with professionals, in a realistic status, with
an event for each step (no timeline events: each synthetic file keeps exactly its "file
created" event). These rows go with the families' batch (COPY on PostgreSQL), so the
national run stays a bulk load. Referrals still waiting for an answer were sent in the last
two weeks, so some are overdue, as in real use.

Everything is fictional; the texts name nobody.
"""

import random
import uuid

from django.db import connection

from kansrijk.core.dates import add_working_days
from kansrijk.families.synthetic import (
    DAY,
    MARK,
    SyntheticExtension,
    _delete_rows,
    _dt,
    register_synthetic_extension,
)
from kansrijk.organisations.models import Coalition, Membership, Municipality, Organisation

from .demo import PATHS, build_map, create_care_paths
from .demo_services import PROVIDERS
from .models import (
    RESPONSE_WORKING_DAYS,
    Attribute,
    CarePath,
    Location,
    Metadata,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
    ServiceStatus,
    TaxonomyTerm,
    Urgency,
)
from .terms import FIELD_TAXONOMY, SERVICE
from .vocabulary import TAXONOMIES, ensure_taxonomies

CODE = "socialmap"
REFERRAL_SHARE = 0.05
HOUR = 3600
S = ReferralStatus
STATUSES = (
    (S.COMPLETED, 30), (S.STARTED, 15), (S.ACCEPTED, 10), (S.DECLINED, 8), (S.NO_SHOW, 5),
    (S.WITHDRAWN, 5), (S.RECEIVED, 12), (S.SENT, 15),
)  # fmt: skip
CLOSED_FILE_STATUSES = ((S.COMPLETED, 70), (S.DECLINED, 10), (S.NO_SHOW, 10), (S.WITHDRAWN, 10))
URGENCIES = ((Urgency.NORMAL, 70), (Urgency.SOON, 22), (Urgency.URGENT, 8))
# Seconds from the step before to this one: (least, most).
GAPS = {
    S.RECEIVED: (HOUR, 2 * DAY),
    S.ACCEPTED: (4 * HOUR, 8 * DAY),
    S.DECLINED: (4 * HOUR, 8 * DAY),
    S.STARTED: (2 * DAY, 21 * DAY),
    S.COMPLETED: (20 * DAY, 150 * DAY),
    S.NO_SHOW: (3 * DAY, 14 * DAY),
    S.WITHDRAWN: (DAY, 20 * DAY),
}
REASONS = (
    "Het gezin vraagt zelf om hulp; past goed bij dit aanbod.",
    "Besproken met de ouders; zij willen graag starten.",
    "Zorgen die het gezin zelf benoemt in het gezinsplan.",
    "Advies uit het MDO.",
)
SHARED = (
    "Gezinssituatie en de hulpvraag zoals het gezin die zelf verwoordt.",
    "Fase van de zwangerschap of leeftijd van het kind, en de hulpvraag.",
)
DECLINE_REASONS = (
    "Het gezin valt buiten de doelgroep; een ander aanbod past beter.",
    "Geen plek binnen een redelijke termijn; verwezen naar een alternatief.",
)
OUTCOMES = (
    "Doelen bereikt; het gezin redt het weer zelf.",
    "Begeleiding afgerond; het gezin weet de weg naar vervolghulp.",
    "Afgerond; de jeugdverpleegkundige houdt contact met het gezin.",
)

COLUMNS = {
    Referral: (
        "id", "family_id", "coalition_id", "person_id", "service_id",
        "receiving_organisation_id", "reason", "urgency", "shared_data", "consent_to_share",
        "status", "sent_by_id", "sent_at", "respond_by", "responded_at", "started_at",
        "closed_at", "handled_by_id", "decline_reason", "outcome", "updated_at", "version",
    ),
    ReferralEvent: ("id", "referral_id", "from_status", "to_status", "actor_id", "at", "note"),
}  # fmt: skip


def _weighted(rng: random.Random, table) -> object:
    total = sum(weight for _, weight in table)
    pick = rng.uniform(0, total)
    for value, weight in table:
        pick -= weight
        if pick <= 0:
            return value
    return table[-1][0]


def _term_ids() -> dict[tuple[str, str], object]:
    """kansrijk's taxonomy terms by (taxonomy, code), created once if missing (2 queries)."""
    expected = sum(len(choices.choices) for _d, choices in TAXONOMIES.values())
    rows = TaxonomyTerm.objects.filter(
        taxonomy__name__in=list(TAXONOMIES), taxonomy_name__in=list(TAXONOMIES)
    ).values_list("taxonomy_name", "code", "pk")
    found = {(name, code): pk for name, code, pk in rows}
    if len(found) < expected:
        found = {key: term.pk for key, term in ensure_taxonomies().items()}
    return found


def _coalition_rows(coalition, rng, next_id, state) -> dict:
    municipalities = list(
        Municipality.objects.filter(coalition_id=coalition.id)
        .order_by("pk")
        .values_list("pk", "name", "cbs_code")
    )
    if not municipalities:
        return {}
    by_kind: dict[str, int] = {}
    organisations = Organisation.objects.filter(coalitions=coalition.id).order_by("pk")
    for pk, kind in organisations.values_list("pk", "kind"):
        by_kind.setdefault(kind, pk)
    partners = {key: by_kind.get(p.partner) for key, p in PROVIDERS.items() if p.partner}
    assurer = rng.choice(coalition.staff) if coalition.staff else None

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    now = _dt(coalition.now)
    rows = build_map(
        coalition_id=coalition.id,
        municipalities=[(pk, name, code[2:]) for pk, name, code in municipalities],
        region=f"{municipalities[0][1]} e.o.",
        partners=partners,
        today=coalition.today,
        now=now,
        assurer=(assurer.id, f"{assurer.username}@example.invalid") if assurer else (None, ""),
        new_id=new_id,
    )
    rows.save(batch_size=1000)
    # The attributes `terms.set_service_terms` would write, in one insert for the coalition.
    terms = _term_ids()
    Attribute.objects.bulk_create(
        (
            Attribute(
                id=new_id(),
                link_entity=SERVICE,
                link_id=service.id,
                link_type="kansrijk",
                taxonomy_term_id=terms[(FIELD_TAXONOMY[field], code)],
            )
            for service, fields in rows.terms
            for field, codes in fields.items()
            for code in dict.fromkeys(codes)
        ),
        batch_size=1000,
    )
    create_care_paths(
        coalition_id=coalition.id,
        municipality_ids=[pk for pk, _name, _code in municipalities],
        services=rows.by_key,
        updated_by_id=assurer.id if assurer else None,
        now=now,
    )
    # Who answers: the professionals of each receiving chain partner in this coalition.
    receivers = {p.organisation_id for p in rows.providers if p.organisation_id}
    handlers: dict[int, list[int]] = {}
    for organisation_id, professional_id in (
        Membership.objects.filter(
            coalition_id=coalition.id, organisation_id__in=receivers, is_professional=True
        )
        .order_by("pk")
        .values_list("organisation_id", "professional_id")
    ):
        handlers.setdefault(organisation_id, []).append(professional_id)
    providers = {p.id: p for p in rows.providers}
    state["targets"] = [
        (service.id.hex, organisation_id, handlers[organisation_id])
        for service in rows.services
        for organisation_id in [providers[service.organization_id].organisation_id]
        if organisation_id in handlers and service.status == ServiceStatus.ACTIVE
    ]
    return {}


def _rows(family, rng, next_id) -> dict:
    state = family.coalition_state.get(CODE)
    if not state or not state["targets"] or rng.random() >= REFERRAL_SHARE:
        return {}
    service_id, organisation_id, handlers = rng.choice(state["targets"])
    closed = family.closed_at is not None
    status = _weighted(rng, CLOSED_FILE_STATUSES if closed else STATUSES)
    path = PATHS[status]
    gaps = [rng.randint(*GAPS[s]) for s in path[1:]]
    start = family.created + DAY
    end = (family.closed_at or family.now) - HOUR
    if status in (S.SENT, S.RECEIVED):
        sent = family.now - rng.randint(1, 14) * DAY + rng.randint(8 * HOUR, 16 * HOUR)
        sent = min(max(sent, start), family.now - sum(gaps) - HOUR)
    else:
        latest = end - sum(gaps)
        if latest <= start:
            return {}
        sent = rng.randint(start, latest)
    if sent < family.created:
        return {}
    moments = [sent]
    for gap in gaps:
        moments.append(moments[-1] + gap)
    by_status = dict(zip(path, moments, strict=True))
    urgency = _weighted(rng, URGENCIES)
    sender = rng.choice(family.team) if rng.random() < 0.3 else family.team[0]
    handler = rng.choice(handlers)
    shared = rng.choice(SHARED)
    answered = next((by_status[s] for s in (S.ACCEPTED, S.DECLINED) if s in by_status), None)
    closing = status in (S.DECLINED, S.COMPLETED, S.NO_SHOW, S.WITHDRAWN)
    decline_reason = rng.choice(DECLINE_REASONS) if status == S.DECLINED else ""
    outcome = rng.choice(OUTCOMES) if status == S.COMPLETED else ""
    referral_id = next_id(Referral)
    referral = (
        referral_id, family.family_id, family.coalition, family.client_id,
        service_id, organisation_id, rng.choice(REASONS), urgency, shared, True,
        status, sender.id, _dt(sent),
        add_working_days(_dt(sent).date(), RESPONSE_WORKING_DAYS[urgency]),
        _dt(answered) if answered else None,
        _dt(by_status[S.STARTED]) if S.STARTED in by_status else None,
        _dt(moments[-1]) if closing else None, handler if answered else None,
        decline_reason,
        outcome, _dt(moments[-1]), len(path),
    )  # fmt: skip
    # No timeline events: a synthetic file keeps its one "file created" event (the families'
    # generator promises that); the referral section shows the steps.
    events = [
        (next_id(ReferralEvent), referral_id, path[n - 1] if n else "", step,
         sender.id if step in (S.SENT, S.WITHDRAWN) else handler, _dt(moments[n]), "")
        for n, step in enumerate(path)
    ]  # fmt: skip
    return {Referral: [referral], ReferralEvent: events}


def _delete(cursor) -> None:
    """The maps and care paths of the synthetic coalitions (their families' referrals went
    with the families already). Attributes and metadata point at services by id, not by a
    foreign key, so they go first."""
    qn = connection.ops.quote_name
    params = [MARK + " %"]
    of_coalitions = (
        f"{qn('coalition_id')} IN (SELECT id FROM {qn(Coalition._meta.db_table)} "
        f"WHERE name LIKE %s)"
    )
    services = f"SELECT id FROM {qn(Service._meta.db_table)} WHERE {of_coalitions}"
    cursor.execute(
        f"DELETE FROM {qn(Attribute._meta.db_table)} WHERE {qn('link_entity')} = %s AND "
        f"{qn('link_id')} IN ({services})",
        [SERVICE, *params],
    )
    cursor.execute(
        f"DELETE FROM {qn(Metadata._meta.db_table)} WHERE {qn('resource_type')} = %s AND "
        f"{qn('resource_id')} IN ({services})",
        [SERVICE, *params],
    )
    _delete_rows(cursor, CarePath, of_coalitions, params)
    _delete_rows(cursor, Service, of_coalitions, params)
    _delete_rows(
        cursor,
        Location,
        f"{qn('organization_id')} IN (SELECT id FROM {qn(Organization._meta.db_table)} "
        f"WHERE {of_coalitions})",
        params,
    )
    _delete_rows(cursor, Organization, of_coalitions, params)


def register() -> None:
    register_synthetic_extension(
        SyntheticExtension(
            code=CODE,
            columns=COLUMNS,
            rows=_rows,
            coalition_rows=_coalition_rows,
            delete=_delete,
        )
    )
