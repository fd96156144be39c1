"""Indicators of the chain group (see the package's docstring); each registers itself.

How the chain works for the families: handovers accepted on time, the day 8 - week 5 gap
covered by the JGZ, referrals answered, interpreters, the reach of the interventions, and
the chain signals still open at the end of a period.

Every figure is one or a few aggregate queries over the scope's `population`; the number of
queries never depends on the number of families (tests/test_indicators_chain_queries.py).
Times of day are compared in the site's time zone: a period runs from midnight on its first
day up to midnight after its last day.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower, Trim, TruncDate
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.care.models import CaseDirector, Handover, HandoverStatus, Task, TaskStatus
from kansrijk.families.models import Family, Pregnancy, PregnancyOutcome
from kansrijk.families.phases import GAP_FROM_DAY, INFANCY_FROM_DAY
from kansrijk.organisations.models import Membership, OrganisationKind
from kansrijk.signaling.levels import Route
from kansrijk.signaling.models import RouteDecision
from kansrijk.socialmap.models import Attribute, Referral, ReferralStatus
from kansrijk.socialmap.vocabulary import CareKind

from ..periods import Period
from . import register
from .base import Cell, Definition, Indicator, Scope, median, midnight, period_range, population

GROUP = "chain"
CONSENT = gettext_lazy(
    "Alleen gezinnen met toestemming voor de monitoring die nu geldt (een ingetrokken "
    "toestemming telt ook voor eerdere perioden niet mee), van de coalitie of van de gekozen "
    "gemeente (de gemeente waar het gezin nu woont)."
)


def in_view_at(scope: Scope, end: datetime) -> QuerySet[Family]:
    """The scope's families in view just before `end`: the file was made before it and was
    not closed yet (a family closed later still counts for this period)."""
    return (
        population(scope)
        .filter(created_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    )


def _key(text: str) -> str:
    return slugify(text).replace("-", "_")


# --- 1. Handovers accepted on time, per chain moment ----------------------------------------


def handovers_on_time(scope: Scope, period: Period) -> list[Cell]:
    start, end = period_range(period)
    # The receiver accepted on or before the due date ("accepteren vóór"); a completed
    # handover was accepted first and keeps its `accepted_at`.
    on_time = Q(accepted_at__isnull=False, accepted_on__lte=F("due_date"))
    rows = (
        Handover.objects.filter(
            family__in=population(scope), proposed_at__gte=start, proposed_at__lt=end
        )
        .exclude(status=HandoverStatus.CANCELLED)
        .annotate(accepted_on=TruncDate("accepted_at"))
        .values("moment_code")
        .annotate(name=Max("moment_name"), total=Count("pk"), on_time=Count("pk", filter=on_time))
        .order_by("moment_code")
    )
    # No cell of all handovers together: with it, a hidden moment's count would be the total
    # minus the shown moments (the suppression checks each share on its own).
    cells, other = [], None
    for row in rows:  # one row per chain moment, not per family
        if not row["moment_code"]:
            other = Cell("other", _("Ander moment"), row["on_time"], row["total"])
            continue
        label = row["name"] or row["moment_code"]
        cells.append(Cell(row["moment_code"], label, row["on_time"], row["total"]))
    if other is not None:
        cells.append(other)
    return cells


register(
    Indicator(
        code="handovers_on_time",
        additive=True,
        version=1,
        title=gettext_lazy("Overdrachten op tijd geaccepteerd, per ketenmoment"),
        kind="share",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "Overdrachten die de ontvanger uiterlijk op de datum 'accepteren vóór' heeft "
                "geaccepteerd (ook als ze daarna zijn afgerond)."
            ),
            denominator=gettext_lazy(
                "Alle overdrachten die in de periode zijn voorgesteld, behalve ingetrokken "
                "overdrachten. Afgewezen overdrachten en overdrachten waarop nog geen antwoord "
                "is, tellen mee als niet op tijd."
            ),
            period=gettext_lazy(
                "De dag van het voorstel valt in de periode. Per ketenmoment zoals het bij het "
                "voorstel heette; zonder ketenmoment onder 'Ander moment'; plus het totaal."
            ),
            inclusion=CONSENT,
            sources=(
                "care.Handover.proposed_at",
                "care.Handover.status",
                "care.Handover.due_date",
                "care.Handover.accepted_at",
                "care.Handover.moment_code",
                "care.Handover.moment_name",
            ),
        ),
        compute=handovers_on_time,
    )
)


# --- 2. The day 8 - week 5 gap with a JGZ contact -------------------------------------------

# Task source of a planned JGZ contact (the work queue's "Plan JGZ-contact" action makes it).
JGZ_CONTACT_SOURCE = "jgz_contact"
# A contact made since the start of this pregnancy (about 280 days before the birth) counts.
PREGNANCY_DAYS = 280


def _jgz_membership(professional_ref: str) -> QuerySet[Membership]:
    """A current membership of the outer row's professional with a JGZ organisation in the
    outer row's coalition."""
    return Membership.objects.current().filter(
        professional=OuterRef(professional_ref),
        coalition=OuterRef("coalition"),
        organisation__kind=OrganisationKind.JGZ,
    )


