"""Test data for the chain indicators (`kansrijk.monitoring.indicators.chain`): births,
handovers, JGZ tasks, route decisions, case directors and referrals made directly with the
ORM at chosen moments (no services, no access log), so that a test can place them exactly
on the boundaries of a period. Everything is fictional."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kansrijk.care.models import CaseDirector, Handover, HandoverStatus, Task, TaskStatus
from kansrijk.families.models import Family, Pregnancy, PregnancyOutcome
from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.indicators import Scope
from kansrijk.monitoring.periods import Period
from kansrijk.organisations.models import (
    Coalition,
    Municipality,
    Organisation,
    OrganisationKind,
    Professional,
)
from kansrijk.signaling.levels import Route
from kansrijk.signaling.models import RouteDecision
from kansrijk.socialmap.models import Referral, ReferralStatus, Service
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.socialmap import make_provider, make_service


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` in the site's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def set_times(family: Family, *, created: datetime, closed: datetime | None = None) -> Family:
    """Move the file's creation (auto_now_add) and closing to chosen moments."""
    status = "closed" if closed else "open"
    Family.objects.filter(pk=family.pk).update(created_at=created, closed_at=closed, status=status)
    family.refresh_from_db()
    return family


def live_birth(family: Family, birth_date: date, *, outcome=PregnancyOutcome.LIVE_BIRTH):
    return Pregnancy.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        due_date=birth_date + timedelta(days=7),
        birth_date=birth_date,
        outcome=outcome,
    )


def organisation(coalition: Coalition, kind: str = OrganisationKind.JGZ) -> Organisation:
    """The coalition's first organisation of `kind` (the cast has a JGZ and a practice)."""
    return coalition.organisations.filter(kind=kind).order_by("pk").first()


def handover(
    family: Family,
    by: Professional,
    *,
    proposed_at: datetime,
    due_date: date,
    status: str = HandoverStatus.PROPOSED,
    accepted_at: datetime | None = None,
    declined_at: datetime | None = None,
    cancelled_at: datetime | None = None,
    to_organisation: Organisation | None = None,
    moment_code: str = "",
    moment_name: str = "",
) -> Handover:
    """A handover to `to_organisation` (the coalition's JGZ unless given); pass `accepted_at`
    for an accepted or completed one."""
    completed = status == HandoverStatus.COMPLETED
    return Handover.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        from_professional=by,
        to_organisation=to_organisation or organisation(family.coalition),
        summary="Moeder en baby maken het goed; graag een huisbezoek.",
        moment_code=moment_code,
        moment_name=moment_name,
        due_date=due_date,
        status=status,
        proposed_at=proposed_at,
        accepted_by=by if accepted_at else None,
        accepted_at=accepted_at,
        declined_by=by if declined_at else None,
        declined_at=declined_at,
        decline_reason="Geen capaciteit." if status == HandoverStatus.DECLINED else "",
        cancelled_by=by if cancelled_at else None,
        cancelled_at=cancelled_at,
        warm_contact_kind="call" if completed else "",
        warm_contact_on=accepted_at.date() if completed else None,
        completed_at=accepted_at if completed else None,
    )


def jgz_task(
    family: Family,
    *,
    created_at: datetime,
    owner_organisation: Organisation | None = None,
    owner: Professional | None = None,
    status: str = TaskStatus.OPEN,
    source: str = "jgz_contact",
) -> Task:
    """A task of the family, owned by `owner` or else by an organisation (the coalition's
    JGZ unless `owner_organisation` is given)."""
    return Task.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        title="JGZ-contact plannen",
        owner=owner,
        owner_organisation=None if owner else owner_organisation or organisation(family.coalition),
        status=status,
        source=source,
        created_at=created_at,
        completed_at=created_at if status == TaskStatus.DONE else None,
    )


def route_decision(family: Family, by: Professional, *, route: int, decided_at: datetime):
    return RouteDecision.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        proposed_route=route,
        route=route,
        decided_by=by,
        decided_at=decided_at,
    )


def case_director(
    family: Family, professional: Professional, *, started_at: datetime, ended_at=None
) -> CaseDirector:
    return CaseDirector.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=professional,
        started_at=started_at,
        ended_at=ended_at,
    )


