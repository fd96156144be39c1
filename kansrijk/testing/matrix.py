"""The authorization matrix's vocabulary, shared by the matrix test and the row modules
that apps keep beside their own URLs (`EXTRA_ROW_MODULES` in
kansrijk/tests/test_authorization_matrix.py).

A row says, for one named URL, what each actor gets: a status code, or LOGIN for "sent to the
login page". Its kwargs are computed from the `World`: the shared cast
(kansrijk/testing/actors.py), one family of the first coalition with the case director and
the care-team member on its care team, and the actors by name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from kansrijk.families.models import Family
from kansrijk.testing.actors import Cast

LOGIN = "login"
ACTORS = [
    "anonymous",
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
    "break_the_glass",
    "break_the_glass_expired",
]
CARE_TEAM = ["case_director", "care_team_member"]
PROFESSIONALS = ["case_director", "care_team_member", "outsider", "other_coalition_professional"]


@dataclass
class World:
    cast: Cast
    family: Family
    actors: dict


@dataclass
class Row:
    expect: dict[str, object]
    method: str = "get"
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)


def family_only(allowed=(*CARE_TEAM, "break_the_glass"), outcome=200) -> dict[str, object]:
    """A page of one family: those with a ground get `outcome`, everyone else "not found"."""
    return only(list(allowed), outcome, others=404)


def everyone(outcome, *, anonymous=LOGIN, **overrides) -> dict[str, object]:
    expect = dict.fromkeys(ACTORS, outcome)
    expect["anonymous"] = anonymous
    expect.update(overrides)
    return expect


def only(allowed: list[str], outcome=200, *, others=403, anonymous=LOGIN) -> dict[str, object]:
    expect = {actor: (outcome if actor in allowed else others) for actor in ACTORS}
    expect["anonymous"] = anonymous
    return expect


def family_kwargs(world: World) -> dict:
    return {"pk": world.family.pk}