def _planned_jgz_contact(end: datetime) -> dict[str, Exists]:
    """Annotations on a pregnancy (`family`, `birth_date`) that say a JGZ contact was planned
    or done for its child before `end`.

    The same condition as the work queue's rule for the gap
    (`kansrijk.worklist.rules.planned_jgz_contact`), which monitoring may not import (same
    level, DESIGN.md section 2): an open or done task with source "jgz_contact", made since
    the start of this pregnancy, owned by a JGZ organisation or by a professional who works
    for one in the coalition; or a handover proposed since then to a JGZ organisation (or to
    a professional who works for one) that was not declined or cancelled. Added here: it was
    made before the end of the period. As in the work queue, "works for a JGZ" is read from
    the memberships current today.
    """
    since = ExpressionWrapper(
        OuterRef("birth_date") - timedelta(days=PREGNANCY_DAYS), output_field=DateField()
    )
    tasks = (
        Task.objects.filter(
            family=OuterRef("family"),
            source=JGZ_CONTACT_SOURCE,
            status__in=[TaskStatus.OPEN, TaskStatus.DONE],
            created_at__lt=end,
        )
        .annotate(made_on=TruncDate("created_at"))
        .filter(made_on__gte=since)
        .filter(Q(owner_organisation__kind=OrganisationKind.JGZ) | Exists(_jgz_membership("owner")))
    )
    handovers = (
        Handover.objects.filter(family=OuterRef("family"), proposed_at__lt=end)
        .filter(
            Q(to_organisation__kind=OrganisationKind.JGZ)
            | Exists(_jgz_membership("to_professional"))
        )
        .exclude(status__in=[HandoverStatus.DECLINED, HandoverStatus.CANCELLED])
        .annotate(made_on=TruncDate("proposed_at"))
        .filter(made_on__gte=since)
    )
    return {"jgz_task": Exists(tasks), "jgz_handover": Exists(handovers)}


def gap_with_jgz_contact(scope: Scope, period: Period) -> list[Cell]:
    _start, end = period_range(period)
    # In the gap on some day of the period: day 8 up to day 34 of life (phases.py).
    births = Pregnancy.objects.filter(
        family__in=population(scope),
        outcome=PregnancyOutcome.LIVE_BIRTH,
        birth_date__gte=period.first - timedelta(days=INFANCY_FROM_DAY - 1),
        birth_date__lte=period.last - timedelta(days=GAP_FROM_DAY),
    ).annotate(**_planned_jgz_contact(end))
    planned = Q(jgz_task=True) | Q(jgz_handover=True)
    figures = births.aggregate(
        families=Count("family", distinct=True),
        planned=Count("family", distinct=True, filter=planned),
    )
    return [
        Cell(
            "planned_jgz_contact",
            _("Met een gepland of gehouden JGZ-contact"),
            figures["planned"],
            figures["families"],
        )
    ]


register(
    Indicator(
        code="gap_with_jgz_contact",
        version=1,
        title=gettext_lazy("Gezinnen in het gat (dag 8 - week 5) met een gepland JGZ-contact"),
        kind="share",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "Gezinnen uit de noemer voor wier kind vóór het einde van de periode een "
                "JGZ-contact gepland of gehouden is, zoals de werklijst dat beoordeelt: een open "
                "of afgeronde taak 'JGZ-contact' van de JGZ (of van iemand die voor de JGZ "
                "werkt), of een overdracht aan de JGZ die niet is afgewezen of ingetrokken; "
                "gemaakt sinds het begin van deze zwangerschap (280 dagen voor de geboorte)."
            ),
            denominator=gettext_lazy(
                "Gezinnen met een levend geboren kind dat op een dag van de periode tussen dag "
                "8 en week 5 oud was (geboortedatum van 34 dagen vóór de eerste dag tot 8 "
                "dagen vóór de laatste dag van de periode)."
            ),
            period=gettext_lazy("Het kind was in de periode in het gat na de kraamzorg."),
            inclusion=CONSENT,
            sources=(
                "families.Pregnancy.birth_date",
                "families.Pregnancy.outcome",
                "care.Task.source",
                "care.Task.status",
                "care.Task.created_at",
                "care.Task.owner_organisation",
                "care.Task.owner",
                "care.Handover.to_organisation",
                "care.Handover.to_professional",
                "care.Handover.status",
                "care.Handover.proposed_at",
                "organisations.Membership.organisation",
            ),
        ),
        compute=gap_with_jgz_contact,
    )
)


