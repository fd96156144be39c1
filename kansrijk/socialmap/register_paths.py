"""Registrations of the social map's paths part (see registry.py): the "Zorgpaden" page
under Beheer for coordinators, and "Passend aanbod" on the family file, after the plan."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_manage_page
    from kansrijk.families.sections import FileSection, register_file_section

    from .views_paths import may_edit_paths, paths_file_section

    register_manage_page(
        label=_("Zorgpaden"),
        description=_(
            "Per behoefte en route de aanbevolen stappen en het aanbod, met alternatieven per "
            "gemeente."
        ),
        url_name="socialmap:path_list",
        order=50,
        visible=may_edit_paths,
    )
    # After the plan (20), before the MDO (30): what fits the plan's concerns.
    register_file_section(
        FileSection(
            code="socialmap_paths",
            template="socialmap/_file_section_paths.html",
            context=paths_file_section,
            order=25,
        )
    )
