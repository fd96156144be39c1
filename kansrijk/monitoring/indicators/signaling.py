"""Indicators of the signaling group (see the package's docstring); each registers itself.

Families in view by phase, pregnancies signalled (and how early), the gestational age at the
first signaling, the level and route distributions, and what follows a route: the JGZ
prenatal home visit (route 2), the time to a case director (routes 2 and 3) and the MDO
within four weeks (route 3).

Every figure is one or a few aggregate queries over the scope's population (families with
monitoring consent in force, `population`); a median loads at most two values into Python
(`base.median`), so the number of queries never depends on the number of families.

Days and moments: a period runs from 00:00 on its first day to 00:00 after its last day in
the coalition's time zone (`_moments`); date fields (`assessed_on`, due and birth dates) are
compared with the period's dates directly.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from kansrijk.care.models import CaseDirector, Task, TaskStatus
from kansrijk.families.models import Pregnancy
from kansrijk.families.phases import DUE_DATE_DAY, PhaseCode, phase_date_bounds
from kansrijk.families.selectors import COUNTING_PREGNANCY
from kansrijk.mdo.models import AgendaItem, ItemStatus, MeetingStatus
from kansrijk.signaling.levels import LEVEL_ORDER, Route
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision

from ..periods import Period
from . import register
from .base import Cell, Definition, Indicator, Scope, median, period_range, population

GROUP = "signaling"
VERSION = 1
WEEK = 7
MDO_WINDOW = timedelta(days=28)
# The task a route-2 decision creates for the JGZ's prenatal home visit: `source` "route"
# and `source_id` "<decision pk>:<step code>" (`kansrijk.signaling.services._create_steps`,
# default step code in `kansrijk.signaling.steps.DEFAULT_STEPS`).
ROUTE_TASK_SOURCE = "route"
JGZ_VISIT_STEP = "jgz_prenatal_visit"

INCLUSION = _(
    "Alleen gezinnen met toestemming voor monitoring die nu geldt (een ingetrokken "
    "toestemming haalt het gezin ook uit eerdere perioden). Per coalitie, of per gemeente "
    "waar het gezin nu woont."
)

# --- Shared helpers ---------------------------------------------------------------------------


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _latest_in_period(model, period: Period, *, field: str, order: tuple[str, ...], **filters):
    """The family's newest row of `model` with `field` in the period (a subquery on Family)."""
    if field == "assessed_on":
        in_period = {"assessed_on__gte": period.first, "assessed_on__lte": period.last}
    else:
        start, end = period_range(period)
        in_period = {f"{field}__gte": start, f"{field}__lt": end}
    return model.objects.filter(family=OuterRef("pk"), **in_period, **filters).order_by(*order)


def _first_decisions(scope: Scope, period: Period, *routes: int) -> QuerySet:
    """Per family of the scope, its first route decision for one of `routes` in the period
    (one row each). Rows, not a subquery per family: what follows reads the decision's own
    `family` and `decided_at` columns (an `OuterRef` to an annotation inside an aggregate's
    filter is compiled as a bare column name by Django 5.2)."""
    start, end = period_range(period)
    in_period = RouteDecision.objects.filter(
        route__in=routes, decided_at__gte=start, decided_at__lt=end
    )
    earlier = in_period.filter(family=OuterRef("family")).filter(
        Q(decided_at__lt=OuterRef("decided_at"))
        | Q(decided_at=OuterRef("decided_at"), pk__lt=OuterRef("pk"))
    )
    return in_period.filter(family__in=population(scope).values("pk")).filter(~Exists(earlier))


def _distribution(counts: dict, cells: list[tuple[str, str]]) -> list[Cell]:
    """Cells that split a total carry it as their denominator; there is no cell of the total
    itself (the suppression derives it, and would otherwise count it twice)."""
    total = sum(counts[key] for key, _label in cells)
    return [
        Cell(key=key, label=str(label), numerator=counts[key], denominator=total)
        for key, label in cells
    ]


# --- 1. Families in view by phase --------------------------------------------------------------

PHASES = [code for code in PhaseCode if code != PhaseCode.CLOSED]


