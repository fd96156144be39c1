"""The vocabulary of signaling: vulnerability levels and the three routes.

The Basisstructuur Kansrijke Start (seeds 001) maps the outcome of signaling to a route:
route 1 for self-reliant families, route 2 for potentially vulnerable ones (a JGZ prenatal
home visit and a case director), route 3 for vulnerable ones (the MDO). "Urgent" is route 3
with priority. Levels are ordered: a higher rank is more risk.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NONE = "none", _("Geen kwetsbaarheid")
    POTENTIALLY_VULNERABLE = "potentially_vulnerable", _("Potentieel kwetsbaar")
    VULNERABLE = "vulnerable", _("Kwetsbaar")
    URGENT = "urgent", _("Urgent")

    @property
    def rank(self) -> int:
        return LEVEL_ORDER.index(self)

    @classmethod
    def highest(cls, *levels: "Level | str") -> "Level":
        """The level with the most risk of `levels` (NONE when there are none)."""
        found = [cls(level) for level in levels]
        return max(found, key=lambda level: level.rank, default=cls.NONE)


LEVEL_ORDER = [Level.NONE, Level.POTENTIALLY_VULNERABLE, Level.VULNERABLE, Level.URGENT]


class Route(models.IntegerChoices):
    SELF_RELIANT = 1, _("Route 1 — zelfredzaam")
    POTENTIALLY_VULNERABLE = 2, _("Route 2 — potentieel kwetsbaar")
    VULNERABLE = 3, _("Route 3 — kwetsbaar")


def proposed_route(level: Level | str) -> tuple[Route, bool]:
    """The route the level proposes, and whether it has priority (urgent)."""
    level = Level(level)
    if level == Level.NONE:
        return Route.SELF_RELIANT, False
    if level == Level.POTENTIALLY_VULNERABLE:
        return Route.POTENTIALLY_VULNERABLE, False
    return Route.VULNERABLE, level == Level.URGENT
