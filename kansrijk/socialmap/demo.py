"""The fictional social map of the demo (seed_demo step 55).

After the families (step 20), their screenings (30), the chain-signal situations (40) and the
plans and handovers (50), and before the MDO (60), the demo coalitions get their social map
(`demo_services.py`):

- Kansrijke Start Lindeoord: 37 services of 20 providers in Lindeoord and Beekveld, covering
  every need, phase, route, evidence level, law, payer and kind of own costs, with addresses,
  phones, opening hours, languages, cost options and funding. Access differs per
  municipality: the same service is open to walk in in one municipality, goes through the
  buurtteam or the central reporting point ("Meldpunt Kansrijke Start", Beekveld) in the
  other, or is not available there. Six services were last checked more than a year ago, so
  the map flags them. The providers that are chain partners with demo logins (buurtteam, JGZ,
  midwives, hospital, kraamzorg) are linked to their `Organisation`, so their professionals
  receive referrals; the login "buurtteam" may also edit the buurtteam's services
  (`MapEditor`).
- Kansrijke Start Heuvelrande: six services in Heuvelrande.
- Three care paths for Lindeoord: money worries and debts (any route), low mood and anxiety
  around pregnancy (route 2) and parenting and attachment in a vulnerable pregnancy (route 3,
  with VoorZorg and, in Beekveld, the "Moeders van Beekveld" coach as the alternative).
- Referrals of demo families in every status (`demo_services.REFERRALS`), each with its events,
  a timeline event per step, and the accepting professional on the care team: one sent to
  the buurtteam and overdue, fresh ones waiting in the inboxes of the logins "buurtteam",
  "jgz" and "kraamzorg", and received, accepted, declined (with a reason), started, completed
  (with the outcome), no-show and withdrawn ones.

The map is written with the ORM (seed data); each coalition's map is added once: a coalition
that already has the demo's services keeps them, so running seed_demo again changes nothing.
`build_map` is shared with the synthetic data (`synthetic.py`).
"""

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kansrijk.core.dates import add_working_days
from kansrijk.families.demo import ROLE_IN_FAMILY
from kansrijk.families.models import CareTeamMember, Family, Person, PersonRole, TimelineEvent
from kansrijk.families.services import care_team_member_add
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Municipality, Organisation, Professional

