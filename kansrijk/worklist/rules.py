"""Chain signals (ketensignalen) as code: what is falling between the cracks, and why.

Each rule is a small object: a code, a Dutch title, a Dutch "why" text, the threshold with
its default (a coalition may change it or switch the rule off, `SignalSetting`), the
queryset that says for which families it holds, and what to do about it (a page of the
family, or an action of this app).

Conventions shared by every rule:

- Rules are given open families only (`selectors`): a closed file has nothing left to fall
  through.
- A rule is ONE query over the families it is given (a coalition's, or a professional's
  own), never a query per family: `holds(families, today=..., days=...)` filters and
  annotates, and the caller adds the columns every row shows. So the work queue costs the
  same number of queries for 5 signals as for 500.
- Each holding family gets `basis`: the date the situation started (a route decision, a
  birth, a due date, the file being opened). The signal itself starts on `rule.starts(basis,
  days)`, the first day it shows. A term of N days starting on day S ends on S + N, like a
  task's due date; the signal shows from the day after, as a task is overdue the day after
  its due date.
- The current route of a family is its newest route decision (`signaling`).
- Signals are computed on read: nothing is stored, so a signal disappears the moment the
  data that caused it is fixed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.care.models import CaseDirector, Handover, HandoverStatus, Task, TaskStatus
from kansrijk.core.dates import add_working_days, format_date
from kansrijk.families.models import CareTeamMember, Consent, ConsentPurpose, Family, Pregnancy
from kansrijk.families.phases import (
    GAP_FROM_DAY,
    INFANCY_FROM_DAY,
    PhaseCode,
    add_years,
    phase_date_bounds,
)
from kansrijk.families.selectors import COUNTING_PREGNANCY
from kansrijk.mdo.models import AgendaItem, ItemStatus, MeetingStatus
from kansrijk.organisations.models import Membership, OrganisationKind
from kansrijk.signaling.levels import Route
from kansrijk.signaling.models import RouteDecision
from kansrijk.socialmap.models import AWAITING_RESPONSE, Referral

# Task sources this app creates and looks for (`care.Task.source`).
JGZ_CONTACT_SOURCE = "jgz_contact"
AFTERCARE_SOURCE = "aftercare"
# How far before the birth a planned contact still counts for this child: the whole
# pregnancy (a contact planned for an older child does not count for this one).
PREGNANCY_DAYS = 280


@dataclass(frozen=True)
class Act:
    """What a professional does about a signal: open a page of the family (`get`), or post
    to an action of this app that fixes it (`post`). The URL takes the family's `pk`."""

    url_name: str
    label: str
    method: str = "get"


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    why: str  # a template; %(basis)s, %(days)s and the names of `context` are filled in
    days_label: str  # what the threshold means, for the settings page
    default_days: int
    holds: Callable[..., QuerySet[Family]]
    act: Act
    order: int
    min_days: int = 0
    max_days: int = 365
    # The annotations of `holds` that `context` and the page need, besides `basis`.
    fields: tuple[str, ...] = ()
    context: Callable[[dict, int], dict] = field(default=lambda row, days: {})
    # The first day the signal shows, from its `basis` and the threshold.
    starts: Callable[[date, int], date] = field(
        default=lambda basis, days: basis + timedelta(days=days + 1)
    )
    # The responsible organisation when it is not the family's (e.g. the receiving one of a
    # handover): an annotation name of `holds`.
    responsible_field: str = ""

    def explain(self, row: dict, *, days: int) -> str:
        values = {"basis": _date(row["basis"]), "days": days}
        values.update(self.context(row, days))
        return str(self.why) % values


def _date(value) -> str:
    return format_date(value, "j F Y") if value else ""


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the site's time zone, to compare datetimes."""
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Shared pieces ---------------------------------------------------------------------------


def _newest_route() -> QuerySet[RouteDecision]:
    return RouteDecision.objects.filter(family=OuterRef("pk")).order_by("-decided_at", "-id")


def _with_current_route(families: QuerySet[Family]) -> QuerySet[Family]:
    """The newest route decision's id, route, priority, MDO flag and date on each family."""
    newest = _newest_route()
    return families.annotate(
        route_decision_id=Subquery(newest.values("pk")[:1]),
        route_now=Subquery(newest.values("route")[:1]),
        route_priority=Subquery(newest.values("priority")[:1], output_field=BooleanField()),
        route_awaiting_mdo=Subquery(newest.values("awaiting_mdo")[:1], output_field=BooleanField()),
        route_decided_at=Subquery(newest.values("decided_at")[:1]),
    )


