from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules with a `register()` function: the menu entry and the signals of the webhooks.
PARTS = ("kansrijk.interop.register_webhooks", "kansrijk.interop.register_inzage")


class InteropConfig(AppConfig):
    """Exchange with partners' record systems: the family file and screening as FHIR R4, and
    webhooks that tell partners' systems of handovers and referrals."""

    name = "kansrijk.interop"
    label = "interop"
    verbose_name = _("Uitwisseling")

    def ready(self) -> None:
        for name in PARTS:
            import_module(name).register()
