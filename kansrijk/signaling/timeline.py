"""Signaling's kinds of timeline events (registered from `SignalingConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

ASSESSMENT_RECORDED = "assessment_recorded"
ROUTE_CHOSEN = "route_chosen"
ROUTE_CHANGED = "route_changed"

KINDS = {
    ASSESSMENT_RECORDED: _("Signalering vastgelegd"),
    ROUTE_CHOSEN: _("Route gekozen"),
    ROUTE_CHANGED: _("Route gewijzigd"),
}


def register_kinds() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)
