from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules with a `register()` function: the menu entries, the cache's signals, the demo step.
PARTS = (
    "kansrijk.monitoring.register_dashboard",
    "kansrijk.monitoring.register_federation",
    "kansrijk.monitoring.register_cache",
    "kansrijk.monitoring.register_demo",
)


class MonitoringConfig(AppConfig):
    name = "kansrijk.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from .indicators import load_all

        load_all()
        for name in PARTS:
            import_module(name).register()
