from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MdoConfig(AppConfig):
    name = "kansrijk.mdo"
    label = "mdo"
    verbose_name = _("MDO")

    def ready(self) -> None:
        from . import (
            decision_ground,
            demo,  # noqa: F401  (registers the MDO step of seed_demo)
            timeline,
        )
        from .grounds import register_mdo_participant_ground
        from .synthetic import register as register_synthetic

        # Participants read named items' files (read-only); the chair records decisions
        # that act on a file only inside one decision's scope.
        register_mdo_participant_ground()
        decision_ground.register()
        timeline.register()
        register_synthetic()

        # Series, meetings and the agenda (issue 8): the menu, and the family's MDO items
        # with "Aanmelden voor het MDO" on its file.
        from kansrijk.core.navigation import register_area
        from kansrijk.families.sections import FileSection, register_file_section

        from .views_agenda import file_section, may_use_mdo

        register_area(label=_("MDO"), url_name="mdo:home", order=35, visible=may_use_mdo)
        register_file_section(
            FileSection(
                code="mdo",
                template="mdo/_file_section.html",
                context=file_section,
                order=30,
            )
        )
