import pytest
from django.core.exceptions import PermissionDenied

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import CareTeamMember, Family, FamilyVersion
from kansrijk.families.services import family_create
from kansrijk.testing.families import FAMILY_DATA


def test_the_creator_joins_the_care_team_and_the_creation_is_logged(cast):
    family = family_create(
        actor=cast.case_director,
        municipality=cast.coalition.municipalities.get(),
        data={**FAMILY_DATA, "postcode": "1234ab"},
    )

    family = Family.objects.get(pk=family.pk)
    assert family.coalition == cast.coalition
    assert family.postcode == "1234 AB"
    assert family.pc4 == "1234"
    assert family.reference.startswith("KS-")
    assert family.version == 1
    member = CareTeamMember.objects.current().get(family=family)
    assert member.professional == cast.case_director
    assert member.membership.organisation.name == "Verloskundigen Eerstedorp"
    assert FamilyVersion.objects.get(family=family).snapshot["postcode"] == "1234 AB"
    event = AccessEvent.objects.get(family=family)
    assert (event.action, event.ground, event.user) == ("C", "care_team", cast.case_director)
    assert event.authorisation
    assert event.treatment_relationship
    assert not event.emergency


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_only_a_professional_of_the_coalition_opens_a_file(cast, actor):
    with pytest.raises(PermissionDenied):
        family_create(
            actor=getattr(cast, actor),
            municipality=cast.coalition.municipalities.get(),
            data=FAMILY_DATA,
        )


def test_a_professional_of_another_coalition_cannot_open_a_file_here(cast):
    with pytest.raises(PermissionDenied):
        family_create(
            actor=cast.other_coalition_professional,
            municipality=cast.coalition.municipalities.get(),
            data=FAMILY_DATA,
        )
    assert not Family.objects.exists()
