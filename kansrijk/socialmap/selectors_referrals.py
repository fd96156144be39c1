"""Reads of closed-loop referrals, and the "receiver of a referral" ground of the policy.

The ground, in plain words:

- A professional of the receiving organisation (a current professional membership with
  `Referral.receiving_organisation` in the referral's coalition) is usually not on the
  family's care team, so the policy would not let them read the referral or answer it.
- This ground lets them, but only inside a *scope* that this part opens for one referral and
  one professional: the referral's own page and its actions (and their API twins). There the
  page shows only what the referral shares (reason, urgency, `shared_data`, the person's
  first name and birth year), never the family file. Everywhere else the ground never holds:
  the file, its timeline and the family list stay closed until they accept, which puts them
  on the care team.
- Even inside the scope the database must confirm it: the referral belongs to that family
  and goes to an organisation the professional works for in the family's coalition (in any
  status: they keep seeing the referral they answered; the transition table decides what
  they can still do). Rule 2 of the policy applies as to every
  ground. Every use goes through `get_family_for_user`, so it is logged (NEN 7513) with this
  ground and the referral in the event's ground detail.

Lists (the inbox, the family file section, the overview) cost a fixed number of queries.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from statistics import median

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.access.policy import Ground, register_ground
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.organisations.models import Coalition, Membership

from .models import (
    AWAITING_RESPONSE,
    OPEN_STATUSES,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
    ServiceStatus,
)

REFERRAL_RECEIVER = "referral_receiver"
# The referral's own page joins what it shows: the service with its provider, the person,
# the sender and the receiving organisation.
REFERRAL_RELATED = (
    "service__organization",
    "person",
    "sent_by",
    "receiving_organisation",
    "handled_by",
    "family",
)
# Counts below this are shown as "<10" outside the care team (DESIGN.md section 4).
SUPPRESS_BELOW = 10

# (professional pk, referral pk) while a receiver's page or service runs; None elsewhere.
_scope: ContextVar[tuple[int, int] | None] = ContextVar("referral_receiver_scope", default=None)


@contextmanager
def referral_receiver_scope(user, referral_pk) -> Iterator[None]:
    """Let the ground hold for `user` and the family of referral `referral_pk` in this block."""
    try:
        referral_pk = int(referral_pk)
    except (TypeError, ValueError):
        referral_pk = 0
    token = _scope.set((getattr(user, "pk", None), referral_pk))
    try:
        yield
    finally:
        _scope.reset(token)


def _scoped_referral_pk(user) -> int | None:
    scope = _scope.get()
    if scope is None or scope[0] is None or scope[0] != getattr(user, "pk", None):
        return None
    return scope[1]


def _works_for_receiving_organisation(user) -> Exists:
    return Exists(
        Membership.objects.current().filter(
            professional=user,
            is_professional=True,
            organisation=OuterRef("receiving_organisation"),
            coalition=OuterRef("coalition"),
        )
    )


def receivable_referrals(user) -> QuerySet[Referral]:
    """Referrals to an organisation `user` works for as professional in the referral's
    coalition, in any status."""
    if not getattr(user, "pk", None) or not user.is_active:
        return Referral.objects.none()
    return Referral.objects.filter(_works_for_receiving_organisation(user))


def _receivable_open(user, referral_pk: int) -> QuerySet[Referral]:
    # Any status: the receiver keeps seeing the referral they answered (its page only); the
    # transition table decides what they can still do.
    return receivable_referrals(user).filter(pk=referral_pk)


def _condition(user):
    referral_pk = _scoped_referral_pk(user)
    if referral_pk is None:
        # Always false, without a subquery: outside the scope this ground costs nothing.
        return Q(pk__in=[])
    return Exists(
        _receivable_open(user, referral_pk).filter(
            family=OuterRef("pk"), coalition=OuterRef("coalition")
        )
    )


def _family_ids(user, *, now=None, today=None):
    referral_pk = _scoped_referral_pk(user)
    if referral_pk is None:
        return Referral.objects.none().values("family_id")
    return _receivable_open(user, referral_pk).values("family_id")


def _consent(family) -> bool:
    scope = _scope.get()
    referral_pk = scope[1] if scope else None
    return Referral.objects.filter(pk=referral_pk, family=family, consent_to_share=True).exists()


def _detail(user, family) -> str:
    referral_pk = _scoped_referral_pk(user)
    return str(_("Ontvanger van verwijzing %(pk)s") % {"pk": referral_pk}) if referral_pk else ""


def register_referral_receiver_ground() -> None:
    register_ground(
        Ground(
            code=REFERRAL_RECEIVER,
            label=_("Ontvanger van een verwijzing"),
            condition=_condition,
            family_ids=_family_ids,
            # Outside its scope the ground gives no family, the same SQL for everyone.
            family_ids_compilable=lambda user: _scoped_referral_pk(user) is None,
            # Not yet: the receiver decides whether to take part in the care.
            treatment_relationship=False,
            consent=_consent,
            detail=_detail,
            order=65,
        )
    )


# --- Who is who ------------------------------------------------------------------------------


def receiving_organisation_ids(user, coalition_id: int | None, *, request=None) -> set[int]:
    """Organisations `user` works for as professional in coalition `coalition_id`: from the
    memberships the page loaded (`request.active`, no query) when they are of that coalition,
    else one query."""
    active = getattr(request, "active", None) if request is not None else None
    if active is not None and getattr(active.coalition, "pk", None) == coalition_id:
        return {
            m.organisation_id
            for m in active.memberships
            if m.is_professional and m.professional_id == user.pk
        }
    if not getattr(user, "pk", None) or coalition_id is None:
        return set()
    return set(
        Membership.objects.current()
        .filter(professional=user, coalition_id=coalition_id, is_professional=True)
        .values_list("organisation_id", flat=True)
    )


def is_receiver(user, referral: Referral, *, request=None) -> bool:
    return referral.receiving_organisation_id in receiving_organisation_ids(
        user, referral.coalition_id, request=request
    )


def on_care_team(user, family_id: int) -> bool:
    if not getattr(user, "pk", None):
        return False
    return CareTeamMember.objects.current().filter(family_id=family_id, professional=user).exists()


# --- Services one can refer to -----------------------------------------------------------------


def referable_services(coalition_id: int) -> QuerySet[Service]:
    """Active services of the coalition whose provider is linked to an active chain partner
    in kansrijk (its professionals answer the referral), by name."""
    return (
        Service.objects.filter(
            coalition_id=coalition_id,
            status=ServiceStatus.ACTIVE,
            organization__organisation__isnull=False,
            organization__organisation__is_active=True,
        )
        .select_related("organization__organisation")
        .order_by("name", "id")
    )


def service_of_coalition(coalition_id: int, service_id) -> Service | None:
    try:
        return (
            Service.objects.filter(coalition_id=coalition_id, pk=service_id)
            .select_related("organization__organisation")
            .first()
        )
    except (ValueError, TypeError, ValidationError):  # a malformed UUID
        return None


# --- Lists -------------------------------------------------------------------------------------


def family_referrals(family: Family) -> list[Referral]:
    """Every referral of the family, newest first, with service, provider, receiver, person
    and sender joined: one query whatever their number, compiled once (`CompiledQuery`)."""
    return _FAMILY_REFERRALS.run(family=family.pk)


def family_referrals_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of `family_referrals`."""
    return _FAMILY_REFERRALS.reads(family=family.pk)


