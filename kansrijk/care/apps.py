from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "kansrijk.care"
    label = "care"
    verbose_name = _("Zorg en regie")

    def ready(self) -> None:
        from .timeline import register_kinds

        register_kinds()