# --- 3. Referrals by status, and the median response time -----------------------------------


def _sent_in(scope: Scope, period: Period) -> QuerySet[Referral]:
    start, end = period_range(period)
    return Referral.objects.filter(
        family__in=population(scope), sent_at__gte=start, sent_at__lt=end
    )


def referrals_by_status(scope: Scope, period: Period) -> list[Cell]:
    rows = list(  # one row per status
        _sent_in(scope, period).values("status").annotate(total=Count("pk")).order_by("status")
    )
    counts = {row["status"]: row["total"] for row in rows}
    total = sum(counts.values())
    # Every status is a cell of the same total, so suppression sees the whole split.
    return [
        Cell(status.value, str(status.label), counts.get(status.value, 0), total)
        for status in ReferralStatus
    ]


register(
    Indicator(
        code="referrals_by_status",
        additive=True,
        version=1,
        title=gettext_lazy("Verwijzingen naar status"),
        kind="distribution",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy("Per status: de verwijzingen met die status nu."),
            denominator=gettext_lazy("Alle verwijzingen die in de periode zijn verstuurd."),
            period=gettext_lazy("De dag van versturen valt in de periode."),
            inclusion=CONSENT,
            sources=("socialmap.Referral.sent_at", "socialmap.Referral.status"),
        ),
        compute=referrals_by_status,
    )
)


def referral_response_time(scope: Scope, period: Period) -> list[Cell]:
    """The median of `responded_at - sent_at` in days (one decimal): the database counts the
    answered referrals, then orders them and returns only the middle one or two (OFFSET), on
    any database; no referral is loaded beyond those two."""
    response = ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField())
    answered = _sent_in(scope, period).annotate(response=response)
    count, middle = median(answered, "response")
    days = None if middle is None else Decimal(str(round(middle.total_seconds() / 86400, 1)))
    return [Cell("median_response_days", _("Mediane antwoordtijd"), denominator=count, value=days)]


register(
    Indicator(
        code="referral_response_time",
        additive=True,
        version=1,
        title=gettext_lazy("Mediane antwoordtijd op verwijzingen"),
        kind="median",
        unit="days",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "De mediaan van de tijd van versturen tot het antwoord van de ontvangende "
                "organisatie (accepteren of afwijzen), in dagen met één decimaal. Bij een even "
                "aantal: het gemiddelde van de twee middelste."
            ),
            denominator=gettext_lazy(
                "De beantwoorde verwijzingen van de verwijzingen die in de periode zijn "
                "verstuurd (ook als het antwoord na de periode kwam)."
            ),
            period=gettext_lazy("De dag van versturen valt in de periode."),
            inclusion=CONSENT,
            sources=("socialmap.Referral.sent_at", "socialmap.Referral.responded_at"),
        ),
        compute=referral_response_time,
    )
)


# --- 4. Use of interpreters ------------------------------------------------------------------

TOP_LANGUAGES = 5
IN_VIEW = gettext_lazy(
    "Gezinnen in beeld aan het einde van de periode: het dossier was gemaakt en nog niet gesloten."
)
STATE_AT_END = gettext_lazy(
    "De stand op de laatste dag van de periode; 'tolk nodig' en de taal zoals ze nu in het "
    "dossier staan."
)
INTERPRETER_SOURCES = (
    "families.Family.created_at",
    "families.Family.closed_at",
    "families.Family.interpreter_needed",
    "families.Family.interpreter_language",
)


def interpreter_use(scope: Scope, period: Period) -> list[Cell]:
    _start, end = period_range(period)
    figures = in_view_at(scope, end).aggregate(
        families=Count("pk"), needed=Count("pk", filter=Q(interpreter_needed=True))
    )
    return [Cell("interpreter_needed", _("Tolk nodig"), figures["needed"], figures["families"])]


