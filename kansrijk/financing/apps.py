from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    name = "kansrijk.financing"
    label = "financing"
    verbose_name = _("Financiering")

    def ready(self) -> None:
        from . import registry

        registry.register_all()
