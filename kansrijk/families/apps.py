from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "kansrijk.families"
    label = "families"
    verbose_name = _("Gezinnen")

    def ready(self) -> None:
        # The care team is the first ground of the access policy; `access` must not import
        # `families`, so the ground is registered from here (DESIGN.md section 2).
        from .grounds import register_care_team_ground

        register_care_team_ground()

        from kansrijk.core.navigation import register_area

        from . import demo  # noqa: F401  (registers the families step of seed_demo)
        from .views import may_use_families

        register_area(
            label=_("Gezinnen"), url_name="families:list", order=10, visible=may_use_families
        )
