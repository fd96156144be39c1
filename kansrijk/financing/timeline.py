"""Financing's kinds of timeline events (registered from `register_kraamzorg.register`).

The summary of an event is plain text the whole care team reads on the timeline: hours and
amounts, never the reason for extra hours (that stays on the calculation and its task).
"""

from django.utils.translation import gettext_lazy as _

KRAAMZORG_CALCULATED = "kraamzorg_calculated"

KINDS = {
    KRAAMZORG_CALCULATED: _("Kraamzorg berekend"),
}


def register_kinds() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)
