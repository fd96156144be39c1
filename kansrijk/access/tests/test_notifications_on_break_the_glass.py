"""Breaking the glass notifies the case director and the coordinators, in one transaction.

The case director is the recorded one (`care.CaseDirector`) when there is one, else the
care-team member whose role says "casusregisseur", else the whole current care team.
"""

from unittest import mock

import pytest
from django.db.models import F
from django.urls import reverse

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.access.services import break_the_glass_open
from kansrijk.care.models import CaseDirector
from kansrijk.core.models import Notification
from kansrijk.families.models import CareTeamMember
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory


def _open(cast, family, user=None):
    return break_the_glass_open(
        user=user or cast.outsider,
        family_pk=family.pk,
        reason="child_safety",
        explanation="Melding van de buren, zorgteam niet bereikbaar vanavond.",
    )


def _recipients(**filters):
    return set(Notification.objects.filter(**filters).values_list("recipient__username", flat=True))


def test_the_case_director_and_the_coordinator_are_notified(cast, cast_family):
    glass = _open(cast, cast_family)
    assert _recipients() == {"regisseur", "coordinator"}

    director = Notification.objects.get(recipient=cast.case_director)
    assert director.coalition == cast.coalition
    assert cast_family.reference in director.text
    assert "Buitenstaander" in director.text
    assert "Verloskundigen Eerstedorp" in director.text
    assert "Zorg over de veiligheid van het kind" in director.text
    assert director.link == reverse("access:family_access_report", args=[cast_family.pk])
    assert director.read_at is None

    coordinator = Notification.objects.get(recipient=cast.coordinator)
    assert coordinator.link == reverse("access:break_the_glass_review")
    # The free-text explanation can hold family data; it is not copied into notifications.
    assert glass.explanation not in director.text + coordinator.text


def test_without_a_marked_case_director_the_whole_care_team_is_told(cast, cast_family):
    CareTeamMember.objects.filter(family=cast_family).update(role_in_family="verloskundige")
    _open(cast, cast_family)
    assert _recipients() == {"regisseur", "teamlid", "coordinator"}


def _record_case_director(family, professional):
    return CaseDirector.objects.create(
        family=family, coalition_id=family.coalition_id, professional=professional
    )


def test_the_recorded_case_director_is_told_not_a_member_named_so_in_the_role(cast, cast_family):
    # "regisseur" opened the file as "casusregisseur", but the casusregie was recorded for
    # the care-team member since.
    _record_case_director(cast_family, cast.care_team_member)
    _open(cast, cast_family)
    assert _recipients() == {"teamlid", "coordinator"}


def test_a_role_text_that_mentions_casusregisseur_counts_without_a_recorded_one(cast, cast_family):
    CareTeamMember.objects.filter(professional=cast.case_director).update(
        role_in_family="verloskundige, casusregisseur"
    )
    _open(cast, cast_family)
    assert _recipients() == {"regisseur", "coordinator"}


def test_an_ended_casusregie_is_no_longer_told(cast, cast_family):
    from django.utils import timezone

    ended = _record_case_director(cast_family, cast.care_team_member)
    CaseDirector.objects.filter(pk=ended.pk).update(ended_at=timezone.now())
    _open(cast, cast_family)
    assert _recipients() == {"regisseur", "coordinator"}


def test_it_asks_the_database_once_for_the_care_team_side(
    cast, cast_family, django_assert_num_queries
):
    from kansrijk.access.services import _break_the_glass_recipients

    _record_case_director(cast_family, cast.care_team_member)
    glass = _open(cast, cast_family)
    # One query for the care team side (recorded director, role text and team together),
    # one for the coalition's coordinators.
    with django_assert_num_queries(2):
        team, coordinators = _break_the_glass_recipients(glass=glass)
    assert team == {cast.care_team_member.pk}
    assert coordinators == {cast.coordinator.pk}


def test_former_members_and_other_coalitions_are_not_told(cast, cast_family):
    other_coordinator = ProfessionalFactory(username="anderecoordinator")
    MembershipFactory(
        professional=other_coordinator,
        coalition=cast.other_coalition,
        is_professional=False,
        is_coordinator=True,
    )
    CareTeamMember.objects.filter(family=cast_family).update(role_in_family="")
    # Ends today: no longer a current member.
    CareTeamMember.objects.filter(professional=cast.care_team_member).update(
        end_date=F("start_date")
    )
    _open(cast, cast_family)
    assert _recipients() == {"regisseur", "coordinator"}


def test_nothing_is_written_when_notifying_fails(cast, cast_family):
    with (
        mock.patch.object(Notification.objects, "bulk_create", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        _open(cast, cast_family)
    assert not BreakTheGlass.objects.exists()
    assert not AccessEvent.objects.filter(user=cast.outsider).exists()
    assert not Notification.objects.exists()


def test_the_recipient_sees_the_count_in_the_header(cast, cast_family):
    from kansrijk.testing.actors import logged_in_client

    _open(cast, cast_family)
    page = logged_in_client(cast.case_director).get(reverse("core:home")).content.decode()
    assert 'data-testid="notifications-link"' in page
    assert "Meldingen (1" in page