def kind_service(coalition: Coalition, kind: str, *, name: str = "") -> Service:
    """A service of the map carrying care kind `kind` (taxonomy kansrijk-zorgsoort)."""
    provider = make_provider(coalition, name=f"Aanbieder {name or kind}")
    return make_service(provider, name=name or kind, terms={"care_kinds": [kind]})


def referral(
    family: Family,
    service: Service,
    by: Professional,
    *,
    sent_at: datetime,
    status: str = ReferralStatus.SENT,
    respond_by: date | None = None,
    responded_at: datetime | None = None,
    started_at: datetime | None = None,
    closed_at: datetime | None = None,
) -> Referral:
    person = family.persons.order_by("pk").first() or family.persons.create(
        coalition_id=family.coalition_id, role="client", first_name="Anna", last_name="Test"
    )
    return Referral.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        person=person,
        service=service,
        receiving_organisation=organisation(family.coalition, OrganisationKind.MIDWIFERY),
        reason="Steun bij de zwangerschap.",
        consent_to_share=True,
        status=status,
        sent_by=by,
        sent_at=sent_at,
        respond_by=respond_by or (sent_at + timedelta(days=14)).date(),
        responded_at=responded_at,
        started_at=started_at,
        closed_at=closed_at,
        decline_reason="Geen plek." if status == ReferralStatus.DECLINED else "",
    )


# --- Families and figures ------------------------------------------------------------------

LONG_AGO = date(2025, 1, 1)


def family(
    coalition: Coalition,
    recorded_by: Professional,
    *,
    created: datetime | None = None,
    closed: datetime | None = None,
    **fields,
) -> Family:
    """A monitored family (see `monitored_family`) whose file was opened on `created`
    (default 1 January 2025, so it is in view in every period of the tests)."""
    made = monitored_family(coalition, recorded_by, **fields)
    return set_times(made, created=created or at(LONG_AGO), closed=closed)


def elsewhere(coalition: Coalition) -> Municipality:
    """A second municipality of the coalition, where the moving family goes."""
    return Municipality.objects.get_or_create(
        coalition=coalition, cbs_code="GM9503", defaults={"name": "Derdedorp"}
    )[0]


def moved(made: Family) -> Family:
    """`made` moves to the coalition's second municipality (`elsewhere`)."""
    made.municipality = elsewhere(made.coalition)
    made.save(update_fields=["municipality"])
    return made


def figures_of(code: str, scope: Scope, period: str) -> dict[str, tuple]:
    """{cell key: (numerator, denominator)} of indicator `code` for the scope and period."""
    return {
        cell.key: (cell.numerator, cell.denominator)
        for cell in registry.get(code).cells(scope, Period.parse(period))
    }


# --- A growing data set (for query counts) --------------------------------------------------

LANGUAGES = ("Arabisch", "Turks", "Pools", "Tigrinya", "Engels", "Frans", "Somalisch")


def grow(cast, count: int, services) -> None:
    """`count` more families, each with data for every chain indicator in 2026-Q1."""
    by = cast.case_director
    for number in range(count):
        day = date(2026, 1, 5) + timedelta(days=number)
        made = family(
            cast.coalition,
            by,
            interpreter_needed=True,
            interpreter_language=LANGUAGES[number % len(LANGUAGES)],
        )
        handover(
            made,
            by,
            proposed_at=at(day),
            due_date=day + timedelta(days=5),
            status=HandoverStatus.ACCEPTED,
            accepted_at=at(day + timedelta(days=number % 8)),
            moment_code="geboorte-jgz" if number % 2 else "",
        )
        handover(made, by, proposed_at=at(day), due_date=day + timedelta(days=10))
        live_birth(made, day)
        jgz_task(made, created_at=at(day))
        sent = at(day)
        referral(
            made,
            services[number % len(services)],
            by,
            sent_at=sent,
            status=ReferralStatus.STARTED,
            responded_at=sent + timedelta(hours=number + 1),
            started_at=sent + timedelta(days=1),
        )
        referral(made, services[0], by, sent_at=sent, respond_by=day + timedelta(days=3))
        route_decision(made, by, route=Route.VULNERABLE, decided_at=at(day))
