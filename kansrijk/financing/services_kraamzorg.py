"""The kraamzorg calculator's reads and its one write.

- `kraamzorg_figures`: the figures that apply in a year (`years.figures_year`: that year's, or
  the latest earlier year's): the hours of the `FinancingYear` and the own contribution per
  hour of the coalition's kraamzorg rule (the rule for the kind of care, not for one service).
- `calculation_preview`: the estimate for the page, without saving anything.
- `calculation_save`: keeps a calculation (each one; the latest counts), on the timeline, and
  when asked, the request for extra hours or prenatal kraamzorg as a task for the kraamzorg
  organisation on the care team (or the professional who asks, when there is none).

The family comes from the access policy with a row lock (`get_family_for_user(...,
lock=True)` logs the NEN 7513 update event); a closed file is not changed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.services import task_create
from kansrijk.core.dates import add_working_days
from kansrijk.families.models import CareTeamMember, Family, Pregnancy
from kansrijk.families.selectors import COUNTING_PREGNANCY
from kansrijk.families.services import timeline_record
from kansrijk.organisations.models import Organisation, OrganisationKind, Professional
from kansrijk.socialmap.vocabulary import CareKind

from .kraamzorg import KraamzorgEstimate, KraamzorgFigures, calculate, validate
from .models import ContributionKind, FinancingRule, FinancingYear, KraamzorgCalculation
from .timeline import KRAAMZORG_CALCULATED
from .years import figures_year as applicable_year

TASK_SOURCE = "financing:kraamzorg"
TASK_DUE_WORKING_DAYS = 5


@dataclass(frozen=True)
class YearFigures:
    """What the calculator knows for a year: the year the figures come from (None: no
    figures at all), the hours (None: no `FinancingYear` row) and the own contribution per
    hour (None: unknown or not per hour; 0: no own contribution)."""

    figures_year: int | None
    figures: KraamzorgFigures | None
    per_hour: Decimal | None


@dataclass(frozen=True)
class KraamzorgInput:
    year: int
    standard_hours: int
    extra_hours: int
    chosen_hours: int
    extra_reason: str = ""
    prenatal_requested: bool = False
    prenatal_reason: str = ""


def kraamzorg_figures(coalition_id: int, year: int) -> YearFigures:
    """The figures that apply in `year` (four small indexed queries: two to find the year,
    its hours, its kraamzorg rule). A year row without any kraamzorg hours counts as none."""
    source_year = applicable_year(coalition_id, year)
    if source_year is None:
        return YearFigures(None, None, None)
    row = FinancingYear.objects.filter(coalition_id=coalition_id, year=source_year).first()
    figures = None
    if row is not None:
        figures = KraamzorgFigures(
            min_hours=row.kraamzorg_min_hours,
            standard_low=row.kraamzorg_standard_hours_low,
            standard_high=row.kraamzorg_standard_hours_high,
            max_hours=row.kraamzorg_max_hours,
        )
        if figures == KraamzorgFigures():
            figures = None
    rule = FinancingRule.objects.filter(
        coalition_id=coalition_id,
        year=source_year,
        care_kind=CareKind.KRAAMZORG,
        service__isnull=True,
    ).first()
    per_hour = None
    if rule is not None:
        if rule.contribution_kind == ContributionKind.NONE:
            per_hour = Decimal("0.00")
        elif rule.contribution_kind == ContributionKind.PER_HOUR:
            per_hour = rule.contribution_amount
    return YearFigures(source_year, figures, per_hour)


def current_pregnancy(family: Family) -> Pregnancy | None:
    """The pregnancy that decides the family's phase (`families.selectors`' rule): the latest
    that is running or gave a living child. One query."""
    return (
        Pregnancy.objects.filter(COUNTING_PREGNANCY, family=family)
        .annotate(key_date=Coalesce("birth_date", "due_date"))
        .filter(key_date__isnull=False)
        .order_by("-key_date", "-pk")
        .first()
    )


def pregnancy_date(pregnancy: Pregnancy | None) -> date | None:
    """The date that decides the year: the birth date once known, else the due date."""
    if pregnancy is None:
        return None
    return pregnancy.birth_date or pregnancy.due_date


def default_year(pregnancy: Pregnancy | None, *, today: date | None = None) -> int:
    """The year of the birth (or due date) of the current pregnancy, else this year."""
    day = pregnancy_date(pregnancy)
    return day.year if day is not None else (today or timezone.localdate()).year


def check_input(figures: YearFigures, data: KraamzorgInput) -> None:
    """Raise `ValidationError` with Dutch field errors when the input cannot be calculated."""
    errors = validate(
        figures_year=figures.figures_year,
        figures=figures.figures,
        standard_hours=data.standard_hours,
        extra_hours=data.extra_hours,
        extra_reason=data.extra_reason,
        chosen_hours=data.chosen_hours,
        prenatal_requested=data.prenatal_requested,
        prenatal_reason=data.prenatal_reason,
    )
    if errors:
        raise ValidationError(errors)


def estimate_for(
    family: Family, data: KraamzorgInput, *, figures: YearFigures, pregnancy: Pregnancy | None
) -> KraamzorgEstimate:
    due = pregnancy.due_date if pregnancy is not None and pregnancy.birth_date is None else None
    return calculate(
        year=data.year,
        figures_year=figures.figures_year,
        figures=figures.figures,
        per_hour=figures.per_hour,
        standard_hours=data.standard_hours,
        extra_hours=data.extra_hours,
        chosen_hours=data.chosen_hours,
        low_income=family.low_income,
        due_date=due,
    )


def calculation_preview(
    family: Family,
    data: KraamzorgInput,
    *,
    figures: YearFigures | None = None,
    pregnancy: Pregnancy | None = None,
) -> KraamzorgEstimate:
    """The estimate for a family the page already fetched; saves nothing. Raises
    `ValidationError` like `calculation_save`. Pass the year's figures and the current
    pregnancy when the page has them already."""
    if figures is None:
        figures = kraamzorg_figures(family.coalition_id, data.year)
    check_input(figures, data)
    if pregnancy is None:
        pregnancy = current_pregnancy(family)
    return estimate_for(family, data, figures=figures, pregnancy=pregnancy)


def latest_calculation(family: Family) -> KraamzorgCalculation | None:
    """The family's latest calculation with who made it and its task (one query)."""
    return (
        KraamzorgCalculation.objects.filter(family=family)
        .select_related("created_by", "task", "task__owner", "task__owner_organisation")
        .order_by("-created_at", "-id")
        .first()
    )