def families_by_phase(scope: Scope, period: Period) -> list[Cell]:
    """One query: the families open at the end of the period, each with the dates of its
    latest counting pregnancy (as `family_phase` picks it: running, or a live birth),
    counted per phase."""
    last = period.last
    _start, end = period_range(period)
    counting = (
        Pregnancy.objects.filter(COUNTING_PREGNANCY, family=OuterRef("pk"))
        # Known by the end of the period: born by then, or conceived by then (gestational
        # age 0 or more on the last day).
        .filter(Q(birth_date__lte=last) | Q(due_date__lte=last + timedelta(days=DUE_DATE_DAY)))
        .order_by(Coalesce("birth_date", "due_date").desc(nulls_last=True), "-pk")
    )
    families = (
        population(scope)
        .filter(created_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .annotate(
            latest_due_date=Subquery(counting.values("due_date")[:1]),
            latest_birth_date=Subquery(counting.values("birth_date")[:1]),
        )
    )
    not_born = Q(latest_birth_date__isnull=True) | Q(latest_birth_date__gt=last)
    conditions = {
        PhaseCode.PRECONCEPTION: Q(latest_due_date__isnull=True, latest_birth_date__isnull=True)
    }
    for code in PHASES:
        bounds = phase_date_bounds(code, today=last)
        if bounds is None:
            continue
        condition = Q(**bounds.as_filter("latest_"))
        if bounds.field == "due_date":
            condition &= not_born & Q(latest_due_date__isnull=False)
        conditions[code] = condition
    counts = families.aggregate(
        **{code.value: Count("pk", filter=conditions[code]) for code in PHASES}
    )
    return _distribution(counts, [(code.value, code.label) for code in PHASES])


register(
    Indicator(
        code="families_by_phase",
        version=VERSION,
        title=_("Gezinnen in beeld per fase van de 1000 dagen"),
        kind="distribution",
        group=GROUP,
        compute=families_by_phase,
        definition=Definition(
            numerator=_(
                "Het aantal gezinnen in elke fase van de 1000 dagen op de laatste dag van de "
                "periode. De fase volgt uit de laatste zwangerschap die telt (lopend of "
                "levend geboren): de à terme datum tijdens de zwangerschap, de geboortedatum "
                "daarna. Een gezin zonder zo'n zwangerschap is in de fase voor de "
                "zwangerschap. Een zwangerschap telt pas vanaf de conceptie (à terme datum "
                "min 280 dagen)."
            ),
            denominator=_(
                "Alle gezinnen in beeld in een van deze fasen (het totaal). Gezinnen van wie "
                "de 1000 dagen voorbij zijn, tellen niet mee."
            ),
            period=_(
                "De stand op de laatste dag van de periode: gezinnen die op of voor die dag "
                "zijn aangemaakt en toen niet gesloten waren."
            ),
            inclusion=INCLUSION,
            sources=(
                "Family.created_at",
                "Family.closed_at",
                "Pregnancy.due_date",
                "Pregnancy.birth_date",
                "Pregnancy.outcome",
            ),
        ),
    )
)


# --- 2. and 3. Pregnancies signalled, and how early ------------------------------------------


def _signalled_pregnancies(scope: Scope, period: Period) -> QuerySet:
    """The scope's pregnancies whose first finished assessment falls in the period, with the
    gestational age (days) at that assessment as `first_age`."""
    first = Assessment.objects.filter(
        pregnancy=OuterRef("pk"), status=AssessmentStatus.FINAL
    ).order_by("assessed_on", "finished_at", "pk")
    return (
        Pregnancy.objects.filter(family__in=population(scope).values("pk"))
        .annotate(
            first_on=Subquery(first.values("assessed_on")[:1]),
            first_age=Subquery(first.values("gestational_age_days")[:1]),
        )
        .filter(first_on__gte=period.first, first_on__lte=period.last)
    )


def pregnancies_signalled(scope: Scope, period: Period) -> list[Cell]:
    counts = _signalled_pregnancies(scope, period).aggregate(
        total=Count("pk"),
        before_16=Count("pk", filter=Q(first_age__lt=16 * WEEK)),
        before_20=Count("pk", filter=Q(first_age__lt=20 * WEEK)),
    )
    total = counts["total"]
    return [
        Cell(key="total", label=str(_("Zwangerschappen gesignaleerd")), numerator=total),
        Cell(
            key="before_16",
            label=str(_("Gesignaleerd vóór 16 weken")),
            numerator=counts["before_16"],
            denominator=total,
        ),
        Cell(
            key="before_20",
            label=str(_("Gesignaleerd vóór 20 weken")),
            numerator=counts["before_20"],
            denominator=total,
        ),
    ]


SIGNALLED_PERIOD = _(
    "De eerste afgeronde signalering van de zwangerschap (datum signalering) valt in de "
    "periode; latere signaleringen van dezelfde zwangerschap tellen niet opnieuw."
)

register(
    Indicator(
        code="pregnancies_signalled",
        additive=True,
        version=VERSION,
        title=_("Zwangerschappen gesignaleerd, en hoe vroeg"),
        kind="share",
        group=GROUP,
        compute=pregnancies_signalled,
        definition=Definition(
            numerator=_(
                "Totaal: het aantal zwangerschappen met een eerste afgeronde signalering in "
                "de periode. Vóór 16 (20) weken: daarvan de zwangerschappen waarbij de "
                "zwangerschapsduur bij die eerste signalering korter was dan 16+0 (20+0) "
                "weken. Zonder bekende zwangerschapsduur telt een zwangerschap alleen mee in "
                "het totaal."
            ),
            denominator=_(
                "Alle zwangerschappen met een eerste afgeronde signalering in de periode."
            ),
            period=SIGNALLED_PERIOD,
            inclusion=INCLUSION,
            sources=(
                "Assessment.pregnancy",
                "Assessment.status",
                "Assessment.assessed_on",
                "Assessment.gestational_age_days",
            ),
        ),
    )
)


def gestational_age_at_first_signaling(scope: Scope, period: Period) -> list[Cell]:
    count, median_days = median(_signalled_pregnancies(scope, period), "first_age")
    value = None if median_days is None else _one_decimal(median_days / WEEK)
    return [
        Cell(
            key="median",
            label=str(_("Mediane zwangerschapsduur bij de eerste signalering")),
            denominator=count,
            value=value,
        )
    ]


register(
    Indicator(
        code="gestational_age_at_first_signaling",
        additive=True,
        version=VERSION,
        title=_("Zwangerschapsduur bij de eerste signalering"),
        kind="median",
        unit="weeks",
        group=GROUP,
        compute=gestational_age_at_first_signaling,
        definition=Definition(
            numerator=_(
                "De mediaan van de zwangerschapsduur (in weken, op één decimaal) bij de "
                "eerste afgeronde signalering van elke zwangerschap. Bij een even aantal: "
                "het gemiddelde van de twee middelste."
            ),
            denominator=_(
                "Het aantal zwangerschappen met een eerste afgeronde signalering in de "
                "periode en een bekende zwangerschapsduur."
            ),
            period=SIGNALLED_PERIOD,
            inclusion=INCLUSION,
            sources=(
                "Assessment.pregnancy",
                "Assessment.status",
                "Assessment.assessed_on",
                "Assessment.gestational_age_days",
            ),
        ),
    )
)


# --- 4. Level and route distributions ----------------------------------------------------------


def level_distribution(scope: Scope, period: Period) -> list[Cell]:
    latest = _latest_in_period(
        Assessment,
        period,
        field="assessed_on",
        order=("-assessed_on", "-finished_at", "-pk"),
        status=AssessmentStatus.FINAL,
    )
    families = population(scope).annotate(level=Subquery(latest.values("level")[:1]))
    counts = families.aggregate(
        **{level.value: Count("pk", filter=Q(level=level.value)) for level in LEVEL_ORDER}
    )
    return _distribution(counts, [(level.value, level.label) for level in LEVEL_ORDER])


register(
    Indicator(
        code="level_distribution",
        version=VERSION,
        title=_("Kwetsbaarheid bij signalering"),
        kind="distribution",
        group=GROUP,
        compute=level_distribution,
        definition=Definition(
            numerator=_(
                "Het aantal gezinnen per uitkomst van de signalering (geen kwetsbaarheid, "
                "potentieel kwetsbaar, kwetsbaar, urgent), volgens hun laatste afgeronde "
                "signalering in de periode."
            ),
            denominator=_("Alle gezinnen met een afgeronde signalering in de periode."),
            period=_(
                "De datum van de signalering valt in de periode. Een gezin telt één keer, "
                "met zijn laatste afgeronde signalering in de periode."
            ),
            inclusion=INCLUSION,
            sources=("Assessment.status", "Assessment.assessed_on", "Assessment.level"),
        ),
    )
)

ROUTE_CELLS = [
    ("route_1", Route.SELF_RELIANT.label),
    ("route_2", Route.POTENTIALLY_VULNERABLE.label),
    ("route_3", _("Route 3 — kwetsbaar, zonder voorrang")),
    ("priority", _("Route 3 met voorrang (urgent)")),
]


def route_distribution(scope: Scope, period: Period) -> list[Cell]:
    latest = _latest_in_period(
        RouteDecision, period, field="decided_at", order=("-decided_at", "-pk")
    )
    families = population(scope).annotate(
        chosen_route=Subquery(latest.values("route")[:1]),
        chosen_priority=Subquery(latest.values("priority")[:1]),
    )
    counts = families.aggregate(
        route_1=Count("pk", filter=Q(chosen_route=Route.SELF_RELIANT)),
        route_2=Count("pk", filter=Q(chosen_route=Route.POTENTIALLY_VULNERABLE)),
        route_3=Count("pk", filter=Q(chosen_route=Route.VULNERABLE, chosen_priority=False)),
        priority=Count("pk", filter=Q(chosen_route=Route.VULNERABLE, chosen_priority=True)),
    )
    return _distribution(counts, ROUTE_CELLS)


register(
    Indicator(
        code="route_distribution",
        version=VERSION,
        title=_("Gekozen routes"),
        kind="distribution",
        group=GROUP,
        compute=route_distribution,
        definition=Definition(
            numerator=_(
                "Het aantal gezinnen per gekozen route (1, 2, 3 zonder voorrang, 3 met "
                "voorrang), volgens hun laatste routekeuze in de periode. Telt de gekozen "
                "route, niet de voorgestelde."
            ),
            denominator=_("Alle gezinnen met een routekeuze in de periode."),
            period=_(
                "Het moment van de routekeuze valt in de periode. Een gezin telt één keer, "
                "met zijn laatste routekeuze in de periode."
            ),
            inclusion=INCLUSION,
            sources=("RouteDecision.decided_at", "RouteDecision.route", "RouteDecision.priority"),
        ),
    )
)


# --- 5. Route 2: the JGZ prenatal home visit ----------------------------------------------------


def route2_jgz_prenatal_visit(scope: Scope, period: Period) -> list[Cell]:
    latest = _latest_in_period(
        RouteDecision, period, field="decided_at", order=("-decided_at", "-pk")
    )
    visit = Task.objects.filter(
        family=OuterRef("pk"),
        source=ROUTE_TASK_SOURCE,
        source_id__endswith=f":{JGZ_VISIT_STEP}",
    )
    families = (
        population(scope)
        .annotate(chosen_route=Subquery(latest.values("route")[:1]))
        .filter(chosen_route=Route.POTENTIALLY_VULNERABLE)
    )
    done = Exists(visit.filter(status=TaskStatus.DONE))
    # The conditions go straight into the filters rather than as annotations referred to by
    # name: route3_mdo_within_4_weeks lost such an annotation in the subquery the aggregate
    # wraps around (Django 5.2), so neither relies on it.
    counts = families.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done)),
        planned=Count("pk", filter=~Q(done) & Q(Exists(visit.filter(status=TaskStatus.OPEN)))),
    )
    return [
        Cell(
            key="done",
            label=str(_("Prenataal huisbezoek gedaan")),
            numerator=counts["done"],
            denominator=counts["total"],
        ),
        Cell(
            key="planned",
            label=str(_("Prenataal huisbezoek gepland (taak open)")),
            numerator=counts["planned"],
            denominator=counts["total"],
        ),
    ]


