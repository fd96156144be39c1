from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "kansrijk.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from .navigation import register_area

        register_area(label=_("Start"), url_name="core:home", order=0)
        # Faults (issue 13): retries of failed background tasks, and the page that lists
        # what failed for good.
        from . import tasks_retry
        from .navigation import register_manage_page
        from .views_operations import may_see_operations

        tasks_retry.connect()
        # A database outage answers 503 (the receiver of `got_request_exception`).
        from . import outage  # noqa: F401

        register_manage_page(
            label=_("Taken en e-mails"),
            description=_(
                "Taken op de achtergrond en e-mails die ook na herhaalde pogingen niet lukten, "
                "met de fout; opnieuw proberen."
            ),
            url_name="core:operations",
            order=90,
            visible=may_see_operations,
        )


class KansrijkStaticFilesConfig(StaticFilesConfig):
    """Collect only what the browser needs from the front-end packages.

    The Utrecht token package also ships an icon stylesheet that points at images it does not
    contain, and source formats (SCSS, Less, JSON) that no page loads.
    """

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "background-image-icon.css",
        "prince-xml.css",
        "theme-prince-xml.css",
        "*.scss",
        "*.less",
        "*.json",
        "*.d.ts",
        "*.cjs",
        "*.mjs",
    ]
