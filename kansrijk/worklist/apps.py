from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklistConfig(AppConfig):
    name = "kansrijk.worklist"
    label = "worklist"
    verbose_name = _("Werkvoorraad")

    def ready(self) -> None:
        from kansrijk.core.navigation import register_area, register_manage_page
        from kansrijk.organisations.models import Role

        from . import (
            demo,  # noqa: F401  (registers the worklist step of seed_demo)
            mdo_panel,
        )
        from .views import may_use_tasks, may_use_worklist

        # The family's open chain signals beside an agenda item in the MDO (issue 8).
        mdo_panel.register()

        # The menu reverses every area's URL: offer these only where the project routes them.
        register_area(
            label=_("Werkvoorraad"),
            url_name="worklist:queue",
            order=40,
            visible=may_use_worklist,
        )
        register_area(
            label=_("Mijn taken"),
            url_name="worklist:my_tasks",
            order=41,
            visible=may_use_tasks,
        )
        register_manage_page(
            label=_("Ketensignalen"),
            description=_(
                "Na hoeveel dagen de werkvoorraad meldt dat een gezin tussen wal en schip "
                "dreigt te vallen, en welke signalen aan staan."
            ),
            url_name="worklist:signal_settings",
            order=50,
            visible=lambda request: request.active.has_role(Role.COORDINATOR),
        )
