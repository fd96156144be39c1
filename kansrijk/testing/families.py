"""A family of the shared cast, for authorization tests of family data.

`cast_family` is a family of the cast's first coalition, opened by the case director, with
the care-team member on its care team. Everyone else in the cast is off the care team.
"""

import pytest

from kansrijk.families.models import ConsentPurpose, Family
from kansrijk.families.services import care_team_member_add, consent_record, family_create
from kansrijk.testing.actors import Cast

FAMILY_DATA = {
    "postcode": "1234 AB",
    "main_language": "Nederlands",
    "insurance_kind": "basis",
    "strengths": "Moeder heeft een steunend netwerk.",
}


def make_family(cast: Cast, **data) -> Family:
    """A family opened by the case director, with the care-team member on its team."""
    family = family_create(
        actor=cast.case_director,
        municipality=cast.coalition.municipalities.get(),
        data={**FAMILY_DATA, **data},
        role_in_family="casusregisseur",
    )
    care_team_member_add(
        actor=cast.case_director,
        family_pk=family.pk,
        professional=cast.care_team_member,
        role_in_family="jeugdverpleegkundige",
    )
    return Family.objects.get(pk=family.pk)


def consent_given(cast: Cast, family, purpose: str) -> None:
    """The family's verbal consent for `purpose`, recorded by the case director."""
    consent_record(
        actor=cast.case_director, family_pk=family.pk, purpose=purpose, given=True, method="verbal"
    )


def consent_to_care_team(cast: Cast, family) -> None:
    """The family's consent to share data within the care team (as
    `kansrijk.testing.mdo.consent_to_named_discussion` for the MDO)."""
    consent_given(cast, family, ConsentPurpose.CARE_TEAM)


@pytest.fixture
def cast_family(cast) -> Family:
    return make_family(cast)