def kraamzorg_organisation(family: Family) -> Organisation | None:
    """The kraamzorg organisation of the earliest current care-team member working for one."""
    member = (
        CareTeamMember.objects.current()
        .filter(family=family, membership__organisation__kind=OrganisationKind.KRAAMZORG)
        .select_related("membership__organisation")
        .order_by("start_date", "id")
        .first()
    )
    return member.membership.organisation if member is not None else None


def _summary(estimate: KraamzorgEstimate, data: KraamzorgInput) -> str:
    parts = [
        _("%(indicated)s uur geïndiceerd (%(standard)s standaard + %(extra)s extra)")
        % {"indicated": estimate.indicated, "standard": estimate.standard, "extra": estimate.extra},
        _("gezin kiest %(chosen)s uur") % {"chosen": estimate.chosen},
    ]
    if estimate.cost is not None:
        parts.append(
            _("eigen bijdrage € %(cost)s") % {"cost": f"{estimate.cost:.2f}".replace(".", ",")}
        )
    parts.append(_("jaar %(year)s") % {"year": estimate.year})
    if data.prenatal_requested:
        parts.append(_("prenatale kraamzorg gevraagd"))
    if estimate.too_few_hours_risk:
        parts.append(_("risico: minder uren dan geïndiceerd"))
    return "; ".join(parts)