_FAMILY_REFERRALS = CompiledQuery(
    lambda: (
        Referral.objects.filter(family_id=Slot("family"))
        .select_related("service__organization", "receiving_organisation", "person", "sent_by")
        .order_by("-sent_at", "-id")
    )
)


INBOX_FILTERS = {
    "open": OPEN_STATUSES,
    "wacht": AWAITING_RESPONSE,
    **{status.value: (status.value,) for status in ReferralStatus},
    "alle": tuple(ReferralStatus.values),
}


def incoming_referrals(
    user, coalition: Coalition | None, *, organisation_ids: set[int], status: str = "open"
) -> QuerySet[Referral]:
    """Referrals to the user's organisations in `coalition`, oldest answer date first; joined
    for the inbox's columns (one query per page, one to count). No family data: the inbox
    shows the referral's number, service, urgency and dates, never the person."""
    if coalition is None or not organisation_ids:
        return Referral.objects.none()
    statuses = INBOX_FILTERS.get(status, OPEN_STATUSES)
    return (
        Referral.objects.filter(
            coalition=coalition,
            receiving_organisation_id__in=organisation_ids,
            status__in=statuses,
        )
        .select_related("service", "receiving_organisation", "sent_by")
        .order_by("respond_by", "sent_at", "id")
    )


def referral_events(referral: Referral) -> list[ReferralEvent]:
    return list(referral.events.select_related("actor").order_by("at", "id"))