def phase_pregnancy_subquery() -> QuerySet[Pregnancy]:
    """The pregnancy that decides the phase (as `families.selectors`): the latest that counts."""
    return (
        Pregnancy.objects.filter(COUNTING_PREGNANCY, family=OuterRef("pk"))
        .annotate(key_date=Coalesce("birth_date", "due_date"))
        .order_by("-key_date", "-pk")
    )


def _with_birth(families: QuerySet[Family]) -> QuerySet[Family]:
    """The birth date of the phase's pregnancy (empty while pregnant or before)."""
    return families.annotate(
        child_birth_date=Subquery(phase_pregnancy_subquery().values("birth_date")[:1]),
    )


# --- The case director and handovers (care) --------------------------------------------------


def current_case_directors() -> QuerySet[CaseDirector]:
    """The family's (`OuterRef("pk")`) case director in force now: a period without an end."""
    return CaseDirector.objects.current().filter(family=OuterRef("pk"))


def jgz_membership(professional_ref: str) -> QuerySet[Membership]:
    """A current membership of the professional `professional_ref` (an outer column) with a
    JGZ organisation in the outer row's coalition."""
    return Membership.objects.current().filter(
        professional=OuterRef(professional_ref),
        coalition=OuterRef("coalition"),
        organisation__kind=OrganisationKind.JGZ,
    )


# --- 1. Urgent route without an action -------------------------------------------------------


def _urgent_cutoff(today: date, working_days: int) -> date:
    """The latest decision day whose term of `working_days` working days ended before today."""
    day = today - timedelta(days=1)
    while add_working_days(day, working_days) >= today:
        day -= timedelta(days=1)
    return day


def urgent_without_action(families: QuerySet[Family], *, today: date, days: int):
    """The current route decision has priority (urgent route 3), its term of `days` working
    days (default 2, the term of the urgent route steps) has ended, and since the decision
    no task of the family has been completed: nobody has done anything yet."""
    cutoff = _urgent_cutoff(today, days)
    done_since = Task.objects.filter(
        family=OuterRef("pk"),
        status=TaskStatus.DONE,
        completed_at__gte=OuterRef("route_decided_at"),
    )
    return (
        _with_current_route(families)
        .filter(route_priority=True, route_decided_at__lt=start_of_day(cutoff + timedelta(days=1)))
        .filter(~Exists(done_since))
        .annotate(basis=TruncDate("route_decided_at"))
    )


# --- 2. Handover not accepted in time --------------------------------------------------------


def handover_not_accepted(families: QuerySet[Family], *, today: date, days: int):
    """A handover (`care.Handover`) still waits for the receiving side (status "proposed":
    not accepted, declined or cancelled) more than `days` days (default 0) after its due
    date ("accepteren vóór"); with 0 it shows the day after the due date, as
    `care.selectors_handovers.handovers_overdue`. The responsible organisation is the
    receiving one; the basis is the earliest such due date."""
    late = Handover.objects.filter(
        family=OuterRef("pk"),
        status=HandoverStatus.PROPOSED,
        due_date__lt=today - timedelta(days=days),
    ).order_by("due_date", "pk")
    # Addressed to a professional by name only: their organisation in the coalition.
    named = (
        Membership.objects.current()
        .filter(professional=OuterRef("to_professional"), coalition=OuterRef("coalition"))
        .order_by("pk")
        .values("organisation__name")[:1]
    )
    receiving = late.annotate(
        receiver=Coalesce("to_organisation__name", Subquery(named, output_field=CharField()))
    )
    return families.filter(Exists(late)).annotate(
        basis=Subquery(late.values("due_date")[:1]),
        receiving_organisation=Subquery(receiving.values("receiver")[:1]),
    )


# --- 3. Route 2 or 3 without a case director -------------------------------------------------


def without_case_director(families: QuerySet[Family], *, today: date, days: int):
    """The current route is 2 or 3, chosen more than `days` days ago (default 7), and the
    family has no case director: no `care.CaseDirector` in force (one without an end).

    The term starts at the newest route decision: a family moved from route 2 to 3 starts
    again, as its route steps (including "who takes casusregie") are made anew."""
    cutoff = start_of_day(today - timedelta(days=days))
    return (
        _with_current_route(families)
        .filter(
            route_now__in=[Route.POTENTIALLY_VULNERABLE, Route.VULNERABLE],
            route_decided_at__lt=cutoff,
        )
        .filter(~Exists(current_case_directors()))
        .annotate(basis=TruncDate("route_decided_at"))
    )