register(
    Indicator(
        code="route2_jgz_prenatal_visit",
        version=VERSION,
        title=_("Route 2 met een prenataal huisbezoek door de JGZ"),
        kind="share",
        group=GROUP,
        compute=route2_jgz_prenatal_visit,
        definition=Definition(
            numerator=_(
                "Gedaan: gezinnen van wie de taak 'prenataal huisbezoek door de JGZ' (de "
                "routestap van route 2) is afgerond. Gepland: gezinnen van wie die taak nog "
                "open staat (en geen afgeronde hebben). Vervallen taken tellen niet."
            ),
            denominator=_("Gezinnen van wie de laatste routekeuze in de periode route 2 is."),
            period=_(
                "Het moment van de routekeuze valt in de periode; de taak telt zoals hij nu staat."
            ),
            inclusion=INCLUSION,
            sources=(
                "RouteDecision.decided_at",
                "RouteDecision.route",
                "Task.source",
                "Task.source_id",
                "Task.status",
            ),
        ),
    )
)


# --- 6. Time from signaling to a case director --------------------------------------------------


def signaling_to_case_director(scope: Scope, period: Period) -> list[Cell]:
    """Per family, the time from its first route-2/3 decision in the period to the start of
    the first casusregie in force at or after that moment (a case director already in place
    counts as no wait)."""
    first_director = (
        CaseDirector.objects.filter(family=OuterRef("family"))
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=OuterRef("decided_at")))
        .order_by("started_at", "pk")
        .values("started_at")[:1]
    )
    decisions = (
        _first_decisions(scope, period, Route.POTENTIALLY_VULNERABLE, Route.VULNERABLE)
        .annotate(director_from=Subquery(first_director, output_field=DateTimeField()))
        .annotate(
            wait=ExpressionWrapper(
                Greatest(F("director_from"), F("decided_at")) - F("decided_at"),
                output_field=DurationField(),
            )
        )
    )
    counts = decisions.aggregate(
        total=Count("pk"), none_yet=Count("pk", filter=Q(director_from__isnull=True))
    )
    # PostgreSQL's GREATEST skips a null (SQLite's gives null): leave those without one out.
    count, wait = median(decisions.filter(director_from__isnull=False), "wait")
    value = None if wait is None else _one_decimal(Decimal(wait.total_seconds()) / 86400)
    return [
        Cell(
            key="median",
            label=str(_("Mediaan aantal dagen tot een casusregisseur")),
            denominator=count,
            value=value,
        ),
        Cell(
            key="none_yet",
            label=str(_("Nog geen casusregisseur")),
            numerator=counts["none_yet"],
            denominator=counts["total"],
        ),
    ]


