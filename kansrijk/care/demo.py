"""Fictional family plans, casusregie and warm handovers for the demo (seed_demo step 50).

After the families (step 20), their screenings (30) and the chain-signal situations (40),
this step lets the care team do what issue 7 is about:

- a filled-in family plan (1Gezin1Plan) for five families: what goes well, concerns in order
  of priority, what the family does itself, the support it needs, goals on several Positive
  Health dimensions, two dated moments of the family's own scores (the spider web compares
  the first and the latest), agreed actions (one overdue), the talk with the family, and for
  DEMO-010 a safety plan the case director granted to the JGZ nurse;
- recorded case directors (DEMO-010, -013, -023, -029, -102), and a casusregie that moved
  from the midwife to the JGZ nurse through an accepted handover (DEMO-023);
- a handover in every status of the transition table (`models.handovers.TRANSITIONS`):
  proposed (two waiting for the login "jgz", one for "kraamzorg" through Kraamzorg Het Nest,
  one for "verloskundige2"), accepted and waiting for the warm contact, declined with a
  reason, completed with a warm contact, and cancelled (withdrawn).

The chain-signal situations of step 40 stay: DEMO-008, -012 and -015 keep no case director,
DEMO-021 keeps its late handover, the families in the gap (DEMO-024, -025, -027) get no
handover to the JGZ, and DEMO-012 no completed task.

Everything goes through the services, as the care team would, so the access log, timeline
and notifications are written as in real use. Only what a service always stamps "now" (or
refuses in the past, as an action's due date) is moved into the past afterwards, as
`kansrijk.worklist.demo` does. Each part checks first whether it was done, so running
seed_demo again changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kansrijk.families.models import Family
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Organisation, Professional

from .models import (
    CarePlan,
    CaseDirector,
    Handover,
    HandoverStatus,
    HealthDimension,
    Task,
    TimingAnchor,
    WarmContactKind,
)
from .selectors_handovers import chain_moment
from .services_handovers import (
    case_director_set,
    handover_accept,
    handover_cancel,
    handover_complete,
    handover_decline,
    handover_propose,
)
from .services_plan import (
    care_plan_discussed_record,
    care_plan_update,
    concern_add,
    goal_add,
    health_score_record,
    plan_action_add,
    safety_plan_grant,
    safety_plan_update,
)

D = HealthDimension
JGZ = "JGZ Rivierenland"
KRAAMZORG = "Kraamzorg Het Nest"
BUURTTEAM = "Buurtteam Lindeoord-Zuid"


# --- The plans --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    owner: str  # login on the care team
    title: str
    due_in_days: int
    goal: int | None = None  # index in `DemoPlan.goals`
    # Agreed this many days ago with a due date that has passed since: overdue today.
    overdue_by: int = 0


@dataclass(frozen=True)
class DemoPlan:
    author: str  # login; the case director, who writes the plan with the family
    strengths: str
    own_contribution: str
    support_needed: str
    concerns: tuple[str, ...]  # most important first
    goals: tuple[tuple[str, str, int], ...]  # (dimension, text, target in days)
    # (days ago, respondent, scores in HealthDimension order); the first and the latest.
    scores: tuple[tuple[int, str, tuple[int, ...]], ...]
    discussed: tuple[int, str, str]  # (days ago, with whom, what the family thought)
    actions: tuple[Action, ...] = ()
    safety: dict[str, str] = field(default_factory=dict)
    safety_granted_to: str = ""


PLANS: dict[str, DemoPlan] = {
    "DEMO-010": DemoPlan(
        author="verloskundige",
        strengths=(
            "Yara en Omar zijn een hecht stel en zorgen liefdevol voor Lina. Omar volgt de "
            "taalschool en zoekt actief werk. Yara komt trouw naar de controles."
        ),
        own_contribution=(
            "Omar belt zelf met de schuldhulp en houdt de post bij. Yara gaat twee keer per "
            "week wandelen met een buurvrouw en schrijft op wanneer ze somber is."
        ),
        support_needed=(
            "Hulp bij het ordenen van de schulden en een grotere woning; een tolk Arabisch bij "
            "de gesprekken; een prenataal huisbezoek van de JGZ."
        ),
        concerns=(
            "Schulden en betalingsachterstand bij de huur",
            "Yara slaapt slecht en voelt zich vaak somber",
            "Woning is te klein voor een tweede kind",
        ),
        goals=(
            (D.DAILY_FUNCTIONING, "Vóór de bevalling is er een overzicht van alle schulden", 60),
            (D.MENTAL_WELLBEING, "Yara voelt zich minder somber en slaapt beter", 90),
            (D.PARTICIPATION, "Omar heeft een taalcertificaat A2 gehaald", 180),
            (D.QUALITY_OF_LIFE, "Het gezin staat ingeschreven voor een grotere woning", 45),
        ),
        scores=(
            (63, "Yara (moeder)", (6, 4, 6, 5, 4, 5)),
            (4, "Yara (moeder)", (6, 5, 7, 6, 5, 6)),
        ),
        discussed=(
            2,
            "Yara en Omar, met een tolk Arabisch",
            "Het gezin herkent zich in het plan en wil eerst de schulden aanpakken.",
        ),
        actions=(
            Action("jgz", "Prenataal huisbezoek bij het gezin plannen", 14, goal=1),
            Action(
                "verloskundige",
                "Aanmelding bij de schuldhulpverlening nagaan",
                7,
                goal=0,
                overdue_by=5,
            ),
        ),
        safety={
            "risks": (
                "Oplopende spanning tussen de ouders door de geldzorgen en de kleine woning; "
                "Yara voelt zich soms niet op haar gemak als Omar boos wordt."
            ),
            "agreements": (
                "Bij oplopende spanning gaat Yara met Lina naar haar zus. Omar praat met het "
                "buurtteam over omgaan met stress. De verloskundige vraagt er bij elke controle "
                "naar, zonder dat Omar erbij is."
            ),
            "contacts": (
                "Zus van Yara (eigen netwerk); de verloskundige; bij acuut gevaar 112; "
                "Veilig Thuis 0800-2000."
            ),
        },
        safety_granted_to="jgz",
    ),
    "DEMO-013": DemoPlan(
        author="verloskundige",
        strengths=(
            "Tigist en Dawit krijgen veel steun van de kerkgemeenschap. Dawit kookt en doet "
            "de boodschappen; Tigist is nieuwsgierig naar alles over de baby."
        ),
        own_contribution=(
            "Tigist gaat naar de zwangerschapsgroep voor nieuwkomers. Dawit regelt samen met "
            "een vriend uit de kerk de babyspullen."
        ),
        support_needed=(
            "Een tolk Tigrinya bij de controles; uitleg over de kraamzorg en het "
            "consultatiebureau; hulp bij de aanvraag van de kinderbijslag."
        ),
        concerns=(
            "Ouders kennen de Nederlandse zorg rond de geboorte nog niet",
            "Weinig geld voor de uitzet",
        ),
        goals=(
            (D.MEANINGFULNESS, "Tigist weet wat er bij de bevalling en daarna gebeurt", 60),
            (D.DAILY_FUNCTIONING, "De babyspullen zijn in huis vóór week 36", 50),
            (D.PARTICIPATION, "Het gezin heeft contact met een andere moeder uit de buurt", 120),
        ),
        scores=(
            (45, "Tigist (moeder)", (7, 5, 8, 6, 4, 6)),
            (3, "Tigist (moeder)", (7, 6, 8, 7, 5, 7)),
        ),
        discussed=(
            3,
            "Tigist en Dawit, met een tolk Tigrinya",
            "Blij met de uitleg; zij willen graag een kennismaking met de kraamzorg.",
        ),
        actions=(
            Action("buurtteam", "Samen de aanvraag kinderbijslag voorbereiden", 21, goal=1),
            Action("jgz", "Kennismaking consultatiebureau afspreken", 28, goal=0),
        ),
    ),
    "DEMO-023": DemoPlan(
        author="verloskundige",
        strengths=(
            "Hanan en Abdi zijn trots op Idil. De buurvrouw kookt de eerste week en Abdi heeft "
            "twee weken vrij genomen."
        ),
        own_contribution=(
            "Abdi neemt de nachtvoedingen in het weekend over. Hanan vraagt haar moeder om "
            "vaker langs te komen."
        ),
        support_needed=(
            "Steun bij de borstvoeding; een tolk Somalisch bij het eerste bezoek van de JGZ; "
            "hulp van het buurtteam bij de toeslagen."
        ),
        concerns=(
            "Moeder is erg moe en de borstvoeding gaat moeizaam",
            "Toeslagen zijn nog niet aangepast aan de gezinsuitbreiding",
        ),
        goals=(
            (D.BODILY_FUNCTIONS, "Hanan voelt zich na zes weken weer uitgerust", 42),
            (D.DAILY_FUNCTIONING, "De toeslagen zijn aangepast", 30),
        ),
        scores=(
            (70, "Hanan (moeder)", (6, 6, 7, 6, 5, 6)),
            (2, "Hanan (moeder)", (4, 5, 7, 6, 5, 5)),
        ),
        discussed=(1, "Hanan en Abdi", "Hanan wil vooral rust; Abdi regelt de toeslagen."),
        actions=(Action("buurtteam", "Toeslagen samen met Abdi aanpassen", 14, goal=1),),
    ),
    "DEMO-029": DemoPlan(
        author="jgz",
        strengths=(
            "Rachida volgt een taalcursus en heeft een goede band met Yasmine. Adam gaat "
            "graag naar de peuterspeelzaal."
        ),
        own_contribution=(
            "Said brengt Adam naar de peuterspeelzaal. Rachida gaat naar de koffieochtend "
            "voor moeders in het buurthuis."
        ),
        support_needed=(
            "Hulp van het buurtteam bij de schulden; advies over slapen en huilen van Yasmine."
        ),
        concerns=(
            "Yasmine huilt veel en slaapt onrustig",
            "Betalingsachterstand bij de energie",
            "Rachida heeft weinig contacten buiten het gezin",
        ),
        goals=(
            (D.MENTAL_WELLBEING, "Rachida voelt zich rustiger bij het huilen van Yasmine", 60),
            (D.DAILY_FUNCTIONING, "Er is een betalingsregeling met het energiebedrijf", 30),
            (D.PARTICIPATION, "Rachida gaat elke week naar de koffieochtend", 90),
        ),
        scores=(
            (56, "Rachida (moeder)", (7, 4, 6, 5, 3, 5)),
            (5, "Rachida (moeder)", (7, 6, 7, 6, 5, 6)),
        ),
        discussed=(5, "Rachida", "Rachida vindt de koffieochtend fijn en wil daarmee doorgaan."),
        actions=(
            Action("buurtteam", "Betalingsregeling energie aanvragen", 10, goal=1),
            Action("jgz", "Extra consult over huilen en slapen", 7, goal=0, overdue_by=3),
        ),
    ),
    "DEMO-102": DemoPlan(
        author="verloskundige2",
        strengths="Hatice en Serkan bereiden zich goed voor en hebben familie in de buurt.",
        own_contribution="Hatice houdt haar bloedsuikers bij en neemt ze mee naar de controle.",
        support_needed="Goede afstemming tussen het ziekenhuis en de verloskundige.",
        concerns=("Zwangerschapsdiabetes", "Geldzorgen door minder werk van Serkan"),
        goals=(
            (D.BODILY_FUNCTIONS, "De bloedsuikers blijven binnen de afgesproken waarden", 60),
            (D.QUALITY_OF_LIFE, "Het gezin weet bij wie het terecht kan met geldvragen", 45),
        ),
        scores=(
            (40, "Hatice (moeder)", (5, 6, 7, 6, 6, 7)),
            (6, "Hatice (moeder)", (6, 6, 7, 7, 6, 7)),
        ),
        discussed=(6, "Hatice en Serkan", "Prettig dat ziekenhuis en verloskundige samenwerken."),
        actions=(Action("gynaecoloog", "Dieetadvies bij de diëtist aanvragen", 14, goal=0),),
    ),
}

# Recorded case directors: (family, the care-team member who records it, the director).
CASE_DIRECTORS = (
    ("DEMO-010", "verloskundige", "verloskundige"),
    ("DEMO-013", "verloskundige", "verloskundige"),
    ("DEMO-023", "verloskundige", "verloskundige"),
    ("DEMO-029", "jgz", "jgz"),
    ("DEMO-102", "verloskundige2", "verloskundige2"),
)


# --- The handovers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoHandover:
    reference: str
    sender: str  # login on the care team
    summary: str  # unique per family: it marks the handover as done
    status: str  # the status it ends in
    moment: str = ""  # chain moment code
    to_organisation: str = ""
    to_professional: str = ""  # login
    receiver: str = ""  # login who answers (accepts or declines)
    reason: str = ""  # of declining or cancelling
    contact: str = ""  # WarmContactKind of a completed handover
    note: str = ""
    # Days ago it was proposed, answered and completed (0: today, as the services write).
    days_ago: tuple[int, int, int] = (0, 0, 0)


S = HandoverStatus
HANDOVERS = (
    # Waiting for the JGZ nurse: the casusregie after the birth (DEMO-013) ...
    DemoHandover(
        "DEMO-013",
        "verloskundige",
        "Na de geboorte neemt de JGZ de casusregie over. Gezin spreekt Tigrinya; plan de "
        "gesprekken met een tolk. Het gezinsplan is met de ouders besproken.",
        S.PROPOSED,
        moment="casusregie",
        to_organisation=JGZ,
        to_professional="jgz",
    ),
    # ... and the JGZ around the birth, to the organisation (DEMO-016).
    DemoHandover(
        "DEMO-016",
        "verloskundige",
        "Kim en Minh verwachten hun eerste kind; gynaecoloog is betrokken vanwege de "
        "bloeddruk. Graag een kennismaking met de JGZ kort na de kraamweek.",
        S.PROPOSED,
        moment="geboorte-jgz",
        to_organisation=JGZ,
    ),
    # Waiting for kraamzorg Het Nest (DEMO-011).
    DemoHandover(
        "DEMO-011",
        "verloskundige",
        "Priya heeft diabetes type 1 en wordt in het ziekenhuis begeleid. Graag een intake "
        "voor de kraamzorg met extra aandacht voor de bloedsuikers van moeder en kind.",
        S.PROPOSED,
        moment="verloskundige-kraamzorg",
        to_organisation=KRAAMZORG,
    ),
    # Waiting for the midwife of Heuvelrande: back from the hospital (DEMO-102).
    DemoHandover(
        "DEMO-102",
        "gynaecoloog",
        "Zwangerschapsdiabetes is goed ingesteld met een dieet. De controles kunnen terug "
        "naar de verloskundige; wij zien Hatice nog één keer bij 36 weken.",
        S.PROPOSED,
        moment="ziekenhuis-eerstelijn",
        to_professional="verloskundige2",
    ),
    # Accepted by kraamzorg, the warm contact still to come (DEMO-009).
    DemoHandover(
        "DEMO-009",
        "verloskundige",
        "Nadia en Youssef willen graag kraamzorg aan huis. Nadia werkt als "
        "doktersassistent en heeft veel vragen over de borstvoeding.",
        S.ACCEPTED,
        moment="verloskundige-kraamzorg",
        to_organisation=KRAAMZORG,
        receiver="kraamzorg",
        days_ago=(9, 6, 0),
    ),
    # Declined by the neighbourhood team, with its reason (DEMO-004).
    DemoHandover(
        "DEMO-004",
        "verloskundige",
        "Sanne en Jeroen hebben vragen over werk en kinderopvang na de bevalling. Zou het "
        "buurtteam een kennismakingsgesprek willen voeren?",
        S.DECLINED,
        to_organisation=BUURTTEAM,
        to_professional="buurtteam",
        receiver="buurtteam",
        reason=(
            "In het kennismakingsgesprek gaven Sanne en Jeroen aan dat ze het nu met hun "
            "eigen netwerk redden. Stel gerust opnieuw een overdracht voor als de vraag "
            "verandert."
        ),
        days_ago=(16, 12, 0),
    ),
    # Completed with a warm contact: kraamzorg to the JGZ (DEMO-022) ...
    DemoHandover(
        "DEMO-022",
        "kraamzorg",
        "Finn is op tijd geboren, de kraamweek verloopt goed. Wendy en Rob vragen zich af "
        "hoe ze Lieke bij de zorg voor de baby betrekken.",
        S.COMPLETED,
        moment="geboorte-jgz",
        to_organisation=JGZ,
        to_professional="jgz",
        receiver="jgz",
        contact=WarmContactKind.CALL,
        note="Samen met Wendy gebeld; het eerste bezoek van de JGZ is afgesproken.",
        days_ago=(4, 3, 2),
    ),
    # ... and the casusregie, from the midwife to the JGZ nurse (DEMO-023).
    DemoHandover(
        "DEMO-023",
        "verloskundige",
        "Idil is geboren; de JGZ neemt de casusregie over. Let op de vermoeidheid van "
        "Hanan en de borstvoeding. Tolk Somalisch nodig.",
        S.COMPLETED,
        moment="casusregie",
        to_organisation=JGZ,
        to_professional="jgz",
        receiver="jgz",
        contact=WarmContactKind.JOINT_VISIT,
        note="Samen op huisbezoek geweest; Hanan en Abdi kennen de jeugdverpleegkundige nu.",
        days_ago=(6, 5, 4),
    ),
    # Withdrawn by the sender before anyone answered (DEMO-017).
    DemoHandover(
        "DEMO-017",
        "verloskundige",
        "Femke en Thijs zoeken hulp bij het regelen van opvang voor Mees na de bevalling.",
        S.CANCELLED,
        to_organisation=BUURTTEAM,
        reason="Het gezin heeft zelf contact opgenomen met het buurtteam; niet meer nodig.",
        days_ago=(10, 8, 0),
    ),
)


# --- The step ---------------------------------------------------------------------------------


def seed_demo_care() -> str | None:
    families = {f.reference: f for f in Family.objects.filter(reference__startswith="DEMO-")}
    if not families:
        return None
    people = {p.username: p for p in Professional.objects.filter(username__in=_logins())}
    organisations = {
        o.name: o for o in Organisation.objects.filter(name__in=(JGZ, KRAAMZORG, BUURTTEAM))
    }
    directors = sum(
        _case_director(families.get(reference), people.get(actor), people.get(director))
        for reference, actor, director in CASE_DIRECTORS
    )
    plans = sum(_plan(families.get(reference), spec, people) for reference, spec in PLANS.items())
    handovers = sum(
        _handover(families.get(h.reference), h, people, organisations) for h in HANDOVERS
    )
    return (
        f"Demo-zorg: {plans} gezinsplannen, {directors} casusregisseurs en "
        f"{handovers} overdrachten nieuw."
    )


def _logins() -> set[str]:
    names = {actor for _ref, actor, _director in CASE_DIRECTORS}
    names |= {director for _ref, _actor, director in CASE_DIRECTORS}
    for spec in PLANS.values():
        names |= {spec.author, spec.safety_granted_to, *(a.owner for a in spec.actions)}
    for handover in HANDOVERS:
        names |= {handover.sender, handover.to_professional, handover.receiver}
    return names - {""}


def _at_ten(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _open(family: Family | None) -> bool:
    return family is not None and family.is_open


@transaction.atomic
def _case_director(family: Family | None, actor, director) -> int:
    if not _open(family) or actor is None or director is None:
        return 0
    if CaseDirector.objects.filter(family=family).exists():
        return 0
    recorded = case_director_set(actor=actor, family_pk=family.pk, professional=director)
    # In charge since care started, not since the demo was loaded.
    first = family.pregnancies.exclude(entered_care_on=None).order_by("entered_care_on").first()
    if first is not None:
        started = min(_at_ten(first.entered_care_on), recorded.started_at)
        CaseDirector.objects.filter(pk=recorded.pk).update(started_at=started)
    return 1


@transaction.atomic
def _plan(family: Family | None, spec: DemoPlan, people: dict) -> int:
    if not _open(family) or spec.author not in people:
        return 0
    if CarePlan.objects.filter(family=family).exists():
        return 0
    today = timezone.localdate()
    author = people[spec.author]
    pk = family.pk
    care_plan_update(
        actor=author,
        family_pk=pk,
        expected_version=0,
        data={
            "strengths": spec.strengths,
            "own_contribution": spec.own_contribution,
            "support_needed": spec.support_needed,
        },
    )
    for text in spec.concerns:
        concern_add(actor=author, family_pk=pk, text=text)
    goals = [
        goal_add(
            actor=author,
            family_pk=pk,
            text=text,
            dimension=dimension,
            target_date=today + timedelta(days=days),
        )
        for dimension, text, days in spec.goals
    ]
    for days_ago, respondent, values in spec.scores:
        health_score_record(
            actor=author,
            family_pk=pk,
            measured_on=today - timedelta(days=days_ago),
            respondent=respondent,
            scores=dict(zip(HealthDimension.values, values, strict=True)),
        )
    days_ago, with_whom, note = spec.discussed
    care_plan_discussed_record(
        actor=author,
        family_pk=pk,
        discussed_on=today - timedelta(days=days_ago),
        with_whom=with_whom,
        note=note,
    )
    for action in spec.actions:
        if action.owner not in people:
            continue
        task = plan_action_add(
            actor=author,
            family_pk=pk,
            title=action.title,
            owner=people[action.owner],
            due_date=today + timedelta(days=action.due_in_days),
            goal_pk=goals[action.goal].pk if action.goal is not None else None,
        )
        if action.overdue_by:
            # Agreed weeks ago; the service refuses a due date in the past, time has not.
            Task.objects.filter(pk=task.pk).update(
                created_at=_at_ten(today - timedelta(days=action.due_in_days + action.overdue_by)),
                due_date=today - timedelta(days=action.overdue_by),
            )
    if spec.safety:
        safety_plan_update(actor=author, family_pk=pk, expected_version=0, data=spec.safety)
        if spec.safety_granted_to in people:
            safety_plan_grant(
                actor=author, family_pk=pk, professional=people[spec.safety_granted_to]
            )
    return 1


@transaction.atomic
def _handover(family: Family | None, spec: DemoHandover, people: dict, organisations) -> int:
    if not _open(family) or spec.sender not in people:
        return 0
    if Handover.objects.filter(family=family, summary=spec.summary).exists():
        return 0
    sender = people[spec.sender]
    handover = handover_propose(
        actor=sender,
        family_pk=family.pk,
        summary=spec.summary,
        to_organisation=organisations.get(spec.to_organisation),
        to_professional=people.get(spec.to_professional),
        moment_code=spec.moment,
    )
    receiver = people.get(spec.receiver)
    today = timezone.localdate()
    if spec.status in (S.ACCEPTED, S.COMPLETED):
        handover_accept(actor=receiver, handover_pk=handover.pk)
    elif spec.status == S.DECLINED:
        handover_decline(actor=receiver, handover_pk=handover.pk, reason=spec.reason)
    elif spec.status == S.CANCELLED:
        handover_cancel(
            actor=sender, family_pk=family.pk, handover_pk=handover.pk, reason=spec.reason
        )
    if spec.status == S.COMPLETED:
        handover_complete(
            actor=receiver,
            family_pk=family.pk,
            handover_pk=handover.pk,
            contact_kind=spec.contact,
            contact_on=today,
            note=spec.note,
        )
    _date_in_the_past(handover, spec, today=today)
    return 1


def _date_in_the_past(handover: Handover, spec: DemoHandover, *, today: date) -> None:
    """Move the moments the services stamped "now" to the days of `spec.days_ago`."""
    proposed, answered, completed = (today - timedelta(days=d) for d in spec.days_ago)
    if proposed == today:
        return
    handover.refresh_from_db()
    changes = {"proposed_at": _at_ten(proposed)}
    if handover.accepted_at:
        changes["accepted_at"] = _at_ten(answered)
    if handover.declined_at:
        changes["declined_at"] = _at_ten(answered)
    if handover.cancelled_at:
        changes["cancelled_at"] = _at_ten(answered)
    if handover.completed_at:
        changes["completed_at"] = _at_ten(completed) + timedelta(hours=4)
        changes["warm_contact_on"] = completed
    moment = chain_moment(handover.coalition_id, spec.moment) if spec.moment else None
    if moment is None or moment.anchor == TimingAnchor.PROPOSED:
        # The term counts from the proposal: it moves with it.
        changes["due_date"] = handover.due_date - (today - proposed)
    Handover.objects.filter(pk=handover.pk).update(**changes)
    if handover.is_casusregie and handover.accepted_at:
        # The casusregie changed hands when the receiver accepted.
        CaseDirector.objects.filter(via_handover=handover).update(started_at=_at_ten(answered))
        CaseDirector.objects.filter(
            family_id=handover.family_id, ended_at__isnull=False, ended_at__gte=handover.accepted_at
        ).update(ended_at=_at_ten(answered))


organisations_demo.register_demo_step(50, seed_demo_care)
