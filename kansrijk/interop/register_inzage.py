"""Registrations of inzage: the link on the family file (case director only)."""


def register() -> None:
    from kansrijk.families.sections import FileSection, register_file_section

    from .views_inzage import inzage_file_section

    register_file_section(
        FileSection(
            code="interop_inzage",
            template="interop/inzage/_file_section.html",
            context=inzage_file_section,
            order=90,
        )
    )
    from django.utils.translation import gettext_lazy as _

    from kansrijk.core.navigation import register_manage_page

    from .views_inzage import may_confirm_erasure

    register_manage_page(
        label=_("Verzoeken tot wissen"),
        description=_(
            "Verzoeken van casusregisseurs om de persoonsgegevens van een gezin te wissen: "
            "bevestigen of afwijzen."
        ),
        url_name="interop:erasure_list",
        order=75,
        visible=may_confirm_erasure,
    )
