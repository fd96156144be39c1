"""The "receiver of an open handover" ground of the access policy, registered by `care`.

Rules, in plain words:

- A professional to whom a handover is addressed (by name, or through an organisation they
  work for as professional in the family's coalition) is usually not on the family's care
  team yet, so the policy would not let them read the handover or answer it.
- This ground lets them, but only inside a *scope* that the care app opens for one handover
  and one professional: the receiver's handover page (its summary and the family reference)
  and the accept and decline services, and their API twins (the handover's detail, accept
  and decline endpoints). Everywhere else (the family file, its timeline, the family list,
  the rest of the API) the ground never holds, so the receiver sees nothing more of the
  family until they accept and join the care team.
- Even inside the scope the database must still confirm it: the handover is proposed (not
  yet answered), belongs to that family and is addressed to this professional. Rule 2 of
  the policy (a current professional membership in the family's coalition) applies as to
  every ground.
- Every use goes through `get_family_for_user`, so it is logged like every other access
  (NEN 7513), with this ground and the handover in the event's ground detail.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kansrijk.access.policy import Ground, register_ground
from kansrijk.families.grounds import care_team_consent_condition

HANDOVER_RECEIVER = "handover_receiver"

# (professional pk, handover pk) while a receiver's page or service runs; None elsewhere.
_scope: ContextVar[tuple[int, int] | None] = ContextVar("handover_receiver_scope", default=None)


@contextmanager
def handover_receiver_scope(user, handover_pk: int) -> Iterator[None]:
    """Let the ground hold for `user` and the family of handover `handover_pk` in this block."""
    token = _scope.set((getattr(user, "pk", None), int(handover_pk)))
    try:
        yield
    finally:
        _scope.reset(token)


def _scoped_handover_pk(user) -> int | None:
    scope = _scope.get()
    if scope is None or scope[0] is None or scope[0] != getattr(user, "pk", None):
        return None
    return scope[1]


def _receivable(user, handover_pk: int):
    from .selectors_handovers import receivable_handovers

    return receivable_handovers(user).proposed().filter(pk=handover_pk)


def _condition(user):
    handover_pk = _scoped_handover_pk(user)
    if handover_pk is None:
        # Always false, without a subquery: outside the scope this ground costs nothing.
        return Q(pk__in=[])
    return Exists(
        _receivable(user, handover_pk).filter(
            family=OuterRef("pk"), coalition=OuterRef("coalition")
        )
    )


def _family_ids(user, *, now=None, today=None):
    from .models import Handover

    handover_pk = _scoped_handover_pk(user)
    if handover_pk is None:
        return Handover.objects.none().values("family_id")
    return _receivable(user, handover_pk).values("family_id")


def _care_team_consent(family) -> bool:
    from kansrijk.families.models import ConsentPurpose

    return family.consents.given().filter(purpose=ConsentPurpose.CARE_TEAM).exists()


def _detail(user, family) -> str:
    handover_pk = _scoped_handover_pk(user)
    return str(_("Ontvanger van overdracht %(pk)s") % {"pk": handover_pk}) if handover_pk else ""


def register_handover_receiver_ground() -> None:
    register_ground(
        Ground(
            code=HANDOVER_RECEIVER,
            label=_("Ontvanger van een open overdracht"),
            condition=_condition,
            family_ids=_family_ids,
            # Outside its scope the ground gives no family, the same SQL for everyone.
            family_ids_compilable=lambda user: _scoped_handover_pk(user) is None,
            # Not yet: the receiver decides whether to take part in the care.
            treatment_relationship=False,
            consent=_care_team_consent,
            consent_condition=care_team_consent_condition,
            detail=_detail,
            order=60,
        )
    )