register(
    Indicator(
        code="interpreter_use",
        version=1,
        title=gettext_lazy("Gezinnen die een tolk nodig hebben"),
        kind="share",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy("Gezinnen uit de noemer bij wie 'tolk nodig' is aangevinkt."),
            denominator=IN_VIEW,
            period=STATE_AT_END,
            inclusion=CONSENT,
            sources=INTERPRETER_SOURCES,
        ),
        compute=interpreter_use,
    )
)


def interpreter_languages(scope: Scope, period: Period) -> list[Cell]:
    _start, end = period_range(period)
    needing = in_view_at(scope, end).filter(interpreter_needed=True)
    needed = needing.count()
    # The most frequent languages, written any way ("Arabisch", "arabisch ") as one.
    languages = list(
        needing.annotate(language=Lower(Trim("interpreter_language")))
        .exclude(language="")
        .values("language")
        .annotate(count=Count("pk"), label=Min(Trim("interpreter_language")))
        .order_by("-count", "language")[:TOP_LANGUAGES]
    )
    cells = []
    for rank, row in enumerate(languages, start=1):
        key = _key(row["language"]) or str(rank)
        cells.append(Cell(f"language_{key}", row["label"], row["count"], needed))
    shown = sum(row["count"] for row in languages)
    # The rest, so that the cells split the total and suppression sees every part.
    cells.append(Cell("language_other", _("Andere of onbekende taal"), needed - shown, needed))
    return cells


register(
    Indicator(
        code="interpreter_languages",
        version=1,
        title=gettext_lazy("Talen van de tolk"),
        kind="distribution",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "Per taal van de tolk het aantal gezinnen, voor de vijf meest voorkomende "
                "talen (hoe de taal ook is geschreven); de rest samen (andere talen of geen "
                "taal ingevuld)."
            ),
            denominator=gettext_lazy(
                "Gezinnen in beeld aan het einde van de periode (dossier gemaakt en nog niet "
                "gesloten) die een tolk nodig hebben."
            ),
            period=STATE_AT_END,
            inclusion=CONSENT,
            sources=INTERPRETER_SOURCES,
        ),
        compute=interpreter_languages,
    )
)


# --- 5. Reach of the interventions -----------------------------------------------------------

CARE_KIND_TAXONOMY = "kansrijk-zorgsoort"
INTERVENTIONS = (
    CareKind.NU_NIET_ZWANGER.value,
    CareKind.VOORZORG.value,
    CareKind.STEVIG_OUDERSCHAP.value,
    CareKind.CENTERING.value,
)
REACHED = Q(started_at__isnull=False) | Q(
    status__in=[ReferralStatus.STARTED, ReferralStatus.COMPLETED]
)


def _carries(kind: str) -> Exists:
    """The referral's service carries care kind `kind` (an HSDS attribute of the service,
    `kansrijk.socialmap.terms`: there is no foreign key, the attribute names the service)."""
    return Exists(
        Attribute.objects.filter(
            link_entity="service",
            link_id=OuterRef("service_id"),
            taxonomy_term__taxonomy_name=CARE_KIND_TAXONOMY,
            taxonomy_term__code=kind,
        )
    )


def intervention_reach(scope: Scope, period: Period) -> list[Cell]:
    start, end = period_range(period)
    referrals = Referral.objects.filter(
        family__in=population(scope), sent_at__gte=start, sent_at__lt=end
    ).annotate(**{f"is_{kind}": _carries(kind) for kind in INTERVENTIONS})
    counts = {}
    for kind in INTERVENTIONS:  # four interventions, two counts each: one query in all
        to_kind = Q(**{f"is_{kind}": True})
        counts[f"{kind}_sent"] = Count("family", distinct=True, filter=to_kind)
        counts[f"{kind}_reached"] = Count("family", distinct=True, filter=to_kind & REACHED)
    figures = referrals.aggregate(**counts)
    cells = []
    for kind in INTERVENTIONS:
        # A share per intervention: the reached families out of the referred ones (both
        # counts are shown, and suppression protects the reached and the not reached).
        cells.append(
            Cell(
                kind,
                str(CareKind(kind).label),
                figures[f"{kind}_reached"],
                figures[f"{kind}_sent"],
            )
        )
    return cells


