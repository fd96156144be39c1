"""The MDO's kinds of timeline events. `register()` is called from `MdoConfig.ready`; the
decision service also calls it (registration is an idempotent dict write) so that the
labels are there whichever code path runs first.

An event holds what the care team needs to know (the MDO, the kind of decision and its
text); the family's timeline is read by the care team only.
"""

from django.utils.translation import gettext_lazy as _

MDO_DISCUSSED = "mdo_discussed"
MDO_DECISION = "mdo_decision"

KINDS = {
    MDO_DISCUSSED: _("Besproken in het MDO"),
    MDO_DECISION: _("Besluit van het MDO"),
}


def register() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)
