from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules with a `register()` function: menu entries, the report section, the demo step.
PARTS = (
    "kansrijk.landscape.register_klantroute",
    "kansrijk.landscape.register_landscape",
)


class LandscapeConfig(AppConfig):
    """The coalition's klantroute (what exists per phase and need, and where the gaps are)
    and the regional landscape (partnerships, municipalities compared)."""

    name = "kansrijk.landscape"
    label = "landscape"
    verbose_name = _("Klantroute en regio")

    def ready(self) -> None:
        for name in PARTS:
            import_module(name).register()
