"""The needs a family can have (kansrijk's need taxonomy) and where a family's needs come from.

The social map describes services by the needs they answer, and care paths start from a need.
Which needs a family has is known in more than one app: the plan's concerns (`care`) and the
domains of a finished assessment (`signaling`). Those apps register a *need source* here, a
function `source(family)` that returns a reader (`kansrijk.core.together`) of
{need code: list of reasons}; the social map (above both) asks `family_needs(family)` and never
imports `signaling` (DESIGN.md section 2).
"""

from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.together import Reader, read_now, side_by_side


class Need(models.TextChoices):
    FINANCES = "finances", _("Geld en schulden")
    HOUSING = "housing", _("Wonen")
    MENTAL_HEALTH = "mental_health", _("Psychische gezondheid")
    SUBSTANCE_USE = "substance_use", _("Middelengebruik")
    SAFETY = "safety", _("Geweld en veiligheid")
    SOCIAL_NETWORK = "social_network", _("Sociaal netwerk")
    LANGUAGE = "language", _("Taal en gezondheidsvaardigheden")
    PARENTING = "parenting", _("Opvoeding en hechting")
    CONTRACEPTION = "contraception", _("Anticonceptie en kinderwens")
    MEDICAL = "medical", _("Medisch")


NeedSource = Callable[[object], Reader]
_sources: dict[str, NeedSource] = {}


def register_need_source(code: str, source: NeedSource) -> None:
    """Add (or replace, on a reload) a source; called from `AppConfig.ready`."""
    _sources[code] = source


def family_needs(family) -> dict[str, list[str]]:
    """{need code: reasons} from every registered source, in the order of `Need`."""
    return read_now(family_needs_reads(family))


def family_needs_reads(family) -> Reader:
    """A reader of `family_needs`: the sources' queries in one round trip."""
    found: dict[str, list[str]] = {}
    by_source = yield from side_by_side(_sources[code](family) for code in sorted(_sources))
    for needs in by_source:
        for need, reasons in needs.items():
            found.setdefault(need, []).extend(reasons)
    return {need: found[need] for need in Need.values if need in found}


# The family's current route (1, 2 or 3) is `signaling`'s; it registers a function that
# returns a one-column subquery of the route for a family's pk, so that a reader above both
# can filter on it inside its own query (no extra query, no import of `signaling`).
RouteSubquery = Callable[[object], object]
_route_subquery: list[RouteSubquery] = []


def register_route_subquery(subquery: RouteSubquery) -> None:
    """Set (or replace, on a reload) the one source of the family's current route."""
    _route_subquery[:] = [subquery]


def family_route_subquery(family_pk):
    """A subquery of the family's current route (NULL without one), or None when no app
    registered one."""
    return _route_subquery[0](family_pk) if _route_subquery else None
