from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "kansrijk.access"
    label = "access"
    verbose_name = _("Toegang")

    def ready(self) -> None:
        from .policy import BREAK_THE_GLASS, register_ground

        # `access` owns the break-the-glass ground; other apps register theirs in turn.
        register_ground(BREAK_THE_GLASS)
