"""Reads of casusregie, handovers and chain moments.

A family's case director and handovers are read from a family the access policy gave
(`kansrijk.families.pages`, which logs the NEN 7513 event). The incoming handovers of a
professional show only the family's reference, never family data: the summary is shown on
the handover's own page, inside the receiver's scope (`kansrijk.care.grounds`), and logged.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, read_now
from kansrijk.families.models import CareTeamMember, Family, Pregnancy, PregnancyOutcome
from kansrijk.organisations.models import Coalition, Membership, Professional

from .models import (
    DEFAULT_CHAIN_MOMENTS,
    CaseDirector,
    ChainMoment,
    Handover,
    HandoverStatus,
    Moment,
    TimingAnchor,
)
from .selectors import ask_current_case_directors

# Without a chain moment, a handover should be answered within a week.
DEFAULT_ANSWER_DAYS = 7

HANDOVER_RELATED = (
    "from_professional",
    "from_membership__organisation",
    "to_organisation",
    "to_professional",
    "accepted_by",
    "declined_by",
    "completed_by",
    "cancelled_by",
)


# --- Chain moments ---------------------------------------------------------------------------


def coalition_chain_moments(
    coalition: Coalition | int, *, active_only: bool = True
) -> list[Moment]:
    """The coalition's (or coalition id's) chain moments: its own once it saved one, else
    the defaults."""
    own = list(ChainMoment.objects.filter(coalition=coalition).order_by("order", "id"))
    if not own:
        return list(DEFAULT_CHAIN_MOMENTS)
    moments = [row.as_moment() for row in own]
    return [m for m in moments if m.is_active] if active_only else moments


def chain_moment(coalition: Coalition | int, code: str) -> Moment | None:
    return next((m for m in coalition_chain_moments(coalition) if m.code == code), None)


@dataclass(frozen=True)
class PregnancyDates:
    due_date: date | None = None
    birth_date: date | None = None


def family_pregnancy_dates(family: Family) -> PregnancyDates:
    """The due date and birth date of the pregnancy that decides the family's phase (the
    latest that is running or gave a living child), in one query."""
    row = (
        Pregnancy.objects.filter(
            Q(birth_date__isnull=True, outcome="") | Q(outcome=PregnancyOutcome.LIVE_BIRTH),
            family=family,
        )
        .annotate(key_date=Coalesce("birth_date", "due_date"))
        .order_by("-key_date", "-pk")
        .values("due_date", "birth_date")
        .first()
    )
    return PregnancyDates(**row) if row else PregnancyDates()


def suggested_due_date(
    moment: Moment | None, *, dates: PregnancyDates, today: date | None = None
) -> date:
    """When the receiver should answer, by the moment's timing rule, never before today.

    Anchored on the birth date while the birth is not recorded yet, the due date stands in
    for it; without either date, the receiver gets `DEFAULT_ANSWER_DAYS`.
    """
    today = today or timezone.localdate()
    if moment is None:
        return today + timedelta(days=DEFAULT_ANSWER_DAYS)
    if moment.anchor == TimingAnchor.DUE_DATE:
        anchor = dates.due_date
    elif moment.anchor == TimingAnchor.BIRTH_DATE:
        anchor = dates.birth_date or dates.due_date
    else:
        anchor = today
    if anchor is None:
        # No date to count from: give the receiver the usual week.
        return today + timedelta(days=DEFAULT_ANSWER_DAYS)
    return max(anchor + timedelta(days=moment.offset_days), today)


# --- Casusregie -----------------------------------------------------------------------------


def _with_phone(queryset: QuerySet[CaseDirector]) -> QuerySet[CaseDirector]:
    """The director's direct phone number as a care-team member of the family (or of their
    membership), and whether they are still on the care team: in the same query."""
    member = CareTeamMember.objects.current().filter(
        family=OuterRef("family"), professional=OuterRef("professional")
    )
    return queryset.annotate(
        team_phone=Subquery(member.order_by("start_date", "pk").values("phone")[:1]),
        on_care_team=Exists(member),
    )


def current_case_director(
    family: Family, *, care_team: list[CareTeamMember] | None = None, request=None
) -> CaseDirector | None:
    """The family's case director now (None: visibly nobody), with organisation and phone.

    `care_team`, the family's current care team ordered by start (as the file page has
    prefetched it), gives the director's phone number and whether they are still on the
    team without the subqueries of `_with_phone`: one plain query, shared through `request`
    with the file's other sections that ask who holds the casusregie
    (`selectors.current_case_directors`).
    """
    if care_team is None:
        directors = _with_phone(CaseDirector.objects.current().filter(family=family))
        return directors.select_related("professional", "membership__organisation").first()
    return read_now(current_case_director_reads(family, care_team=care_team, request=request))


def current_case_director_reads(
    family: Family, *, care_team: list[CareTeamMember], request=None
) -> Reader:
    """A reader (`kansrijk.core.together`) of `current_case_director` with `care_team`."""
    recorded = ask_current_case_directors(family, request=request)
    yield
    director = recorded.first()
    if director is not None:
        mine = [m for m in care_team if m.professional_id == director.professional_id]
        director.team_phone = mine[0].phone if mine else None
        director.on_care_team = bool(mine)
    return director


def is_case_director(user, family: Family, *, request=None) -> bool:
    """Whether `user` holds the recorded casusregie of `family` now (one query; none more
    when the page's `request` already read it)."""
    if not getattr(user, "pk", None):
        return False
    if request is not None:
        return read_now(is_case_director_reads(user, family, request=request))
    return CaseDirector.objects.current().filter(family=family, professional=user).exists()


def is_case_director_reads(user, family: Family, *, request) -> Reader:
    """A reader (`kansrijk.core.together`) of `is_case_director` on a page: the casusregie
    is asked with the other reads of its step (once per request: `current_case_directors`)."""
    recorded = ask_current_case_directors(family, request=request)
    yield
    return any(director.professional_id == user.pk for director in recorded.rows())


def case_director_history(family: Family) -> list[CaseDirector]:
    """Every period of casusregie, newest first, with how it started."""
    return list(
        CaseDirector.objects.filter(family=family)
        .select_related("professional", "membership__organisation", "set_by", "via_handover")
        .order_by("-started_at", "-id")
    )


def current_care_team_members(family: Family) -> list[CareTeamMember]:
    return list(
        CareTeamMember.objects.current()
        .filter(family=family)
        .select_related("professional", "membership__organisation")
        .order_by("start_date", "id")
    )


def care_team_member_of(family: Family, professional) -> CareTeamMember | None:
    if not getattr(professional, "pk", None):
        return None
    return (
        CareTeamMember.objects.current()
        .filter(family=family, professional=professional)
        .select_related("membership__organisation")
        .order_by("start_date", "pk")
        .first()
    )


# --- Handovers ------------------------------------------------------------------------------


def family_handovers(family: Family) -> list[Handover]:
    """Every handover of the family, newest first, with everyone involved joined (one query
    whatever their number)."""
    return list(
        Handover.objects.filter(family=family)
        .select_related(*HANDOVER_RELATED)
        .order_by("-proposed_at", "-id")
    )


def open_handovers_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of the family's running handovers by due date
    (for the section on the family file): one query, compiled once (`CompiledQuery`)."""
    return _OPEN_HANDOVERS.reads(family=family.pk)


_OPEN_HANDOVERS = CompiledQuery(
    lambda: (
        Handover.objects.open()
        .filter(family_id=Slot("family"))
        .select_related("to_organisation", "to_professional")
        .order_by("due_date", "id")
    )
)


def _works_for_receiving_organisation(user) -> Exists:
    return Exists(
        Membership.objects.current().filter(
            professional=user,
            is_professional=True,
            organisation=OuterRef("to_organisation"),
            coalition=OuterRef("coalition"),
        )
    )


def receivable_handovers(user) -> QuerySet[Handover]:
    """Handovers `user` may answer, in any status: addressed to them by name, or to an
    organisation they work for as professional in the handover's coalition (when no one is
    named). A handover to a named professional is theirs alone."""
    if not getattr(user, "pk", None) or not user.is_active:
        return Handover.objects.none()
    return Handover.objects.filter(
        Q(to_professional=user)
        | (Q(to_professional__isnull=True) & Q(_works_for_receiving_organisation(user)))
    )


def may_receive(user, handover: Handover) -> bool:
    """Whether `user` is a receiver of `handover` (the same rule as `receivable_handovers`)."""
    if not getattr(user, "pk", None):
        return False
    if handover.to_professional_id is not None:
        return handover.to_professional_id == user.pk
    return receivable_handovers(user).filter(pk=handover.pk).exists()


def incoming_handovers(user: Professional, coalition: Coalition | None) -> list[Handover]:
    """The proposed handovers waiting for `user`'s answer in `coalition`, by due date, with
    the family's reference and the sender (one query)."""
    if coalition is None:
        return []
    return list(
        receivable_handovers(user)
        .proposed()
        .filter(coalition=coalition)
        .select_related(
            "family",
            "from_professional",
            "from_membership__organisation",
            "to_organisation",
            "to_professional",
        )
        .order_by("due_date", "id")
    )


def sent_handovers(user: Professional, coalition: Coalition | None) -> list[Handover]:
    """The running handovers `user` proposed in `coalition`, so the sender sees the status
    (one query)."""
    if coalition is None:
        return []
    return list(
        Handover.objects.open()
        .filter(from_professional=user, coalition=coalition)
        .select_related("family", "to_organisation", "to_professional", "accepted_by")
        .order_by("due_date", "id")
    )


def handovers_overdue(coalition: Coalition, today: date | None = None) -> QuerySet[Handover]:
    """Proposed handovers of the coalition not accepted in time (due date before `today`):
    each is a chain signal for the worklist. Answered, completed or cancelled ones never
    are, nor one that is due today."""
    return (
        Handover.objects.overdue(today or timezone.localdate())
        .filter(coalition=coalition)
        .select_related("family", "from_professional", "to_organisation", "to_professional")
        .order_by("due_date", "id")
    )


def status_counts(handovers: list[Handover]) -> dict[str, int]:
    counts = dict.fromkeys(HandoverStatus.values, 0)
    for handover in handovers:
        counts[handover.status] += 1
    return counts
