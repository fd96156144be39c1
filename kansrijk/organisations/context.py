"""The active coalition of a request: which tenant a professional is working in now.

A professional with memberships in several coalitions picks one in the header; the choice is
kept in the session. Everything a page shows or changes is scoped to that coalition.
"""

from dataclasses import dataclass, field

from .models import Coalition, Membership
from .selectors import memberships_of

SESSION_KEY = "active_coalition_id"


@dataclass
class ActiveCoalition:
    coalition: Coalition | None
    memberships: list[Membership] = field(default_factory=list)
    coalitions: list[Coalition] = field(default_factory=list)

    @property
    def roles(self) -> set[str]:
        return {role for membership in self.memberships for role in membership.roles}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def primary(self) -> Membership | None:
        return self.memberships[0] if self.memberships else None


def resolve_active_coalition(request) -> ActiveCoalition:
    user = request.user
    if not user.is_authenticated:
        return ActiveCoalition(coalition=None)
    memberships = memberships_of(user)
    coalitions: dict[int, Coalition] = {}
    for membership in memberships:
        coalitions.setdefault(membership.coalition_id, membership.coalition)
    chosen = request.session.get(SESSION_KEY)
    if chosen not in coalitions:
        chosen = next(iter(coalitions), None)
        if chosen is not None:
            request.session[SESSION_KEY] = chosen
    return ActiveCoalition(
        coalition=coalitions.get(chosen),
        memberships=[m for m in memberships if m.coalition_id == chosen],
        coalitions=list(coalitions.values()),
    )