from .demo_services import (
    CARE_KINDS,
    CARE_PATHS,
    LANGUAGES,
    PROVIDERS,
    REFERRALS,
    SERVICES,
    SMALL_COALITION_SERVICES,
    DemoReferral,
    ServiceSpec,
)
from .models import (
    RESPONSE_WORKING_DAYS,
    Address,
    CarePath,
    CarePathStep,
    CarePathStepService,
    CostOption,
    Funding,
    Language,
    Location,
    MapEditor,
    Metadata,
    MunicipalityAccess,
    Organization,
    Phone,
    Referral,
    ReferralEvent,
    ReferralStatus,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from .terms import set_service_terms
from .timeline import KIND_OF_STATUS
from .vocabulary import AccessRoute, Law

ORDER = 55
REGION = "Rivierenland"
# Demo coalition key -> its municipalities (CBS code) in the order of `place`, and which
# services it gets (None: all).
COALITION_MAPS = {
    "lindeoord": (("GM9901", "GM9902"), None),
    "heuvelrande": (("GM9903",), SMALL_COALITION_SERVICES),
}
# Provider key -> the demo's chain partner (`organisations.demo.ORGANISATIONS`) that answers
# its referrals; linked only where that partner works in the coalition. Only partners with a
# professional among the demo logins: a referral to GGZ De Oever or the municipality would
# wait for an answer nobody in the demo can give.
DEMO_PARTNERS = {
    "buurtteam": "buurtteam",
    "jgz": "jgz",
    "wieg": "wieg",
    "ziekenhuis": "ziekenhuis",
    "nest": "nest",
}
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"
MAP_EDITOR = ("buurtteam", "buurtteam")  # (login, provider key)
ASSURER = "coordinator"


# --- Building a coalition's map ---------------------------------------------------------------


@dataclass
class MapRows:
    """The rows of one coalition's map, ready for bulk_create (parents first)."""

    providers: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    services: list = field(default_factory=list)
    at_locations: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    schedules: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    cost_options: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    access: list = field(default_factory=list)
    metadata: list = field(default_factory=list)
    terms: list = field(default_factory=list)  # (service, {field: codes})
    by_key: dict = field(default_factory=dict)  # service key -> Service
    provider_by_key: dict = field(default_factory=dict)

    def ordered(self) -> list[tuple[type, list]]:
        return [
            (Organization, self.providers),
            (Location, self.locations),
            (Address, self.addresses),
            (Service, self.services),
            (ServiceAtLocation, self.at_locations),
            (Phone, self.phones),
            (Schedule, self.schedules),
            (Language, self.languages),
            (CostOption, self.cost_options),
            (Funding, self.funding),
            (RequiredDocument, self.documents),
            (ServiceArea, self.areas),
            (MunicipalityAccess, self.access),
            (Metadata, self.metadata),
        ]

    def save(self, batch_size: int = 500) -> None:
        for model, rows in self.ordered():
            model.objects.bulk_create(rows, batch_size=batch_size)


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def service_name(spec: ServiceSpec, town: str, region: str) -> str:
    return spec.name.format(town=town, region=region)


def build_map(
    *,
    coalition_id: int,
    municipalities: list[tuple[int, str, str]],
    region: str,
    partners: Mapping[str, int | None],
    keys: Iterable[str] | None = None,
    today: date,
    now: datetime,
    assurer: tuple[int | None, str] = (None, ""),
    new_id: Callable[[], uuid.UUID] = uuid.uuid4,
) -> MapRows:
    """The map of `demo_services` for one coalition.

    `municipalities` are (id, name, four-digit postcode) in the order of `place`; `partners`
    maps provider keys to the chain partner (`Organisation` id) that answers referrals;
    `keys` limits the services; `new_id` hands out the UUIDs (seeded in the synthetic data).
    """
    rows = MapRows()
    wanted = list(SERVICES) if keys is None else list(keys)
    assurer_id, assurer_email = assurer

    def place_of(place: int) -> tuple[int, str, str]:
        return municipalities[min(place, len(municipalities) - 1)]

    locations: dict[str, uuid.UUID] = {}
    for number, provider_key in enumerate(dict.fromkeys(SERVICES[key].provider for key in wanted)):
        spec = PROVIDERS[provider_key]
        municipality_id, town, pc4 = place_of(spec.place)
        name = spec.name.format(town=town, region=region)
        host = f"{spec.web or provider_key}.example"
        provider = Organization(
            id=new_id(),
            coalition_id=coalition_id,
            organisation_id=partners.get(provider_key),
            name=name,
            description=spec.description,
            email=f"info@{host}",
            website=f"https://{host}/",
            legal_status=spec.legal_status,
        )
        rows.providers.append(provider)
        rows.provider_by_key[provider_key] = provider
        location = Location(
            id=new_id(),
            organization_id=provider.id,
            name=name,
            municipality_id=municipality_id,
            transportation="Bushalte op vijf minuten lopen.",
        )
        rows.locations.append(location)
        letters = POSTCODE_LETTERS[number % 18] + POSTCODE_LETTERS[(number * 7) % 18]
        rows.addresses.append(
            Address(
                id=new_id(),
                location_id=location.id,
                address_1=spec.street,
                city=town,
                region=region,
                postal_code=f"{pc4} {letters}",
            )
        )
        rows.phones.append(
            Phone(id=new_id(), organization_id=provider.id, number=spec.phone, type="voice")
        )
        locations[provider_key] = location.id

    for index, key in enumerate(wanted):
        spec = SERVICES[key]
        provider = rows.provider_by_key[spec.provider]
        _municipality_id, town, _pc4 = place_of(PROVIDERS[spec.provider].place)
        checked = today - timedelta(days=spec.checked_months_ago * 30 + index % 9)
        service = Service(
            id=new_id(),
            coalition_id=coalition_id,
            organization_id=provider.id,
            name=service_name(spec, town, region),
            description=spec.description,
            url=provider.website,
            email=provider.email,
            status=spec.status,
            interpretation_services=spec.interpretation,
            application_process=spec.application,
            fees_description=spec.cost[1],
            wait_time=spec.wait_time,
            eligibility_description=spec.eligibility,
            minimum_age=spec.minimum_age,
            maximum_age=spec.maximum_age,
            alert=spec.alert,
            assured_date=checked,
            assurer_email=assurer_email,
            assured_by_id=assurer_id,
        )
        rows.services.append(service)
        rows.by_key[key] = service
        at_location = ServiceAtLocation(
            id=new_id(), service_id=service.id, location_id=locations[spec.provider]
        )
        rows.at_locations.append(at_location)
        rows.phones.append(
            Phone(id=new_id(), service_id=service.id, number=PROVIDERS[spec.provider].phone)
        )
        description, byday, opens, closes = spec.schedule
        rows.schedules.append(
            Schedule(
                id=new_id(),
                service_id=service.id,
                description=description,
                freq="WEEKLY",
                byday=byday,
                opens_at=_time(opens),
                closes_at=_time(closes),
            )
        )
        rows.languages.extend(
            Language(id=new_id(), service_id=service.id, code=code, name=LANGUAGES[code])
            for code in spec.languages
        )
        option, amount_description = spec.cost
        rows.cost_options.append(
            CostOption(
                id=new_id(),
                service_id=service.id,
                option=option,
                amount_description=amount_description,
            )
        )
        rows.funding.append(
            Funding(
                id=new_id(),
                service_id=service.id,
                source="; ".join(str(Law(code).label) for code in spec.laws),
            )
        )
        rows.documents.extend(
            RequiredDocument(id=new_id(), service_id=service.id, document=document)
            for document in spec.documents
        )
        for position, (municipality_id, municipality_name, _pc4) in enumerate(municipalities):
            access = spec.access[position % 2]
            rows.access.append(
                MunicipalityAccess(
                    service_id=service.id,
                    municipality_id=municipality_id,
                    route=access.route,
                    conditions=access.conditions,
                    waiting_weeks=access.waiting_weeks,
                )
            )
            if access.route != AccessRoute.NOT_AVAILABLE:
                rows.areas.append(
                    ServiceArea(
                        id=new_id(),
                        service_id=service.id,
                        municipality_id=municipality_id,
                        name=municipality_name,
                    )
                )
        rows.metadata.append(
            Metadata(
                id=new_id(),
                resource_id=service.id,
                resource_type="service",
                last_action_date=now,
                last_action_type="create",
                updated_by=assurer_email,
            )
        )
        rows.terms.append(
            (
                service,
                {
                    "needs": list(spec.needs),
                    "phases": list(spec.phases),
                    "routes": list(spec.routes),
                    "evidence": [spec.evidence],
                    "laws": list(spec.laws),
                    "payers": list(spec.payers),
                    "own_costs": list(spec.own_costs),
                    "care_kinds": list(CARE_KINDS.get(key, ())),
                },
            )
        )
    return rows


def create_care_paths(
    *,
    coalition_id: int,
    municipality_ids: list[int],
    services: Mapping[str, Service],
    updated_by_id: int | None,
    now: datetime,
) -> int:
    """The three care paths of `demo_services.CARE_PATHS` with the coalition's services
    (a step's alternative for the `place`-th municipality where the coalition has one)."""
    paths = CarePath.objects.bulk_create(
        CarePath(
            coalition_id=coalition_id,
            need=spec.need,
            route=spec.route,
            name=spec.name,
            description=spec.description,
            updated_by_id=updated_by_id,
            updated_at=now,
        )
        for spec in CARE_PATHS
    )
    steps = CarePathStep.objects.bulk_create(
        CarePathStep(
            care_path_id=path.pk,
            position=position,
            title=step.title,
            description=step.description,
        )
        for path, spec in zip(paths, CARE_PATHS, strict=True)
        for position, step in enumerate(spec.steps, start=1)
    )
    specs = [step for spec in CARE_PATHS for step in spec.steps]
    links = []
    for step, spec in zip(steps, specs, strict=True):
        for key in spec.services:
            if key in services:
                links.append(CarePathStepService(step_id=step.pk, service_id=services[key].pk))
        for place, key in spec.alternatives:
            if key in services and place < len(municipality_ids):
                links.append(
                    CarePathStepService(
                        step_id=step.pk,
                        service_id=services[key].pk,
                        municipality_id=municipality_ids[place],
                    )
                )
    CarePathStepService.objects.bulk_create(links)
    return len(paths)


# --- Dates --------------------------------------------------------------------------------


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


# --- Referrals ----------------------------------------------------------------------------

S = ReferralStatus
# The statuses a referral passed through to reach its status (`models.referrals.TRANSITIONS`).
PATHS = {
    S.SENT: (S.SENT,),
    S.RECEIVED: (S.SENT, S.RECEIVED),
    S.ACCEPTED: (S.SENT, S.RECEIVED, S.ACCEPTED),
    S.DECLINED: (S.SENT, S.RECEIVED, S.DECLINED),
    S.STARTED: (S.SENT, S.ACCEPTED, S.STARTED),
    S.COMPLETED: (S.SENT, S.RECEIVED, S.ACCEPTED, S.STARTED, S.COMPLETED),
    S.NO_SHOW: (S.SENT, S.ACCEPTED, S.NO_SHOW),
    S.WITHDRAWN: (S.SENT, S.RECEIVED, S.WITHDRAWN),
}
CLOSING = (S.DECLINED, S.COMPLETED, S.NO_SHOW, S.WITHDRAWN)


def referral_summaries(status: str, values: dict) -> str:
    """The timeline's line for a step, as `services_referrals` writes it."""
    with translation.override(settings.LANGUAGE_CODE):
        texts = {
            S.SENT: _("%(person)s verwezen naar %(service)s (%(organisation)s)"),
            S.RECEIVED: _("Verwijzing naar %(service)s ontvangen door %(who)s"),
            S.ACCEPTED: _(
                "Verwijzing naar %(service)s geaccepteerd door %(who)s (%(organisation)s)"
            ),
            S.DECLINED: _("Verwijzing naar %(service)s afgewezen: %(note)s"),
            S.STARTED: _("Hulp bij %(service)s gestart (%(who)s)"),
            S.COMPLETED: _("Hulp bij %(service)s afgerond: %(note)s"),
            S.NO_SHOW: _("Niet verschenen bij %(service)s"),
            S.WITHDRAWN: _("Verwijzing naar %(service)s ingetrokken door %(who)s"),
        }
        return str(texts[status] % values)[:300]


def _name(professional: Professional) -> str:
    return professional.get_full_name() or professional.username


def _join_care_team(family: Family, *, sender, handler, day: date) -> None:
    """Accepting puts the receiving professional on the care team (`referral_respond`)."""
    if CareTeamMember.objects.current().filter(family=family, professional=handler).exists():
        return
    care_team_member_add(
        actor=sender,
        family_pk=family.pk,
        professional=handler,
        role_in_family=ROLE_IN_FAMILY.get(handler.username, ""),
        start_date=day,
    )


def _create_referral(spec: DemoReferral, *, family, service, people, today) -> bool:
    client = Person.objects.filter(family=family, role=PersonRole.CLIENT).order_by("pk").first()
    organisation = service.organization.organisation
    if client is None or organisation is None:
        return False
    path = PATHS[spec.status]
    moments = [_at(today - timedelta(days=days), 9 + n) for n, days in enumerate(spec.days_ago)]
    sender, handler = people[spec.sender], people[spec.handler]
    by_status = dict(zip(path, moments, strict=True))
    answered = next((by_status[s] for s in (S.ACCEPTED, S.DECLINED) if s in by_status), None)
    referral = Referral.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        person=client,
        service=service,
        receiving_organisation=organisation,
        reason=spec.reason,
        urgency=spec.urgency,
        shared_data=spec.shared,
        # Nobody refers without the family's consent to share (`services_referrals`).
        consent_to_share=True,
        status=spec.status,
        sent_by=sender,
        sent_at=moments[0],
        respond_by=add_working_days(moments[0].date(), RESPONSE_WORKING_DAYS[spec.urgency]),
        responded_at=answered,
        started_at=by_status.get(S.STARTED),
        closed_at=moments[-1] if spec.status in CLOSING else None,
        # Who accepted or declined (`services_referrals` records no one for a receipt).
        handled_by=handler if answered else None,
        decline_reason=spec.notes.get(S.DECLINED, ""),
        outcome=spec.notes.get(S.COMPLETED, ""),
        updated_at=moments[-1],
        version=len(path),
    )
    if S.ACCEPTED in by_status:
        _join_care_team(family, sender=sender, handler=handler, day=by_status[S.ACCEPTED].date())
    ReferralEvent.objects.bulk_create(
        ReferralEvent(
            referral=referral,
            from_status=path[n - 1] if n else "",
            to_status=status,
            actor=sender if status in (S.SENT, S.WITHDRAWN) else handler,
            at=moments[n],
            note=spec.notes.get(status, ""),
        )
        for n, status in enumerate(path)
    )
    values = {
        "person": client.first_name,
        "service": service.name,
        "organisation": organisation.name,
        "note": "",
    }
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            family=family,
            coalition_id=family.coalition_id,
            kind=KIND_OF_STATUS[status],
            summary=referral_summaries(
                status,
                {
                    **values,
                    "who": _name(actor),
                    "note": spec.notes.get(status, ""),
                },
            ),
            actor=actor,
            at=moments[n],
            object_type=Referral._meta.label,
            object_id=str(referral.pk),
        )
        for n, status in enumerate(path)
        for actor in [sender if status in (S.SENT, S.WITHDRAWN) else handler]
    )
    return True


