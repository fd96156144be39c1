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
    # Family members logged in to the family portal: of the world's family, and of another
    # family of the same coalition. To every professional page they are anonymous.
    "family_member",
    "other_family_member",
]
FAMILY_ACTORS = ["family_member", "other_family_member"]
# Rows leave family members out unless they matter: they are anonymous wherever a row is silent
# (`with_family_defaults`).
PROFESSIONAL_ACTORS = [actor for actor in ACTORS if actor not in FAMILY_ACTORS]
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
    expect = dict.fromkeys(PROFESSIONAL_ACTORS, outcome)
    expect["anonymous"] = anonymous
    expect.update(overrides)
    return expect


def only(allowed: list[str], outcome=200, *, others=403, anonymous=LOGIN) -> dict[str, object]:
    expect = {actor: (outcome if actor in allowed else others) for actor in PROFESSIONAL_ACTORS}
    expect["anonymous"] = anonymous
    expect.update({actor: outcome for actor in FAMILY_ACTORS if actor in allowed})
    return expect


def portal_only(outcome=200, *, other_family=None, anonymous=LOGIN) -> dict[str, object]:
    """A page of the family portal: a family member gets `outcome` (the other family's member
    too, for their own family, unless `other_family` says otherwise); professionals are
    anonymous to the portal."""
    expect = dict.fromkeys(ACTORS, anonymous)
    expect["family_member"] = outcome
    expect["other_family_member"] = outcome if other_family is None else other_family
    return expect


def with_family_defaults(expect: dict[str, object]) -> dict[str, object]:
    """A row's expectations with family members treated as anonymous where it is silent."""
    return {**dict.fromkeys(FAMILY_ACTORS, expect["anonymous"]), **expect}


def family_kwargs(world: World) -> dict:
    return {"pk": world.family.pk}
