from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialmapConfig(AppConfig):
    name = "kansrijk.socialmap"
    label = "socialmap"
    verbose_name = _("Sociale kaart")

    def ready(self) -> None:
        from . import registry

        registry.register_all()
