"""Twelve months of fictional history for the demo's monitoring (seed_demo step 70).

The demo families of the other apps (DEMO-001 to DEMO-104) were all made on the day the demo
is loaded: their files, consents, route decisions and handovers are of today, so a trend per
month would be flat. This step adds 132 fictional families to Kansrijke Start Lindeoord,
"DEMO-201" to "DEMO-332", whose signaling dates are spread evenly over the last twelve months
(about eleven a month, in Lindeoord and Beekveld), each with what follows in the chain:

- the file and the client (made-up first names, no BSN), consent for the care team and,
  except every fifteenth family, for monitoring;
- the pregnancy: signalled at 8 to 22 weeks (mostly before 16), born around the due date
  when that has passed;
- a finished R4U assessment (made-up answers that give the level) and the proposed route:
  4 in 10 no vulnerability (route 1), 3 potentially vulnerable (route 2), 3 vulnerable (route
  3; none urgent, the demo's one urgent case stays DEMO-012);
- route 2: the JGZ prenatal home visit as a task (done after two weeks); routes 2 and 3: a
  case director within 0 to 10 days; route 3: discussed in a fortnightly MDO of their own
  series ("MDO-archief Lindeoord (fictief)"), now and then a meeting later than planned;
- handovers at the chain moments (midwife to kraamzorg six weeks before the due date,
  kraamzorg to JGZ around the birth), mostly accepted on time; a planned JGZ contact after
  the birth for most; referrals to VoorZorg, Stevig Ouderschap, Centering and Nu Niet
  Zwanger, answered in 1 to 12 days (none waits for an answer: the inboxes of the demo's
  logins stay as the social map's demo made them).

So most headline figures of a quarter reach 10 or more (shown as numbers), while smaller
cells stay "<10". The families have no care team (nobody opens their files in the demo;
they exist for the figures) and their data is written directly with the ORM in bulk, with
the dates in the past. Idempotent: only missing references are added (normally all or none).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kansrijk.care.models import (
    CaseDirector,
    Handover,
    HandoverStatus,
    Task,
    TaskStatus,
)
from kansrijk.families.models import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Family,
    Person,
    PersonRole,
    Pregnancy,
    PregnancyOutcome,
)
from kansrijk.families.phases import DUE_DATE_DAY
from kansrijk.mdo.models import (
    AgendaItem,
    ItemSource,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
)
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Membership, Municipality, Professional
from kansrijk.signaling import instruments
from kansrijk.signaling.levels import Level, Route, proposed_route
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision
from kansrijk.socialmap.models import Attribute, Referral, ReferralStatus, Service

ORDER = 70  # after the MDO (60) and financing (57-59)
FIRST_NUMBER, COUNT = 201, 132
COALITION = organisations_demo.COALITIONS["lindeoord"]["name"]
MUNICIPALITIES = ("GM9901", "GM9902")
SERIES_NAME = "MDO-archief Lindeoord (fictief)"
R4U = "r4u-kansrijk"
LOGINS = ("verloskundige", "kraamzorg", "jgz", "buurtteam", "coordinator")
JGZ_VISIT_STEP = "jgz_prenatal_visit"
JGZ_CONTACT_SOURCE = "jgz_contact"
CARE_KINDS = ("voorzorg", "stevig_ouderschap", "centering", "nu_niet_zwanger")
NOTE = "Fictief gezin voor de monitoring-geschiedenis van de demo."

# Cycles over the families (by number), so every month gets a similar mix.
WEEKS = (9, 12, 10, 14, 11, 17, 13, 8, 15, 19, 12, 22)
N, PV, V = Level.NONE, Level.POTENTIALLY_VULNERABLE, Level.VULNERABLE
# No urgent level: the demo keeps its one urgent case (DEMO-012) for the coordinators' notice.
LEVELS = (N, PV, N, V, N, PV, N, V, PV, V)
INTERPRETER_LANGUAGES = ("Arabisch", "Tigrinya", "Pools", "Turks", "Somalisch")
FIRST_NAMES = (
    "Amber", "Bo", "Chaima", "Demi", "Elif", "Fenna", "Gizem", "Hiba", "Isa", "Jade",
    "Kiki", "Lina", "Mila", "Nora", "Olga", "Puck", "Rania", "Sanne", "Tara", "Vera",
)  # fmt: skip
LAST_NAMES = ("Akkerman", "Bosman", "Claassen", "Doorn", "Evers", "Flier", "Gerrits", "Holt")
REFERRAL_OUTCOMES = (
    ReferralStatus.COMPLETED,
    ReferralStatus.STARTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
    ReferralStatus.STARTED,
    ReferralStatus.NO_SHOW,
    ReferralStatus.COMPLETED,
)


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass(frozen=True)
class Plan:
    number: int
    signalled: date
    weeks: int
    due: date
    birth: date | None
    level: Level
    route: Route
    priority: bool
    monitoring: bool

    @property
    def reference(self) -> str:
        return f"DEMO-{self.number}"

    @property
    def interpreter(self) -> str:
        return INTERPRETER_LANGUAGES[self.number % 5] if self.number % 4 == 0 else ""


def plans(today: date) -> list[Plan]:
    result = []
    for index in range(COUNT):
        number = FIRST_NUMBER + index
        signalled = today - timedelta(days=3 + index * 362 // COUNT)
        weeks = WEEKS[index % len(WEEKS)]
        due = signalled + timedelta(days=DUE_DATE_DAY - weeks * 7)
        birth = due + timedelta(days=index % 7 - 3)
        level = LEVELS[index % len(LEVELS)]
        route, priority = proposed_route(level)
        result.append(
            Plan(
                number=number,
                signalled=signalled,
                weeks=weeks,
                due=due,
                birth=birth if birth < today else None,
                level=level,
                route=route,
                priority=priority,
                monitoring=index % 15 != 7,
            )
        )
    return result


def seed_demo_monitoring() -> str | None:
    coalition = Coalition.objects.filter(name=COALITION).first()
    people = {p.username: p for p in Professional.objects.filter(username__in=LOGINS)}
    if coalition is None or len(people) < len(LOGINS):
        return None
    today = timezone.localdate()
    wanted = plans(today)
    existing = set(
        Family.objects.filter(
            coalition=coalition, reference__in=[plan.reference for plan in wanted]
        ).values_list("reference", flat=True)
    )
    missing = [plan for plan in wanted if plan.reference not in existing]
    if missing:
        _History(coalition, people, today).add(missing)
    return f"Demo-monitoring: {len(missing)} gezinnen met geschiedenis nieuw, {COUNT} in totaal."


class _History:
    """Writes the rows of the missing families in bulk, one kind of row at a time."""

    def __init__(self, coalition: Coalition, people: dict, today: date):
        self.coalition = coalition
        self.people = people
        self.today = today
        self.now = timezone.now()
        self.municipalities = {
            m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=MUNICIPALITIES)
        }
        self.memberships = {
            m.professional.username: m
            for m in Membership.objects.current()
            .filter(coalition=coalition, professional__username__in=LOGINS)
            .select_related("professional", "organisation")
        }
        self.instrument = instruments.get_instrument(R4U)

    def _organisation(self, login: str):
        return self.memberships[login].organisation

    def add(self, missing: list[Plan]) -> None:
        families = self._families(missing)
        clients = self._clients(missing, families)
        self._consents(missing, families)
        pregnancies = self._pregnancies(missing, families)
        decisions = self._signaling(missing, families, pregnancies)
        self._route_follow_up(missing, families, decisions)
        self._handovers(missing, families)
        self._mdo(missing, families, decisions)
        self._referrals(missing, families, clients)

    def _families(self, missing: list[Plan]) -> dict[int, Family]:
        midwife = self.people["verloskundige"]
        rows = [
            Family(
                coalition=self.coalition,
                municipality=self.municipalities[MUNICIPALITIES[plan.number % 2]],
                reference=plan.reference,
                postcode=f"{9901 + plan.number % 3} {'ABCEGHJKLM'[plan.number % 10]}Z",
                main_language=plan.interpreter or "Nederlands",
                interpreter_needed=bool(plan.interpreter),
                interpreter_language=plan.interpreter,
                low_income=plan.number % 3 == 0,
                strengths=NOTE,
                created_by=midwife,
            )
            for plan in missing
        ]
        Family.objects.bulk_create(rows)
        # auto_now_add set today's date on insert: the files were opened before the signaling.
        for plan, family in zip(missing, rows, strict=True):
            family.created_at = _at(plan.signalled - timedelta(days=plan.number % 4), 9)
        Family.objects.bulk_update(rows, ["created_at"])
        return {plan.number: family for plan, family in zip(missing, rows, strict=True)}

    def _clients(self, missing, families) -> dict[int, Person]:
        rows = {
            plan.number: Person(
                family=families[plan.number],
                coalition=self.coalition,
                role=PersonRole.CLIENT,
                first_name=FIRST_NAMES[plan.number % len(FIRST_NAMES)],
                last_name=LAST_NAMES[plan.number % len(LAST_NAMES)],
            )
            for plan in missing
        }
        Person.objects.bulk_create(rows.values())
        return rows

    def _consents(self, missing, families) -> None:
        midwife = self.people["verloskundige"]
        rows = []
        for plan in missing:
            for purpose, given in (
                (ConsentPurpose.CARE_TEAM, True),
                (ConsentPurpose.MONITORING, plan.monitoring),
            ):
                rows.append(
                    Consent(
                        family=families[plan.number],
                        coalition=self.coalition,
                        purpose=purpose,
                        given=given,
                        method=ConsentMethod.WRITTEN,
                        recorded_by=midwife,
                    )
                )
        Consent.objects.bulk_create(rows)
        by_family = {plan.number: plan for plan in missing}
        number_of = {family.pk: number for number, family in families.items()}
        for consent in rows:
            plan = by_family[number_of[consent.family_id]]
            consent.recorded_at = _at(plan.signalled - timedelta(days=plan.number % 4), 9, 30)
        Consent.objects.bulk_update(rows, ["recorded_at"])

    def _pregnancies(self, missing, families) -> dict[int, Pregnancy]:
        rows = {
            plan.number: Pregnancy(
                family=families[plan.number],
                coalition=self.coalition,
                due_date=plan.due,
                gravidity=1 + plan.number % 2,
                parity=plan.number % 2,
                entered_care_on=min(plan.due - timedelta(days=DUE_DATE_DAY - 56), self.today),
                birth_date=plan.birth,
                outcome=PregnancyOutcome.LIVE_BIRTH if plan.birth else "",
            )
            for plan in missing
        }
        Pregnancy.objects.bulk_create(rows.values())
        return rows

    def _signaling(self, missing, families, pregnancies) -> dict[int, RouteDecision]:
        from kansrijk.signaling.demo import answers_for_level

        midwife = self.people["verloskundige"]
        scored = {}
        for level in set(LEVELS):
            answers = answers_for_level(self.instrument, level)
            scored[level] = (answers, instruments.score(self.instrument, answers))
        assessments = {}
        for plan in missing:
            answers, result = scored[plan.level]
            assessments[plan.number] = Assessment(
                family=families[plan.number],
                coalition=self.coalition,
                pregnancy=pregnancies[plan.number],
                instrument_key=self.instrument.key,
                instrument_version=self.instrument.version,
                status=AssessmentStatus.FINAL,
                answers=answers,
                result=result.as_dict(),
                total_score=result.total,
                level=plan.level,
                assessed_on=plan.signalled,
                gestational_age_days=plan.weeks * 7,
                recorded_by=midwife,
                created_at=_at(plan.signalled, 10),
                updated_at=_at(plan.signalled, 10, 30),
                finished_at=_at(plan.signalled, 10, 30),
            )
        Assessment.objects.bulk_create(assessments.values())
        decisions = {
            plan.number: RouteDecision(
                family=families[plan.number],
                coalition=self.coalition,
                assessment=assessments[plan.number],
                proposed_route=plan.route,
                proposed_priority=plan.priority,
                route=plan.route,
                priority=plan.priority,
                decided_by=midwife,
                decided_at=_at(plan.signalled, 11),
                awaiting_mdo=False,
            )
            for plan in missing
        }
        RouteDecision.objects.bulk_create(decisions.values())
        return decisions

    def _route_follow_up(self, missing, families, decisions) -> None:
        """Route 2: the JGZ prenatal home visit; routes 2 and 3: the case director; after a
        birth: the JGZ's first contact, planned for most families."""
        tasks, directors = [], []
        jgz = self._organisation("jgz")
        for plan in missing:
            family = families[plan.number]
            if plan.route == Route.POTENTIALLY_VULNERABLE:
                done = plan.signalled <= self.today - timedelta(days=14)
                tasks.append(
                    Task(
                        family=family,
                        coalition=self.coalition,
                        title="Prenataal huisbezoek door de JGZ",
                        owner_organisation=jgz,
                        due_date=plan.signalled + timedelta(days=14),
                        status=TaskStatus.DONE if done else TaskStatus.OPEN,
                        source="route",
                        source_id=f"{decisions[plan.number].pk}:{JGZ_VISIT_STEP}",
                        created_by=self.people["verloskundige"],
                        created_at=_at(plan.signalled, 11),
                        completed_at=_at(plan.signalled + timedelta(days=9), 15) if done else None,
                        completed_by=self.people["jgz"] if done else None,
                    )
                )
            if plan.route in (Route.POTENTIALLY_VULNERABLE, Route.VULNERABLE):
                login = "buurtteam" if plan.route == Route.VULNERABLE else "jgz"
                started = min(
                    _at(plan.signalled + timedelta(days=(plan.number % 6) * 2), 14), self.now
                )
                directors.append(
                    CaseDirector(
                        family=family,
                        coalition=self.coalition,
                        professional=self.people[login],
                        membership=self.memberships[login],
                        started_at=started,
                        set_by=self.people[login],
                    )
                )
            if plan.birth and plan.number % 9 != 4:
                done = plan.birth + timedelta(days=12) <= self.today
                tasks.append(
                    Task(
                        family=family,
                        coalition=self.coalition,
                        title="Eerste huisbezoek JGZ",
                        owner_organisation=jgz,
                        due_date=plan.birth + timedelta(days=12),
                        status=TaskStatus.DONE if done else TaskStatus.OPEN,
                        source=JGZ_CONTACT_SOURCE,
                        created_by=self.people["kraamzorg"],
                        created_at=_at(plan.birth, 16),
                        completed_at=_at(plan.birth + timedelta(days=12), 11) if done else None,
                        completed_by=self.people["jgz"] if done else None,
                    )
                )
        Task.objects.bulk_create(tasks)
        CaseDirector.objects.bulk_create(directors)

    def _handovers(self, missing, families) -> None:
        rows = []
        moments = (
            # (code, name, from login, to login)
            ("verloskundige-kraamzorg", "Verloskundige → kraamzorg", "verloskundige", "kraamzorg"),
            (
                "geboorte-jgz",
                "Verloskundige/kraamzorg → JGZ (rond de geboorte)",
                "kraamzorg",
                "jgz",
            ),
        )
        for plan in missing:
            for code, name, sender, receiver in moments:
                if code == "verloskundige-kraamzorg":
                    proposed, due = plan.due - timedelta(days=56), plan.due - timedelta(days=42)
                elif plan.birth:
                    proposed, due = plan.birth, plan.birth + timedelta(days=7)
                else:
                    continue
                if proposed > self.today:
                    continue
                late = plan.number % 7 == 3
                accepted = due + timedelta(days=3) if late else proposed + timedelta(days=2)
                accepted_at = min(_at(accepted, 13), self.now)
                rows.append(
                    Handover(
                        family=families[plan.number],
                        coalition=self.coalition,
                        moment_code=code,
                        moment_name=name,
                        from_professional=self.people[sender],
                        from_membership=self.memberships[sender],
                        to_organisation=self._organisation(receiver),
                        summary=NOTE,
                        due_date=due,
                        status=HandoverStatus.ACCEPTED,
                        proposed_at=_at(proposed, 9),
                        accepted_by=self.people[receiver],
                        accepted_at=accepted_at,
                    )
                )
        Handover.objects.bulk_create(rows)

    def _mdo(self, missing, families, decisions) -> None:
        """A fortnightly MDO over the last year and a bit; each route-3 family on the first
        meeting at least three days after its route decision (every fifth a meeting later)."""
        coordinator = self.people["coordinator"]
        series, _created = MdoSeries.objects.get_or_create(
            coalition=self.coalition,
            name=SERIES_NAME,
            defaults={
                "description": "Eerdere overleggen, voor de geschiedenis van de monitoring.",
                "is_active": False,
                "created_by": coordinator,
            },
        )
        days = [self.today - timedelta(days=2 + 14 * k) for k in range(28)]
        meetings = {
            meeting.starts_at: meeting
            for meeting in MdoMeeting.objects.filter(series=series).order_by("starts_at")
        }
        new = []
        for day in sorted(days):
            starts = _at(day, 13)
            if starts in meetings:
                continue
            meeting = MdoMeeting(
                series=series,
                starts_at=starts,
                place="Gemeentehuis Lindeoord",
                status=MeetingStatus.FINAL,
                published_at=_at(day - timedelta(days=7), 9),
                held_at=_at(day, 15),
                finalised_at=_at(day + timedelta(days=1), 10),
                finalised_by=coordinator,
                access_until=_at(day + timedelta(days=1), 10),
                created_by=coordinator,
            )
            new.append(meeting)
            meetings[starts] = meeting
        MdoMeeting.objects.bulk_create(new)
        held = sorted(meetings.values(), key=lambda m: m.starts_at)
        items, waiting = [], []
        for plan in missing:
            if plan.route != Route.VULNERABLE:
                continue
            decided = decisions[plan.number].decided_at
            fitting = [m for m in held if m.starts_at >= decided + timedelta(days=3)]
            meeting = (
                fitting[1 if plan.number % 5 == 0 and len(fitting) > 1 else 0] if fitting else None
            )
            if meeting is None:
                waiting.append(decisions[plan.number].pk)
                continue
            items.append(
                AgendaItem(
                    meeting=meeting,
                    family=families[plan.number],
                    coalition=self.coalition,
                    source=ItemSource.ROUTE_3,
                    status=ItemStatus.DISCUSSED,
                    position=plan.number,
                    urgent=plan.priority,
                    submitted_at=decided,
                    discussed_at=meeting.starts_at + timedelta(minutes=30),
                )
            )
        AgendaItem.objects.bulk_create(items)
        if waiting:
            RouteDecision.objects.filter(pk__in=waiting).update(awaiting_mdo=True)

    def _services(self) -> dict[str, Service]:
        """The first of the coalition's services carrying each care kind (an HSDS attribute
        names the service, there is no foreign key)."""
        own = Service.objects.filter(coalition=self.coalition).values("pk")
        links = (
            Attribute.objects.filter(
                link_entity="service",
                link_id__in=own,
                taxonomy_term__taxonomy_name="kansrijk-zorgsoort",
                taxonomy_term__code__in=CARE_KINDS,
            )
            .order_by("taxonomy_term__code", "link_id")
            .values_list("taxonomy_term__code", "link_id")
        )
        first = {}
        for kind, pk in links:
            first.setdefault(kind, pk)
        services = Service.objects.select_related("organization").in_bulk(list(first.values()))
        return {kind: services[pk] for kind, pk in first.items() if pk in services}

    def _referrals(self, missing, families, clients) -> None:
        services = self._services()
        if not services:
            return
        fallback = self._organisation("jgz")
        rows = []
        for index, plan in enumerate(missing):
            kind = _care_kind(plan)
            if kind is None or kind not in services:
                continue
            service = services[kind]
            sent = plan.signalled + timedelta(days=5)
            if sent > self.today:
                continue
            status = REFERRAL_OUTCOMES[index % len(REFERRAL_OUTCOMES)]
            answered = sent + timedelta(days=1 + plan.number % 12)
            if answered > self.today:
                continue
            started = status in (ReferralStatus.STARTED, ReferralStatus.COMPLETED)
            closed = status in (
                ReferralStatus.COMPLETED,
                ReferralStatus.DECLINED,
                ReferralStatus.NO_SHOW,
            )
            organisation = getattr(service.organization, "organisation", None) or fallback
            rows.append(
                Referral(
                    family=families[plan.number],
                    coalition=self.coalition,
                    person=clients[plan.number],
                    service=service,
                    receiving_organisation=organisation,
                    reason=NOTE,
                    consent_to_share=True,
                    status=status,
                    sent_by=self.people["buurtteam" if plan.route == Route.VULNERABLE else "jgz"],
                    sent_at=_at(sent, 11),
                    respond_by=sent + timedelta(days=14),
                    responded_at=_at(answered, 12),
                    started_at=_at(answered + timedelta(days=7), 10) if started else None,
                    closed_at=_at(answered + timedelta(days=8), 10) if closed else None,
                    decline_reason="Wachtlijst vol; elders geholpen."
                    if status == ReferralStatus.DECLINED
                    else "",
                    updated_at=_at(answered, 12),
                )
            )
        Referral.objects.bulk_create(rows)


def _care_kind(plan: Plan) -> str | None:
    """Route 3: VoorZorg (first child) or Stevig Ouderschap; route 2: Stevig Ouderschap or
    Centering; every fourth route-1 family: Centering; after a birth in a vulnerable family,
    sometimes Nu Niet Zwanger."""
    if plan.route == Route.VULNERABLE:
        if plan.birth and plan.number % 3 == 0:
            return "nu_niet_zwanger"
        return "voorzorg" if plan.number % 2 else "stevig_ouderschap"
    if plan.route == Route.POTENTIALLY_VULNERABLE:
        return "stevig_ouderschap" if plan.number % 2 else "centering"
    return "centering" if plan.number % 4 == 1 else None


__all__ = ["ORDER", "plans", "seed_demo_monitoring"]
