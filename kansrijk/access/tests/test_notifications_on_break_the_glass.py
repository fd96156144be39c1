"""Breaking the glass notifies the case director and the coordinators, in one transaction."""

from unittest import mock

import pytest
from django.db.models import F
from django.urls import reverse

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.access.services import break_the_glass_open
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