# --- 4. Route 3 not in an MDO ----------------------------------------------------------------


def mdo_items_since_route() -> QuerySet[AgendaItem]:
    """The family's MDO agenda items that answer its current route-3 decision (needs the
    `route_decided_at` annotation of `_with_current_route`): on the agenda of a meeting
    still to come (draft or published, on or after the decision), or discussed in a meeting
    that was not cancelled, on or after the decision. A candidate, a withdrawn item, or an
    item of a cancelled meeting does not count: the family is not on any agenda."""
    return AgendaItem.objects.filter(family=OuterRef("pk")).filter(
        Q(
            status=ItemStatus.ON_AGENDA,
            meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.PUBLISHED),
            meeting__starts_at__gte=OuterRef("route_decided_at"),
        )
        | Q(
            Q(discussed_at__gte=OuterRef("route_decided_at"))
            | Q(discussed_at__isnull=True, meeting__starts_at__gte=OuterRef("route_decided_at")),
            status=ItemStatus.DISCUSSED,
        ),
        ~Q(meeting__status=MeetingStatus.CANCELLED),
    )


def route_3_not_in_mdo(families: QuerySet[Family], *, today: date, days: int):
    """The current route is 3, chosen more than `days` days (default 14) ago, it asks for an
    MDO (`awaiting_mdo`: a route 3 confirmed again after a discussion does not), and since
    the decision the family is neither on the agenda of a coming MDO meeting nor discussed
    in one (`mdo_items_since_route`). A candidate waiting for the chair still counts as
    not on the agenda."""
    cutoff = start_of_day(today - timedelta(days=days))
    return (
        _with_current_route(families)
        .filter(route_now=Route.VULNERABLE, route_awaiting_mdo=True, route_decided_at__lt=cutoff)
        .filter(~Exists(mdo_items_since_route()))
        .annotate(basis=TruncDate("route_decided_at"))
    )


# --- 5. In the gap without a JGZ contact -----------------------------------------------------


def planned_jgz_contact(birth_field: str = "child_birth_date") -> Q:
    """A planned JGZ contact for the child whose birth date is the families' annotation
    `birth_field`.

    Either an open or done task with source "jgz_contact", made during this pregnancy or
    after the birth, owned by a JGZ organisation or by a professional who works for a JGZ
    organisation in the family's coalition; or a handover (`care.Handover`) proposed since
    then to a JGZ organisation (or to a professional who works for one) that was not
    declined or cancelled.
    """
    # Made on or after the start of this pregnancy (about 280 days before the birth).
    since = ExpressionWrapper(
        OuterRef(birth_field) - timedelta(days=PREGNANCY_DAYS), output_field=DateField()
    )
    tasks = (
        Task.objects.filter(
            family=OuterRef("pk"),
            source=JGZ_CONTACT_SOURCE,
            status__in=[TaskStatus.OPEN, TaskStatus.DONE],
        )
        .annotate(made_on=TruncDate("created_at"))
        .filter(made_on__gte=since)
        .filter(Q(owner_organisation__kind=OrganisationKind.JGZ) | Exists(jgz_membership("owner")))
    )
    handovers = (
        Handover.objects.filter(family=OuterRef("pk"))
        .filter(
            Q(to_organisation__kind=OrganisationKind.JGZ)
            | Exists(jgz_membership("to_professional"))
        )
        .exclude(status__in=[HandoverStatus.DECLINED, HandoverStatus.CANCELLED])
        .annotate(made_on=TruncDate("proposed_at"))
        .filter(made_on__gte=since)
    )
    planned = Q(Exists(tasks)) | Q(Exists(handovers))
    return planned


def gap_without_jgz_contact(families: QuerySet[Family], *, today: date, days: int):
    """The child (of the pregnancy that decides the phase) is at least `days` days old
    (default 8, the first day of the gap after kraamzorg) and still in the gap (younger
    than 35 days, week 5), and no JGZ contact is planned (`planned_jgz_contact`).

    From week 5 the family is in the first year and this rule no longer holds: the gap is
    the moment to catch; a lower threshold warns during the kraamperiode already."""
    youngest = today - timedelta(days=days)
    oldest = today - timedelta(days=INFANCY_FROM_DAY - 1)
    return (
        _with_birth(families)
        .filter(child_birth_date__gte=oldest, child_birth_date__lte=youngest)
        .filter(~planned_jgz_contact("child_birth_date"))
        .annotate(basis=F("child_birth_date"))
    )


# --- 6. Consent for the care team missing ----------------------------------------------------