# --- The step -----------------------------------------------------------------------------


def _partners(coalition: Coalition) -> dict[str, int]:
    names = {
        provider: organisations_demo.ORGANISATIONS[org][0]
        for provider, org in DEMO_PARTNERS.items()
    }
    here = dict(
        Organisation.objects.filter(coalitions=coalition, name__in=names.values()).values_list(
            "name", "pk"
        )
    )
    return {provider: here[name] for provider, name in names.items() if name in here}


def _coalition_map(coalition: Coalition, codes, keys, people, now) -> tuple[int, int]:
    """Add the coalition's map and care paths unless it has them; (services, paths) added."""
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=codes)}
    if len(municipalities) < len(codes):
        return 0, 0
    ordered = [(municipalities[c].pk, municipalities[c].name, c[2:]) for c in codes]
    first = SERVICES[(keys or list(SERVICES))[0]]
    town = ordered[min(PROVIDERS[first.provider].place, len(ordered) - 1)][1]
    if Service.objects.filter(coalition=coalition, name=service_name(first, town, REGION)).exists():
        return 0, 0
    assurer = people.get(ASSURER)
    rows = build_map(
        coalition_id=coalition.pk,
        municipalities=ordered,
        region=REGION,
        partners=_partners(coalition),
        keys=keys,
        today=timezone.localdate(now),
        now=now,
        assurer=(assurer.pk, assurer.email) if assurer else (None, ""),
    )
    rows.save()
    for service, terms in rows.terms:
        set_service_terms(service, terms)
    editor, provider_key = MAP_EDITOR
    provider = rows.provider_by_key.get(provider_key)
    if provider is not None and provider.organisation_id and editor in people and assurer:
        MapEditor.objects.get_or_create(
            organization=provider, professional=people[editor], defaults={"granted_by": assurer}
        )
    paths = 0
    if keys is None:
        paths = create_care_paths(
            coalition_id=coalition.pk,
            municipality_ids=[pk for pk, _name, _pc4 in ordered],
            services=rows.by_key,
            updated_by_id=assurer.pk if assurer else None,
            now=now,
        )
    return len(rows.services), paths


