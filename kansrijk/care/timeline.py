"""The care app's kinds of timeline events (registered from `CareConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

TASK_CREATED = "task_created"
TASK_COMPLETED = "task_completed"

KINDS = {
    TASK_CREATED: _("Taak aangemaakt"),
    TASK_COMPLETED: _("Taak afgerond"),
}


def register_kinds() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)
