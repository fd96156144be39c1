from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kansrijk.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self) -> None:
        from kansrijk.core.navigation import register_area

        from .views import may_manage

        register_area(
            label=_("Beheer"), url_name="organisations:manage", order=90, visible=may_manage
        )
        # The coalition settings page on the Beheer overview.
        from .register_settings import register as register_settings

        register_settings()
