"""Registrations of financing's family part (see registry.py): "Financiering" on the family
file, after the suggestions of the care paths (25) and before the MDO (30)."""


def register() -> None:
    from kansrijk.families.sections import FileSection, register_file_section

    from .views_family import financing_file_section

    register_file_section(
        FileSection(
            code="financing_family",
            template="financing/_file_section_family.html",
            context=financing_file_section,
            order=27,
        )
    )