@transaction.atomic
def seed_demo_socialmap() -> str | None:
    coalitions = {
        key: Coalition.objects.filter(name=spec["name"]).first()
        for key, spec in organisations_demo.COALITIONS.items()
    }
    if not all(coalitions.values()):
        return None
    people = {
        p.username: p
        for p in Professional.objects.filter(username__in=organisations_demo.PROFESSIONALS)
    }
    now = timezone.now()
    services = paths = 0
    for key, (codes, keys) in COALITION_MAPS.items():
        added_services, added_paths = _coalition_map(coalitions[key], codes, keys, people, now)
        services += added_services
        paths += added_paths
    referrals = _demo_referrals(coalitions["lindeoord"], people, timezone.localdate(now))
    return (
        f"Demo-sociale kaart: {services} nieuw aanbod, {paths} nieuwe zorgpaden, "
        f"{referrals} nieuwe verwijzingen."
    )


def _demo_referrals(coalition: Coalition, people: dict, today: date) -> int:
    codes, _keys = COALITION_MAPS["lindeoord"]
    towns = dict(Municipality.objects.filter(cbs_code__in=codes).values_list("cbs_code", "name"))
    if len(towns) < len(codes):
        return 0
    families = {
        f.reference: f
        for f in Family.objects.filter(
            coalition=coalition, reference__in=[r.family for r in REFERRALS]
        )
    }
    added = 0
    for spec in REFERRALS:
        service_spec = SERVICES[spec.service]
        place = min(PROVIDERS[service_spec.provider].place, len(codes) - 1)
        service = (
            Service.objects.filter(
                coalition=coalition,
                name=service_name(service_spec, towns[codes[place]], REGION),
            )
            .select_related("organization__organisation")
            .first()
        )
        family = families.get(spec.family)
        if (
            service is None
            or family is None
            or spec.sender not in people
            or spec.handler not in people
            or Referral.objects.filter(family=family, service=service).exists()
        ):
            continue
        added += _create_referral(spec, family=family, service=service, people=people, today=today)
    return added
