"""The reads behind a family's financing view: who pays for what for this family.

`family_financing(family)` takes a family the access policy already granted (the page and
the API fetch it through the policy, which logs the read) and reads, in a fixed number of
queries whatever the size of the care team, the number of referrals or rules:

1-2. which year's figures apply (`years.figures_year`: the year asked, or the latest
     earlier year with figures);
3.   that year's figures (eigen risico);
4.   that year's rules, per kind of care and per service;
5.   that year's insurer exceptions for the family's kind of policy;
6.   the active compensation routes of the family's municipality;
7.   the current care team with each member's organisation (none when the file page already
     prefetched it as `current_care_team`);
8.   the referrals that still count (not declined or withdrawn), with service and provider;
9.   the social map's terms of those services (`service_terms`; no query without referrals);
10.  the latest kraamzorg calculation.

Without any figures for the year (or before), 3-5 are skipped: there is nothing to read.
The resolution itself is `who_pays`, without the database.
"""

from dataclasses import replace

from django.utils import timezone

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.socialmap.models import Referral, ReferralStatus
from kansrijk.socialmap.terms import service_terms

from . import who_pays
from .models import (
    CompensationRoute,
    FinancingRule,
    FinancingYear,
    InsurerException,
    KraamzorgCalculation,
)
from .years import figures_year

# Referrals that will not lead to care; ReferralStatus has no "cancelled": withdrawing is it.
NOT_PLANNED = (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)
YEAR_MIN, YEAR_MAX = 2000, 2100


def requested_year(value, *, today=None) -> int:
    """The year asked for (`?jaar=`), or this calendar year when absent or not a year."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        return (today or timezone.localdate()).year
    return year


def financing_context(family: Family, year: int) -> who_pays.FinancingContext:
    """The coalition's figures, rules and exceptions for `year`, and the routes of the
    family's municipality (five queries, two with no figures at all)."""
    applicable = figures_year(family.coalition_id, year)
    figures = None
    rules_by_kind: dict = {}
    rules_by_service: dict = {}
    exceptions: tuple = ()
    if applicable is not None:
        year_row = FinancingYear.objects.filter(
            coalition_id=family.coalition_id, year=applicable
        ).first()
        if year_row is not None:
            figures = who_pays.YearFigures(
                year=year_row.year,
                eigen_risico=year_row.eigen_risico,
                eigen_risico_source=year_row.eigen_risico_source,
            )
        for rule in FinancingRule.objects.filter(coalition_id=family.coalition_id, year=applicable):
            resolved = who_pays.Rule.from_model(rule)
            if rule.service_id is None:
                rules_by_kind[rule.care_kind] = resolved
            else:
                rules_by_service[rule.service_id] = resolved
        exceptions = tuple(
            who_pays.InsurerPolicy.from_model(exception)
            for exception in InsurerException.objects.filter(
                coalition_id=family.coalition_id,
                year=applicable,
                insurance_kind=family.insurance_kind,
            )
        )
    routes = tuple(
        who_pays.Route.from_model(route)
        for route in CompensationRoute.objects.filter(
            coalition_id=family.coalition_id,
            municipality_id=family.municipality_id,
            is_active=True,
        ).order_by("kind", "name", "pk")
    )
    return who_pays.FinancingContext(
        year=year,
        figures_year=applicable,
        figures=figures,
        rules_by_kind=rules_by_kind,
        rules_by_service=rules_by_service,
        exceptions=exceptions,
        routes=routes,
    )


def _care_team(family: Family) -> list[who_pays.TeamOrganisation]:
    members = getattr(family, "current_care_team", None)
    if members is None:
        # `select_related`: the organisation of every member in the same query.
        members = (
            CareTeamMember.objects.current()
            .filter(family=family)
            .select_related("membership__organisation")
            .order_by("start_date", "pk")
        )
    return [
        who_pays.TeamOrganisation(
            organisation_id=member.membership.organisation_id,
            name=member.membership.organisation.name,
            kind=member.membership.organisation.kind,
        )
        for member in members
        if member.membership is not None
    ]


def _referrals(family: Family) -> list[who_pays.PlannedReferral]:
    # `select_related`: service and its provider in the same query, newest first.
    referrals = list(
        Referral.objects.filter(family=family)
        .exclude(status__in=NOT_PLANNED)
        .select_related("service__organization")
        .order_by("-sent_at", "-pk")
    )
    terms = service_terms({referral.service_id for referral in referrals}) if referrals else {}
    return [
        who_pays.PlannedReferral(
            service_id=referral.service_id,
            service_name=referral.service.name,
            provider=referral.service.organization.name,
            organisation_id=referral.receiving_organisation_id,
            status_label=referral.get_status_display(),
            terms=terms.get(referral.service_id, {}),
        )
        for referral in referrals
    ]


def latest_kraamzorg(family: Family) -> KraamzorgCalculation | None:
    return _LATEST_KRAAMZORG.first(family=family.pk)


def latest_kraamzorg_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of `latest_kraamzorg`."""
    return _LATEST_KRAAMZORG.reads_first(family=family.pk)


# Compiled once (`CompiledQuery`): the family file reads it on every visit.
_LATEST_KRAAMZORG = CompiledQuery(
    lambda: KraamzorgCalculation.objects.filter(family_id=Slot("family")).order_by(
        "-created_at", "-pk"
    )[:1]
)


def family_financing(family: Family, *, year: int | None = None) -> who_pays.FamilyFinancing:
    """Who pays for what for a family the policy granted, in `year` (default: this year)."""
    year = year or timezone.localdate().year
    context = financing_context(family, year)
    calculation = latest_kraamzorg(family)
    kraamzorg = (
        who_pays.KraamzorgHours(chosen_hours=calculation.chosen_hours, year=calculation.year)
        if calculation is not None
        else None
    )
    items = who_pays.build_items(
        _care_team(family), _referrals(family), kraamzorg, context.rules_by_service
    )
    financing = who_pays.resolve_family(context, who_pays.FamilyProfile.from_family(family), items)
    return replace(financing, calculation=calculation)
