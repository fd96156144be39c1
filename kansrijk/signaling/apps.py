from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SignalingConfig(AppConfig):
    name = "kansrijk.signaling"
    label = "signaling"
    verbose_name = _("Signalering")

    def ready(self) -> None:
        from kansrijk.core.navigation import register_area, register_manage_page
        from kansrijk.families.sections import FileSection, register_file_section
        from kansrijk.organisations.models import Role

        from . import demo  # noqa: F401  (registers the signaling step of seed_demo)
        from .instruments.checks import check_instruments
        from .sections import signaling_section
        from .synthetic import register as register_synthetic
        from .timeline import register_kinds
        from .views import may_see_overview

        register_kinds()
        register_synthetic()

        # The needs the latest assessment's domains show, for the social map (issue 9).
        from kansrijk.care.needs import register_need_source, register_route_subquery

        from .needs import assessment_needs_reads, current_route_subquery

        register_need_source("signaling_assessment", assessment_needs_reads)
        register_route_subquery(current_route_subquery)
        checks.register(check_instruments)
        register_file_section(
            FileSection(
                code="signaling",
                template="signaling/_file_section.html",
                context=signaling_section,
                order=10,
            )
        )
        register_area(
            label=_("Signalering"),
            url_name="signaling:overview",
            order=30,
            visible=may_see_overview,
        )

        def coordinator(request) -> bool:
            return request.active.has_role(Role.COORDINATOR)

        register_manage_page(
            label=_("Signaleringsinstrumenten"),
            description=_("Welke instrumenten de professionals van deze coalitie gebruiken."),
            url_name="signaling:instruments",
            order=40,
            visible=coordinator,
        )
        register_manage_page(
            label=_("Routestappen"),
            description=_(
                "Welke taken een gekozen route 2 of 3 aanmaakt, voor wie en binnen welke termijn."
            ),
            url_name="signaling:route_steps",
            order=41,
            visible=coordinator,
        )