register(
    Indicator(
        code="signaling_to_case_director",
        version=VERSION,
        title=_("Tijd van routekeuze tot casusregisseur"),
        kind="median",
        unit="days",
        group=GROUP,
        compute=signaling_to_case_director,
        definition=Definition(
            numerator=_(
                "De mediaan van het aantal dagen (op één decimaal) van de eerste keuze voor "
                "route 2 of 3 in de periode tot het begin van de casusregie die daarna geldt. "
                "Had het gezin op dat moment al een casusregisseur, dan is dat 0 dagen. "
                "Gezinnen zonder casusregisseur tellen apart (nog geen casusregisseur)."
            ),
            denominator=_(
                "Mediaan: de gezinnen met route 2 of 3 in de periode die een casusregisseur "
                "hebben gekregen. Nog geen casusregisseur: alle gezinnen met route 2 of 3 in "
                "de periode."
            ),
            period=_("Het moment van de eerste keuze voor route 2 of 3 valt in de periode."),
            inclusion=INCLUSION,
            sources=(
                "RouteDecision.decided_at",
                "RouteDecision.route",
                "CaseDirector.started_at",
                "CaseDirector.ended_at",
            ),
        ),
    )
)


# --- 7. Route 3: discussed in an MDO within four weeks ----------------------------------------


