"""Shared helpers of the handover and casusregie tests (no tests of its own).

Besides the cast (kansrijk/testing/actors.py): the cast's JGZ organisation, a JGZ nurse of
the first coalition who is not on the family's care team yet (the usual receiver), a
kraamzorg organisation and a professional of it, and a JGZ nurse of the other coalition.
"""

from datetime import timedelta

from django.utils import timezone

from kansrijk.care import services_handovers as services
from kansrijk.organisations.models import Discipline, Organisation, OrganisationKind
from kansrijk.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProfessionalFactory,
    TOTPDeviceFactory,
)

SUMMARY = "Moeder (19) is alleen, weinig netwerk. Graag een prenataal huisbezoek."


def jgz(cast) -> Organisation:
    """The cast's JGZ (the care-team member works there)."""
    return cast.care_team_member.memberships.get().organisation


def professional(
    cast, username, organisation, *, discipline=Discipline.YOUTH_NURSE, coalition=None
):
    person = ProfessionalFactory(username=username, first_name=username.title())
    MembershipFactory(
        professional=person,
        organisation=organisation,
        coalition=coalition or cast.coalition,
        discipline=discipline,
        phone="06 11112222",
    )
    TOTPDeviceFactory(user=person)
    return person


def jgz_nurse(cast, username="jgzverpleegkundige"):
    """A JGZ nurse of the family's coalition, off the care team."""
    return professional(cast, username, jgz(cast))


def kraamzorg(cast) -> Organisation:
    return OrganisationFactory(
        name="Kraamzorg Eerstedorp", kind=OrganisationKind.KRAAMZORG, coalitions=[cast.coalition]
    )


def other_coalition_jgz_nurse(cast):
    organisation = OrganisationFactory(
        name="JGZ Tweededorp", kind=OrganisationKind.JGZ, coalitions=[cast.other_coalition]
    )
    return professional(cast, "jgztweede", organisation, coalition=cast.other_coalition)


def propose(cast, family, *, actor=None, **kwargs):
    """A handover from the case director to the JGZ organisation, due in a week."""
    values = {
        "summary": SUMMARY,
        "to_organisation": jgz(cast),
        "due_date": timezone.localdate() + timedelta(days=7),
    }
    values.update(kwargs)
    return services.handover_propose(
        actor=actor or cast.case_director, family_pk=family.pk, **values
    )


def make_director(cast, family, who=None):
    """The case director (of the cast) becomes the family's case director."""
    return services.case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=who or cast.case_director
    )
