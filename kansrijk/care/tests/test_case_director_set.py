"""The first case director (or a new one after a period without) is named by a care-team
member and must be on the care team; while there is one, only a casusregie handover can
change it. Never two current directors: the database refuses a second."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kansrijk.care import selectors_handovers as selectors
from kansrijk.care import services_handovers as services
from kansrijk.care.models import CaseDirector
from kansrijk.core.models import Notification
from kansrijk.families.models import TimelineEvent

from .test_handover_support import jgz_nurse, make_director

pytestmark = pytest.mark.django_db


def test_a_family_starts_visibly_without_a_case_director(cast, cast_family):
    assert selectors.current_case_director(cast_family) is None
    assert not selectors.is_case_director(cast.case_director, cast_family)


def test_a_care_team_member_names_the_first_director(cast, cast_family):
    Notification.objects.all().delete()
    director = services.case_director_set(
        actor=cast.case_director, family_pk=cast_family.pk, professional=cast.care_team_member
    )
    assert director.ended_at is None
    assert director.membership.organisation.name == "JGZ Eerstedorp"
    current = selectors.current_case_director(cast_family)
    assert current.professional == cast.care_team_member
    assert current.team_phone == "06 12345678"
    assert current.on_care_team
    assert selectors.is_case_director(cast.care_team_member, cast_family)
    assert TimelineEvent.objects.filter(family=cast_family, kind="case_director_set").exists()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [
        cast.care_team_member.pk
    ]


def test_the_director_must_be_on_the_care_team(cast, cast_family):
    nurse = jgz_nurse(cast)
    with pytest.raises(ValidationError) as refused:
        services.case_director_set(
            actor=cast.case_director, family_pk=cast_family.pk, professional=nurse
        )
    assert refused.value.message_dict == {
        "professional": [
            "De casusregisseur moet in het zorgteam zitten. Voeg Jgzverpleegkundige "
            "Testpersoon eerst toe aan het zorgteam."
        ]
    }


def test_a_second_director_is_a_handover_not_an_overwrite(cast, cast_family):
    make_director(cast, cast_family)
    with pytest.raises(ValidationError) as refused:
        services.case_director_set(
            actor=cast.care_team_member,
            family_pk=cast_family.pk,
            professional=cast.care_team_member,
        )
    assert "is al casusregisseur van dit gezin" in refused.value.messages[0]
    assert CaseDirector.objects.filter(family=cast_family).count() == 1


def test_the_database_never_holds_two_current_directors(cast, cast_family):
    first = make_director(cast, cast_family)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDirector.objects.create(
            family=cast_family,
            coalition=cast.coalition,
            professional=cast.care_team_member,
            started_at=timezone.now(),
        )
    # An ended period next to the current one is history, and allowed.
    CaseDirector.objects.create(
        family=cast_family,
        coalition=cast.coalition,
        professional=cast.care_team_member,
        started_at=first.started_at,
        ended_at=first.started_at,
    )
    assert CaseDirector.objects.current().filter(family=cast_family).count() == 1
