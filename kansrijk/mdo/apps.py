from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MdoConfig(AppConfig):
    name = "kansrijk.mdo"
    label = "mdo"
    verbose_name = _("MDO")

    def ready(self) -> None:
        from .grounds import register_mdo_participant_ground

        register_mdo_participant_ground()
