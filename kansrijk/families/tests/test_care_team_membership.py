from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from kansrijk.access.policy import get_family_for_user
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.families.services import care_team_member_add, care_team_member_end


def test_an_ended_member_loses_access_at_once(cast, cast_family):
    member = CareTeamMember.objects.get(family=cast_family, professional=cast.care_team_member)

    care_team_member_end(actor=cast.case_director, member_pk=member.pk)

    assert not Family.objects.visible_to(cast.care_team_member).exists()
    with pytest.raises(Http404):
        get_family_for_user(cast.care_team_member, cast_family.pk, "R")


def test_the_last_member_cannot_leave(cast, cast_family):
    member = CareTeamMember.objects.get(family=cast_family, professional=cast.care_team_member)
    care_team_member_end(actor=cast.case_director, member_pk=member.pk)
    last = CareTeamMember.objects.current().get(family=cast_family)

    with pytest.raises(ValidationError, match="Het zorgteam kan niet leeg worden"):
        care_team_member_end(actor=cast.case_director, member_pk=last.pk)


def test_an_added_member_sees_the_family(cast, cast_family):
    care_team_member_add(
        actor=cast.care_team_member, family_pk=cast_family.pk, professional=cast.outsider
    )
    assert list(Family.objects.visible_to(cast.outsider)) == [cast_family]


@pytest.mark.parametrize("name", ["other_coalition_professional", "coordinator", "administrator"])
def test_only_professionals_of_the_coalition_can_join(cast, cast_family, name):
    with pytest.raises(ValidationError) as error:
        care_team_member_add(
            actor=cast.case_director, family_pk=cast_family.pk, professional=getattr(cast, name)
        )
    assert error.value.message_dict["professional"] == [
        "Deze persoon werkt niet als professional in deze coalitie."
    ]


def test_a_member_starting_later_has_access_from_the_start_date(cast, cast_family):
    start = timezone.localdate() + timedelta(days=7)
    care_team_member_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        professional=cast.outsider,
        start_date=start,
    )
    assert not Family.objects.visible_to(cast.outsider).exists()
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        assert Family.objects.visible_to(cast.outsider).exists()