def overdue_referrals(coalition: Coalition, today: date | None = None) -> QuerySet[Referral]:
    """Referrals of the coalition still waiting for an answer after their respond-by date."""
    today = today or timezone.localdate()
    return Referral.objects.filter(
        coalition=coalition, status__in=AWAITING_RESPONSE, respond_by__lt=today
    )


def is_overdue(referral: Referral, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return referral.status in AWAITING_RESPONSE and referral.respond_by < today


def organisation_has_referrals(organisation_ids: set[int], coalition_id: int) -> bool:
    """Whether one of these organisations can receive referrals in the coalition: it is linked
    to a provider of the map, or has received one. One query."""
    if not organisation_ids:
        return False
    return (
        Organization.objects.filter(
            coalition_id=coalition_id, organisation_id__in=organisation_ids
        ).exists()
        or Referral.objects.filter(
            coalition_id=coalition_id, receiving_organisation_id__in=organisation_ids
        ).exists()
    )


# --- The overview per service and period (aggregates only) ---------------------------------------


@dataclass
class ServiceFigures:
    service_id: object
    name: str
    provider: str
    sent: int
    accepted: int
    started: int
    completed: int
    answered: int
    median_days: float | None

    @staticmethod
    def shown(count: int) -> str:
        return "<10" if count < SUPPRESS_BELOW else str(count)

    @property
    def sent_shown(self) -> str:
        return self.shown(self.sent)

    @property
    def accepted_shown(self) -> str:
        return self.shown(self.accepted)

    @property
    def started_shown(self) -> str:
        return self.shown(self.started)

    @property
    def completed_shown(self) -> str:
        return self.shown(self.completed)

    @property
    def median_shown(self) -> str | None:
        """The median response time, only when at least 10 referrals were answered."""
        if self.answered < SUPPRESS_BELOW or self.median_days is None:
            return None
        return f"{self.median_days:.1f}".replace(".", ",")


OVERVIEW_SORTS = {"naam": "name", "verstuurd": "sent"}


def referral_overview(
    coalition: Coalition, *, start: date, end: date, sort: str = "naam"
) -> list[ServiceFigures]:
    """Per service of the coalition, the referrals sent from `start` to `end` (inclusive):
    how many were sent, accepted, started and completed, and the median days from sending to
    the first answer (accept or decline). Two queries, whatever the number of referrals: the
    counts per service, and the answer times of the answered ones (the median is computed
    here, the same on SQLite and PostgreSQL)."""
    reached = ReferralEvent.objects.filter(referral=OuterRef("pk"))
    referrals = Referral.objects.filter(
        coalition=coalition, sent_at__date__gte=start, sent_at__date__lte=end
    ).annotate(
        was_accepted=Exists(reached.filter(to_status=ReferralStatus.ACCEPTED)),
        was_started=Exists(reached.filter(to_status=ReferralStatus.STARTED)),
    )
    rows = (
        referrals.values("service_id", "service__name", "service__organization__name")
        .annotate(
            sent=Count("id"),
            accepted=Count("id", filter=Q(was_accepted=True)),
            started=Count("id", filter=Q(was_started=True)),
            completed=Count("id", filter=Q(status=ReferralStatus.COMPLETED)),
        )
        .order_by()
    )
    answer_days: dict[object, list[float]] = {}
    for service_id, sent_at, responded_at in referrals.filter(
        responded_at__isnull=False
    ).values_list("service_id", "sent_at", "responded_at"):
        days = (responded_at - sent_at).total_seconds() / 86400
        answer_days.setdefault(service_id, []).append(max(days, 0.0))
    figures = []
    for row in rows:
        times = answer_days.get(row["service_id"], [])
        figures.append(
            ServiceFigures(
                service_id=row["service_id"],
                name=row["service__name"],
                provider=row["service__organization__name"],
                sent=row["sent"],
                accepted=row["accepted"],
                started=row["started"],
                completed=row["completed"],
                answered=len(times),
                median_days=median(times) if times else None,
            )
        )
    if OVERVIEW_SORTS.get(sort) == "sent":
        # Suppressed counts sort as one group, so their order does not reveal them.
        figures.sort(
            key=lambda f: (-(f.sent if f.sent >= SUPPRESS_BELOW else 0), f.name.casefold())
        )
    else:
        figures.sort(key=lambda f: (f.name.casefold(), str(f.service_id)))
    return figures
