from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "kansrijk.care"
    label = "care"
    verbose_name = _("Zorg en regie")

    def ready(self) -> None:
        from . import demo  # noqa: F401  (registers the care step of seed_demo)
        from .synthetic import register as register_synthetic
        from .timeline import register_kinds

        register_kinds()
        register_synthetic()

        # The needs the plan's open concerns speak of, for the social map (issue 9).
        from .needs import register_need_source
        from .needs_concerns import concern_needs_reads

        register_need_source("care_concerns", concern_needs_reads)

        # One family, one plan (issue 7): the plan at the top of the family file.
        from kansrijk.families.sections import FileSection, register_file_section

        from .views_plan import plan_file_section

        register_file_section(
            FileSection(
                code="care_plan",
                template="care/_file_section.html",
                context=plan_file_section,
                order=20,
            )
        )

        # Casusregie and warm handovers (issue 7): the receiver's ground, the case director
        # and running handovers at the top of the family file, the menu and a Beheer page.
        from kansrijk.core.navigation import register_area, register_manage_page
        from kansrijk.organisations.models import Role

        from .grounds import register_handover_receiver_ground
        from .views_handovers import handover_file_section, may_use_handovers

        register_handover_receiver_ground()
        register_file_section(
            FileSection(
                code="care_handovers",
                template="care/handovers/_file_section.html",
                context=handover_file_section,
                order=5,
            )
        )
        register_area(
            label=_("Overdrachten"),
            url_name="care:handovers_incoming",
            order=25,
            visible=may_use_handovers,
        )

        def coordinator(request) -> bool:
            return request.active.has_role(Role.COORDINATOR)

        register_manage_page(
            label=_("Ketenmomenten"),
            description=_("De vaste momenten van warme overdracht in de keten, met hun termijnen."),
            url_name="care:chain_moments",
            order=45,
            visible=coordinator,
        )
