"""Registrations of the portal on the family file: "Mijn gezin" (who of the family uses it),
with the way to the invitations for the case director."""

from kansrijk.core.reversing import reverse


def portal_file_section(request, family) -> dict:
    """The client's and partner's access state, and for the case director the link to invite
    them. One query for every family and every viewer (the accounts); whether the viewer is
    the case director comes from the casusregie the file's handover section read and the
    care team the file page prefetched, as do the persons."""
    from kansrijk.care.selectors import is_case_director

    from .selectors_invite import family_member_access

    director = is_case_director(request.user, family, request=request)
    return {
        "members": family_member_access(family, list(family.persons.all())),
        "url": reverse("portal:invitations", args=[family.pk]) if director else "",
    }


def register() -> None:
    from kansrijk.families.sections import FileSection, register_file_section

    register_file_section(
        FileSection(
            code="portal",
            template="portal/invite/_file_section.html",
            context=portal_file_section,
            order=60,
        )
    )