def route3_mdo_within_4_weeks(scope: Scope, period: Period) -> list[Cell]:
    decided = OuterRef("decided_at")
    discussed = (
        AgendaItem.objects.filter(
            family=OuterRef("family"),
            status=ItemStatus.DISCUSSED,
            meeting__status__in=(MeetingStatus.HELD, MeetingStatus.FINAL),
        )
        .annotate(moment=Coalesce("discussed_at", "meeting__starts_at"))
        .filter(
            moment__gte=decided,
            moment__lte=ExpressionWrapper(decided + MDO_WINDOW, output_field=DateTimeField()),
        )
    )
    counts = _first_decisions(scope, period, Route.VULNERABLE).aggregate(
        total=Count("pk"), in_time=Count("pk", filter=Q(Exists(discussed)))
    )
    return [
        Cell(
            key="within_4_weeks",
            label=str(_("Binnen 4 weken besproken in het MDO")),
            numerator=counts["in_time"],
            denominator=counts["total"],
        )
    ]


register(
    Indicator(
        code="route3_mdo_within_4_weeks",
        version=VERSION,
        title=_("Route 3 binnen 4 weken besproken in het MDO"),
        kind="share",
        group=GROUP,
        compute=route3_mdo_within_4_weeks,
        definition=Definition(
            numerator=_(
                "Gezinnen die binnen 28 dagen na hun eerste keuze voor route 3 in de periode "
                "zijn besproken in een MDO: een agendapunt met de status besproken, in een "
                "overleg dat is gehouden. Het moment van bespreken is dat van het agendapunt "
                "(of anders het begin van het overleg)."
            ),
            denominator=_(
                "Gezinnen met een keuze voor route 3 (met of zonder voorrang) in de periode."
            ),
            period=_(
                "Het moment van de eerste keuze voor route 3 valt in de periode; de 28 dagen "
                "mogen doorlopen na het einde van de periode (het cijfer van de laatste vier "
                "weken kan dus nog stijgen)."
            ),
            inclusion=INCLUSION,
            sources=(
                "RouteDecision.decided_at",
                "RouteDecision.route",
                "AgendaItem.status",
                "AgendaItem.discussed_at",
                "MdoMeeting.status",
                "MdoMeeting.starts_at",
            ),
        ),
    )
)
