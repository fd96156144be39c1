"""The next steps of a route: which tasks choosing a route creates, per coalition.

A coalition without its own steps uses the defaults below (Basisstructuur Kansrijke Start,
seeds 001): route 2 asks the JGZ for a prenatal home visit and asks who takes casusregie;
route 3 puts the family forward for the next MDO (the family stays flagged until the MDO
has discussed it) and asks who takes casusregie. An urgent route 3 makes every step due
within two working days. Route 1 (own care) creates no tasks. A coordinator can change the
steps (Beheer → Routestappen); the first change copies the defaults into the coalition's own.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import add_working_days
from kansrijk.organisations.models import Organisation, OrganisationKind

from .levels import Route
from .models import RouteStep, StepOwner

URGENT_WORKING_DAYS = 2


@dataclass(frozen=True)
class Step:
    route: int
    code: str
    title: str
    owner_kind: str
    due_days: int
    organisation_id: int | None = None


DEFAULT_STEPS = (
    Step(
        Route.POTENTIALLY_VULNERABLE,
        "jgz_prenatal_visit",
        _("Prenataal huisbezoek door de JGZ"),
        StepOwner.JGZ,
        10,
    ),
    Step(
        Route.POTENTIALLY_VULNERABLE,
        "casusregie",
        _("Afspreken wie de casusregie neemt"),
        StepOwner.DECIDER,
        5,
    ),
    Step(
        Route.VULNERABLE,
        "mdo_agenda",
        _("Gezin aanmelden voor het eerstvolgende MDO"),
        StepOwner.DECIDER,
        5,
    ),
    Step(
        Route.VULNERABLE,
        "casusregie",
        _("Afspreken wie de casusregie neemt"),
        StepOwner.DECIDER,
        5,
    ),
)


def coalition_steps(coalition) -> list[Step]:
    """The coalition's active steps for every route: its own when it has any, else defaults."""
    own = list(RouteStep.objects.filter(coalition=coalition).order_by("route", "order", "id"))
    if not own:
        return list(DEFAULT_STEPS)
    return [
        Step(s.route, s.code, s.title, s.owner_kind, s.due_days, s.organisation_id)
        for s in own
        if s.is_active
    ]


def steps_for(coalition, route: int) -> list[Step]:
    return [step for step in coalition_steps(coalition) if step.route == route]


def due_date(step: Step, *, today: date, priority: bool) -> date:
    days = min(step.due_days, URGENT_WORKING_DAYS) if priority else step.due_days
    return add_working_days(today, days)


def step_owner(step: Step, *, decider, coalition) -> tuple[object | None, Organisation | None]:
    """(professional, organisation) who owns the task the step creates."""
    if step.owner_kind == StepOwner.JGZ:
        jgz = (
            Organisation.objects.filter(
                coalitions=coalition, kind=OrganisationKind.JGZ, is_active=True
            )
            .order_by("name", "pk")
            .first()
        )
        return None, jgz
    if step.owner_kind == StepOwner.ORGANISATION and step.organisation_id:
        return None, Organisation.objects.filter(pk=step.organisation_id).first()
    return decider, None


def materialise_defaults(coalition) -> None:
    """Give the coalition its own copy of the default steps, before its first change. The
    titles are stored in the site's language, whatever language the request asked for."""
    if RouteStep.objects.filter(coalition=coalition).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        RouteStep.objects.bulk_create(
            RouteStep(
                coalition=coalition,
                route=step.route,
                code=step.code,
                title=str(step.title),
                owner_kind=step.owner_kind,
                due_days=step.due_days,
                order=(index + 1) * 10,
            )
            for index, step in enumerate(DEFAULT_STEPS)
        )
