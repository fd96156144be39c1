"""The "MDO decision" ground of the access policy: the chair records what the MDO decided.

Rules, in plain words:

- The MDO decides who takes the casusregie, which disciplines join the care team, which
  tasks follow and whether the route stands. Its chair or secretary (or a coordinator of
  the series' coalition) records those decisions, and the decision service carries them
  out on the family file: a handover, a task, a route decision. They are usually not on
  the care team, and the "MDO participant" ground is read-only, so this ground lets them
  write, but only inside a *scope* that `kansrijk.mdo.services_decisions` opens for one
  agenda item and one manager while it records one decision. Everywhere else it never
  holds.
- Even inside the scope the database must confirm it: the item is on the agenda (or
  discussed) of a meeting that is published or held, the actor is that meeting's chair or
  secretary or a coordinator of its series' coalition, and the family's consent for named
  MDO discussion is in force. Anonymous items never open the file.
- Rule 2 of the policy applies as to every ground: the actor needs a current membership as
  professional in the family's coalition. A coordinator without one records advice and
  review dates only.
- Every use goes through `get_family_for_user` and is logged (NEN 7513) with this ground
  and the meeting in the ground detail.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.access.policy import Ground, register_ground, registered_grounds

MDO_DECISION = "mdo_decision"

# (professional pk, agenda item pk) while a decision is recorded; None elsewhere.
_scope: ContextVar[tuple[int, int] | None] = ContextVar("mdo_decision_scope", default=None)


@contextmanager
def mdo_decision_scope(user, item_pk: int) -> Iterator[None]:
    """Let the ground hold for `user` and the family of agenda item `item_pk` in this block."""
    token = _scope.set((getattr(user, "pk", None), int(item_pk)))
    try:
        yield
    finally:
        _scope.reset(token)


def is_registered() -> bool:
    return any(ground.code == MDO_DECISION for ground in registered_grounds())


def _scoped_item_pk(user) -> int | None:
    scope = _scope.get()
    if scope is None or scope[0] is None or scope[0] != getattr(user, "pk", None):
        return None
    return scope[1]


def _decidable(user, item_pk: int):
    from kansrijk.families.models import Consent, ConsentPurpose
    from kansrijk.organisations.models import Membership

    from .models import (
        OPEN_ITEM_STATUSES,
        AgendaItem,
        MeetingParticipant,
        MeetingStatus,
        ParticipantRole,
    )

    managing = MeetingParticipant.objects.filter(
        meeting=OuterRef("meeting"),
        professional=user,
        role__in=(ParticipantRole.CHAIR, ParticipantRole.SECRETARY),
    )
    coordinating = Membership.objects.current().filter(
        professional=user, is_coordinator=True, coalition=OuterRef("meeting__series__coalition")
    )
    named = Consent.objects.given().filter(
        family=OuterRef("family"), purpose=ConsentPurpose.MDO_NAMED
    )
    return AgendaItem.objects.filter(
        Q(Exists(managing)) | Q(Exists(coordinating)),
        Exists(named),
        pk=item_pk,
        status__in=OPEN_ITEM_STATUSES,
        meeting__status__in=(MeetingStatus.PUBLISHED, MeetingStatus.HELD),
    )


def _condition(user):
    item_pk = _scoped_item_pk(user)
    if item_pk is None:
        # Always false, without a subquery: outside the scope this ground costs nothing.
        return Q(pk__in=[])
    return Exists(
        _decidable(user, item_pk).filter(family=OuterRef("pk"), coalition=OuterRef("coalition"))
    )


def _family_ids(user, *, now=None, today=None):
    from .models import AgendaItem

    item_pk = _scoped_item_pk(user)
    if item_pk is None:
        return AgendaItem.objects.none().values("family_id")
    return _decidable(user, item_pk).values("family_id")


def _consent(family) -> bool:
    from kansrijk.families.models import ConsentPurpose

    return family.consents.given().filter(purpose=ConsentPurpose.MDO_NAMED).exists()


def _detail(user, family) -> str:
    from .models import AgendaItem

    item_pk = _scoped_item_pk(user)
    item = (
        AgendaItem.objects.filter(pk=item_pk).select_related("meeting__series").first()
        if item_pk
        else None
    )
    if item is None:
        return ""
    return str(
        _("Besluit van %(series)s, overleg van %(date)s")
        % {
            "series": item.meeting.series.name,
            "date": timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y"),
        }
    )[:300]


def register() -> None:
    register_ground(
        Ground(
            code=MDO_DECISION,
            label=_("Besluit van een MDO waar het gezin met naam op de agenda staat"),
            condition=_condition,
            family_ids=_family_ids,
            # Outside its scope the ground gives no family, the same SQL for everyone.
            family_ids_compilable=lambda user: _scoped_item_pk(user) is None,
            # The MDO advises and assigns; the chair does not treat the family.
            treatment_relationship=False,
            consent=_consent,
            detail=_detail,
            order=45,
        )
    )