register(
    Indicator(
        code="intervention_reach",
        version=1,
        title=gettext_lazy("Bereik van de interventies"),
        kind="share",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "Per interventie de gezinnen uit de noemer bij wie zo'n verwijzing is gestart "
                "of afgerond (ook als dat na de periode gebeurde)."
            ),
            denominator=gettext_lazy(
                "Per interventie (Nu Niet Zwanger, VoorZorg, Stevig Ouderschap, Centering): "
                "de gezinnen met minstens één verwijzing naar een aanbod van die soort "
                "(zorgsoort op de sociale kaart). Een gezin telt per interventie één keer."
            ),
            period=gettext_lazy("De dag van versturen van de verwijzing valt in de periode."),
            inclusion=CONSENT,
            sources=(
                "socialmap.Referral.sent_at",
                "socialmap.Referral.service",
                "socialmap.Referral.status",
                "socialmap.Referral.started_at",
                "socialmap.Attribute.link_id",
                "socialmap.TaxonomyTerm.code (kansrijk-zorgsoort)",
            ),
        ),
        compute=intervention_reach,
    )
)


# --- 6. Open chain signals by kind and age ---------------------------------------------------

# Three of the work queue's chain signals (`kansrijk.worklist.rules`), expressed here again
# because monitoring may not import the work queue (same level, DESIGN.md section 2). They use
# the rules' default thresholds: a coalition's own thresholds (worklist.SignalSetting) live
# in the work queue and are not read here. Each is evaluated as on the last day of the
# period, with the data as it stood at its end (timestamps, not today's status), so that a
# past period keeps its figure.
SIGNAL_DAYS = {"no_case_director": 7, "handover_not_accepted": 0, "referral_overdue": 0}
AGE_BANDS = (("lt_1w", 0, 7), ("1w_4w", 7, 28), ("gt_4w", 28, None))


def _no_case_director(families: QuerySet[Family], last: date, end: datetime):
    """Route 2 or 3 (the newest decision before the end) chosen more than 7 days before the
    last day, and no case director in force at the end. Basis: the day of the decision."""
    newest = RouteDecision.objects.filter(family=OuterRef("pk"), decided_at__lt=end).order_by(
        "-decided_at", "-id"
    )
    director = CaseDirector.objects.filter(family=OuterRef("pk"), started_at__lt=end).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=end)
    )
    days = SIGNAL_DAYS["no_case_director"]
    return (
        families.annotate(
            route_now=Subquery(newest.values("route")[:1]),
            basis=Subquery(newest.values("decided_at")[:1]),
        )
        .filter(
            route_now__in=[Route.POTENTIALLY_VULNERABLE, Route.VULNERABLE],
            basis__lt=midnight(last - timedelta(days=days)),
        )
        .filter(~Exists(director))
    ), days + 1


def _handover_not_accepted(families: QuerySet[Family], last: date, end: datetime):
    """A handover proposed before the end, its due date before the last day, and not
    accepted, declined or cancelled by the end. Basis: the earliest such due date."""
    days = SIGNAL_DAYS["handover_not_accepted"]
    late = (
        Handover.objects.filter(
            family=OuterRef("pk"),
            proposed_at__lt=end,
            due_date__lt=last - timedelta(days=days),
        )
        .exclude(accepted_at__lt=end)
        .exclude(declined_at__lt=end)
        .exclude(cancelled_at__lt=end)
        .exclude(status=HandoverStatus.CANCELLED, cancelled_at__isnull=True)
        .order_by("due_date", "pk")
    )
    return (
        families.annotate(basis=Subquery(late.values("due_date")[:1])).filter(basis__isnull=False),
        days + 1,
    )


def _referral_overdue(families: QuerySet[Family], last: date, end: datetime):
    """A referral sent before the end, its respond-by date before the last day, not answered
    (accepted or declined) and not withdrawn by the end. Basis: the earliest such date."""
    days = SIGNAL_DAYS["referral_overdue"]
    late = (
        Referral.objects.filter(
            family=OuterRef("pk"),
            sent_at__lt=end,
            respond_by__lt=last - timedelta(days=days),
        )
        .exclude(responded_at__lt=end)
        .exclude(
            Q(status=ReferralStatus.WITHDRAWN) & (Q(closed_at__isnull=True) | Q(closed_at__lt=end))
        )
        .order_by("respond_by", "pk")
    )
    return (
        families.annotate(basis=Subquery(late.values("respond_by")[:1])).filter(
            basis__isnull=False
        ),
        days + 1,
    )