def consent_missing(families: QuerySet[Family], *, today: date, days: int):
    """The file was opened more than `days` days ago (default 7) and no consent for sharing
    within the care team is given and in force (`families.Consent`, purpose care_team): it
    was never recorded, withdrawn, or the family said no (`consent_refused`)."""
    in_force = Consent.objects.in_force().filter(
        family=OuterRef("pk"), purpose=ConsentPurpose.CARE_TEAM
    )
    return (
        families.filter(created_at__lt=start_of_day(today - timedelta(days=days)))
        .filter(~Exists(in_force.filter(given=True)))
        .annotate(
            basis=TruncDate("created_at"),
            consent_refused=Exists(in_force.filter(given=False)),
        )
    )


# --- 7. No after-care agreement before the second birthday -----------------------------------


def aftercare_missing(families: QuerySet[Family], *, today: date, days: int):
    """The child (of the pregnancy that decides the phase) turns two within `days` days
    (default 60) and has not turned two yet, and there is no after-care agreement: no open
    or done task with source "aftercare" made since the birth. From the second birthday the
    1000 days are over and the file should be closed (the family leaves the queue)."""
    # Born after this date: not two yet today. Born on or before that one: two within `days`.
    not_two_yet = phase_date_bounds(PhaseCode.TODDLER, today=today).first
    two_within = phase_date_bounds(PhaseCode.CLOSED, today=today + timedelta(days=days)).last
    agreements = (
        Task.objects.filter(
            family=OuterRef("pk"),
            source=AFTERCARE_SOURCE,
            status__in=[TaskStatus.OPEN, TaskStatus.DONE],
        )
        .annotate(made_on=TruncDate("created_at"))
        .filter(made_on__gte=OuterRef("child_birth_date"))
    )
    return (
        _with_birth(families)
        .filter(child_birth_date__gte=not_two_yet, child_birth_date__lte=two_within)
        .filter(~Exists(agreements))
        .annotate(basis=F("child_birth_date"))
    )


def _second_birthday_starts(basis: date, days: int) -> date:
    return add_years(basis, 2) - timedelta(days=days)


# --- 8. Referral not answered in time (socialmap) ---------------------------------------------


def referral_overdue(families: QuerySet[Family], *, today: date, days: int):
    """A referral (`socialmap.Referral`) still waits for the receiving organisation's answer
    (status in `AWAITING_RESPONSE`: sent or received, not accepted, declined or withdrawn)
    more than `days` days (default 0) after its respond-by date ("antwoord uiterlijk"); with
    0 it shows the day after that date. The responsible organisation is the receiving one;
    the basis is the earliest such respond-by date."""
    late = Referral.objects.filter(
        family=OuterRef("pk"),
        status__in=AWAITING_RESPONSE,
        respond_by__lt=today - timedelta(days=days),
    ).order_by("respond_by", "pk")
    return families.filter(Exists(late)).annotate(
        basis=Subquery(late.values("respond_by")[:1]),
        referral_receiver=Subquery(late.values("receiving_organisation__name")[:1]),
        referral_service=Subquery(late.values("service__name")[:1]),
    )


# --- The rules, in the order the work queue shows them ---------------------------------------


def _route_context(row: dict, days: int) -> dict:
    return {"route": row.get("route_now") or ""}


def _consent_context(row: dict, days: int) -> dict:
    if row.get("consent_refused"):
        state = _("het gezin heeft geen toestemming gegeven")
    else:
        state = _("er is geen toestemming vastgelegd")
    return {"state": state}


def _aftercare_context(row: dict, days: int) -> dict:
    return {"birthday": _date(add_years(row["basis"], 2))}


def _handover_context(row: dict, days: int) -> dict:
    return {"organisation": row.get("receiving_organisation") or _("de ontvangende organisatie")}


def _referral_context(row: dict, days: int) -> dict:
    return {
        "organisation": row.get("referral_receiver") or _("de ontvangende organisatie"),
        "service": row.get("referral_service") or _("het aanbod"),
    }


