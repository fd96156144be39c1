"""Registrations of the portal on the family file: "Mijn gezin" (who of the family uses it),
with the way to the invitations for the case director."""

from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader


def portal_file_section(request, family) -> Reader:
    """The client's and partner's access state, and for the case director the link to invite
    them. One query for every family and every viewer (the accounts), asked with the other
    sections' (a reader: `kansrijk.core.together`); whether the viewer is the case director
    comes from the casusregie the file's handover section asked and the care team the file
    page prefetched, as do the persons."""
    from kansrijk.care.selectors import is_case_director

    from .selectors_invite import family_member_access_reads

    members = yield from family_member_access_reads(family, list(family.persons.all()))
    director = is_case_director(request.user, family, request=request)
    return {
        "members": members,
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