SIGNALS = (
    ("no_case_director", gettext_lazy("Geen casusregisseur"), _no_case_director, True),
    (
        "handover_not_accepted",
        gettext_lazy("Overdracht niet geaccepteerd"),
        _handover_not_accepted,
        False,
    ),
    ("referral_overdue", gettext_lazy("Verwijzing niet beantwoord"), _referral_overdue, False),
)


def _band_filter(low: int, high: int | None, last: date, offset: int, timed: bool) -> Q:
    """The signal shows from `basis + offset` (whole days), so on the last day it is
    `last - basis - offset` days old; at least `low` and less than `high` as a filter on the
    basis (a date, or a datetime when `timed`: then compared with midnights)."""

    def oldest_basis(age: int):
        # The latest basis that makes the signal at least `age` days old, as an upper bound.
        day = last - timedelta(days=offset + age)
        return Q(basis__lt=midnight(day + timedelta(days=1))) if timed else Q(basis__lte=day)

    q = oldest_basis(low)
    if high is not None:
        q &= ~oldest_basis(high)
    return q


def open_chain_signals(scope: Scope, period: Period) -> list[Cell]:
    """One cell per kind and age band, and nothing else: together the cells split the total
    number of open signals (a family with two kinds counts in both), so that suppression sees
    every part; a kind's own total is the sum of its three bands."""
    _start, end = period_range(period)
    families = in_view_at(scope, end)
    labels = {
        "lt_1w": _("korter dan 1 week"),
        "1w_4w": _("1 tot 4 weken"),
        "gt_4w": _("langer dan 4 weken"),
    }
    cells = []
    for code, title, holds, timed in SIGNALS:  # one query per kind of signal
        holding, offset = holds(families, period.last, end)
        figures = holding.aggregate(
            **{
                band: Count("pk", filter=_band_filter(low, high, period.last, offset, timed))
                for band, low, high in AGE_BANDS
            }
        )
        for band, _low, _high in AGE_BANDS:
            label = _("%(signal)s, %(age)s") % {"signal": title, "age": labels[band]}
            cells.append(Cell(f"{code}_{band}", label, figures[band]))
    return cells


register(
    Indicator(
        code="open_chain_signals",
        version=1,
        title=gettext_lazy("Open ketensignalen naar soort en leeftijd"),
        kind="distribution",
        group=GROUP,
        definition=Definition(
            numerator=gettext_lazy(
                "Per soort signaal en per leeftijd het aantal gezinnen bij wie het signaal op de "
                "laatste dag van de periode openstond, zoals de werklijst het met de "
                "standaardtermijnen toont: geen casusregisseur (route 2 of 3 meer dan 7 dagen "
                "geleden gekozen en geen casusregisseur), overdracht niet geaccepteerd (na de "
                "datum 'accepteren vóór' nog geen antwoord) en verwijzing niet beantwoord (na "
                "de datum 'antwoord uiterlijk' nog geen antwoord). De leeftijd is hoe lang het "
                "signaal al openstond: korter dan 1 week, 1 tot 4 weken, langer dan 4 weken."
            ),
            denominator=gettext_lazy(
                "Alle open signalen samen; een gezin met twee soorten signalen telt bij beide."
            ),
            period=gettext_lazy(
                "De stand aan het einde van de laatste dag van de periode, uit de tijdstippen "
                "van de routekeuzes, casusregie, overdrachten en verwijzingen. Eigen termijnen "
                "van de coalitie voor de werklijst gelden hier niet."
            ),
            inclusion=format_lazy(
                "{} {}",
                gettext_lazy(
                    "Gezinnen in beeld aan het einde van de periode (dossier gemaakt en niet "
                    "gesloten)."
                ),
                CONSENT,
            ),
            sources=(
                "signaling.RouteDecision.route",
                "signaling.RouteDecision.decided_at",
                "care.CaseDirector.started_at",
                "care.CaseDirector.ended_at",
                "care.Handover.proposed_at",
                "care.Handover.due_date",
                "care.Handover.accepted_at",
                "care.Handover.declined_at",
                "care.Handover.cancelled_at",
                "socialmap.Referral.sent_at",
                "socialmap.Referral.respond_by",
                "socialmap.Referral.responded_at",
                "socialmap.Referral.closed_at",
                "families.Family.created_at",
                "families.Family.closed_at",
            ),
        ),
        compute=open_chain_signals,
    )
)