RULES: tuple[Rule, ...] = (
    Rule(
        code="urgent_no_action",
        title=_("Urgent zonder actie"),
        why=_(
            "Route 3 met voorrang gekozen op %(basis)s; na %(days)s werkdagen is nog geen "
            "enkele taak van het gezin afgerond."
        ),
        days_label=_("Werkdagen na de urgente routekeuze"),
        default_days=2,
        min_days=1,
        max_days=30,
        holds=urgent_without_action,
        act=Act("signaling:family", _("Route en stappen bekijken")),
        starts=lambda basis, days: add_working_days(basis, days) + timedelta(days=1),
        order=10,
    ),
    Rule(
        code="handover_not_accepted",
        title=_("Overdracht niet geaccepteerd"),
        why=_(
            "De overdracht aan %(organisation)s had uiterlijk %(basis)s geaccepteerd moeten zijn."
        ),
        days_label=_("Dagen na de uiterste datum van de overdracht"),
        default_days=0,
        max_days=60,
        holds=handover_not_accepted,
        act=Act("care:handovers", _("Overdrachten bekijken")),
        fields=("receiving_organisation",),
        context=_handover_context,
        responsible_field="receiving_organisation",
        order=20,
    ),
    Rule(
        code="no_case_director",
        title=_("Geen casusregisseur"),
        why=_(
            "Route %(route)s gekozen op %(basis)s; na %(days)s dagen is er nog geen casusregisseur."
        ),
        days_label=_("Dagen na de keuze voor route 2 of 3"),
        default_days=7,
        max_days=90,
        holds=without_case_director,
        act=Act("care:case_director", _("Casusregisseur vastleggen")),
        fields=("route_now",),
        context=_route_context,
        order=30,
    ),
    Rule(
        code="route_3_not_in_mdo",
        title=_("Route 3 niet in het MDO"),
        why=_(
            "Route 3 gekozen op %(basis)s; na %(days)s dagen is het gezin nog niet in een MDO "
            "besproken."
        ),
        days_label=_("Dagen na de keuze voor route 3"),
        default_days=14,
        max_days=90,
        holds=route_3_not_in_mdo,
        act=Act("signaling:family", _("Route bekijken")),
        order=40,
    ),
    Rule(
        code="gap_without_jgz_contact",
        title=_("In het gat zonder JGZ-contact"),
        why=_(
            "Kind geboren op %(basis)s: de kraamzorg is voorbij en er is nog geen JGZ-contact "
            "gepland."
        ),
        days_label=_("Vanaf de zoveelste dag na de geboorte (het gat begint op dag 8)"),
        default_days=GAP_FROM_DAY,
        max_days=INFANCY_FROM_DAY - 1,
        holds=gap_without_jgz_contact,
        act=Act("worklist:plan_jgz_contact", _("Plan JGZ-contact"), method="post"),
        starts=lambda basis, days: basis + timedelta(days=days),
        order=50,
    ),
    Rule(
        code="consent_missing",
        title=_("Toestemming zorgteam ontbreekt"),
        why=_("Dossier geopend op %(basis)s; %(state)s voor gegevensdeling binnen het zorgteam."),
        days_label=_("Dagen na het openen van het dossier"),
        default_days=7,
        max_days=90,
        holds=consent_missing,
        act=Act("families:consent", _("Toestemming vastleggen")),
        fields=("consent_refused",),
        context=_consent_context,
        order=60,
    ),
    Rule(
        code="aftercare_missing",
        title=_("Geen nazorgafspraak"),
        why=_("Het kind wordt op %(birthday)s twee jaar; er is nog geen nazorgafspraak."),
        days_label=_("Dagen vóór de tweede verjaardag"),
        default_days=60,
        min_days=1,
        max_days=365,
        holds=aftercare_missing,
        act=Act("worklist:record_aftercare", _("Nazorgafspraak vastleggen"), method="post"),
        context=_aftercare_context,
        starts=_second_birthday_starts,
        order=70,
    ),
    Rule(
        code="referral_overdue",
        title=_("Verwijzing niet beantwoord"),
        why=_(
            "De verwijzing naar %(service)s had uiterlijk %(basis)s beantwoord moeten zijn door "
            "%(organisation)s."
        ),
        days_label=_("Dagen na de uiterste antwoorddatum van de verwijzing"),
        default_days=0,
        max_days=60,
        holds=referral_overdue,
        act=Act("families:detail", _("Verwijzingen bekijken")),
        fields=("referral_service",),
        context=_referral_context,
        responsible_field="referral_receiver",
        order=80,
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def responsible_organisation() -> Coalesce:
    """The organisation a coordinator sees as responsible when the rule names none itself:
    the case director's, else that of the longest-serving current care-team member."""
    team = (
        CareTeamMember.objects.current()
        .filter(family=OuterRef("pk"), membership__isnull=False)
        .order_by("start_date", "pk")
        .values("membership__organisation__name")[:1]
    )
    team_organisation = Subquery(team, output_field=CharField())
    director = current_case_directors().order_by("pk").values("membership__organisation__name")[:1]
    return Coalesce(Subquery(director, output_field=CharField()), team_organisation)