def _task_title(data: KraamzorgInput) -> str:
    hours = {"hours": data.extra_hours}
    if data.extra_hours > 0 and data.prenatal_requested:
        return _("Extra uren kraamzorg (%(hours)s uur) en prenatale kraamzorg aanvragen") % hours
    if data.extra_hours > 0:
        return _("Extra uren kraamzorg aanvragen (%(hours)s uur)") % hours
    return _("Prenatale kraamzorg aanvragen")


def _task_description(data: KraamzorgInput, estimate: KraamzorgEstimate) -> str:
    lines = [
        _(
            "Geïndiceerd: %(indicated)s uur (%(standard)s standaard + %(extra)s extra), "
            "jaar %(year)s."
        )
        % {
            "indicated": estimate.indicated,
            "standard": estimate.standard,
            "extra": estimate.extra,
            "year": estimate.year,
        }
    ]
    if data.extra_hours > 0:
        lines.append(_("Reden voor de extra uren: %(reason)s") % {"reason": data.extra_reason})
    if data.prenatal_requested:
        lines.append(
            _("Reden voor prenatale kraamzorg: %(reason)s") % {"reason": data.prenatal_reason}
        )
    return "\n".join(lines)


def _clean(data: KraamzorgInput) -> KraamzorgInput:
    def text(value: str) -> str:
        return str(value or "").replace("\r\n", "\n").strip()

    return KraamzorgInput(
        year=data.year,
        standard_hours=data.standard_hours,
        extra_hours=data.extra_hours,
        chosen_hours=data.chosen_hours,
        # A reason without extra hours (or without prenatal care) would be kept unused.
        extra_reason=text(data.extra_reason) if data.extra_hours > 0 else "",
        prenatal_requested=data.prenatal_requested,
        prenatal_reason=text(data.prenatal_reason) if data.prenatal_requested else "",
    )


@transaction.atomic
def calculation_save(
    *,
    actor: Professional,
    family_pk: int,
    data: KraamzorgInput,
    create_task: bool = False,
    request=None,
) -> KraamzorgCalculation:
    """Keep a kraamzorg calculation of the family (and a task when asked; see module).

    Raises `ValidationError` (Dutch, per field) on a closed file or input that does not fit
    the year's figures; `Http404` without access (logged by the policy).
    """
    data = _clean(data)
    family = get_family_for_user(
        actor,
        family_pk,
        AccessEvent.Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Kraamzorgberekening opgeslagen"),
    )
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))
    figures = kraamzorg_figures(family.coalition_id, data.year)
    check_input(figures, data)
    pregnancy = current_pregnancy(family)
    estimate = estimate_for(family, data, figures=figures, pregnancy=pregnancy)
    calculation = KraamzorgCalculation(
        family=family,
        coalition_id=family.coalition_id,
        pregnancy=pregnancy,
        year=data.year,
        figures_year=estimate.figures_year,
        standard_hours=data.standard_hours,
        extra_hours=data.extra_hours,
        extra_reason=data.extra_reason,
        chosen_hours=data.chosen_hours,
        prenatal_requested=data.prenatal_requested,
        prenatal_reason=data.prenatal_reason,
        contribution_per_hour=estimate.per_hour,
        estimated_cost=estimate.cost,
        too_few_hours_risk=estimate.too_few_hours_risk,
        created_by=actor,
    )
    calculation.full_clean(exclude=["family", "coalition", "pregnancy", "task", "created_by"])
    calculation.save()
    timeline_summary = _summary(estimate, data)
    timeline_record(
        family=family,
        kind=KRAAMZORG_CALCULATED,
        actor=actor,
        obj=calculation,
        summary=timeline_summary,
    )
    if create_task and (data.extra_hours > 0 or data.prenatal_requested):
        organisation = kraamzorg_organisation(family)
        calculation.task = task_create(
            actor=actor,
            family=family,
            title=_task_title(data),
            owner=None if organisation is not None else actor,
            owner_organisation=organisation,
            due_date=add_working_days(timezone.localdate(), TASK_DUE_WORKING_DAYS),
            description=_task_description(data, estimate),
            source=TASK_SOURCE,
            source_id=str(calculation.pk),
        )
        calculation.save(update_fields=["task"])
    return calculation
