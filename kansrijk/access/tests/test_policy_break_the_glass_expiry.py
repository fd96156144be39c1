"""Break-the-glass: emergency access with a reason, for a limited time, logged as such."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.access.policy import active_break_the_glass, get_family_for_user
from kansrijk.access.services import break_the_glass_start
from kansrijk.families.models import Family

START = "2030-03-18 09:00 +01:00"


def _break(user, family):
    return break_the_glass_start(
        user=user,
        family_pk=family.pk,
        reason="acute_care",
        explanation="Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
    )


def test_access_lasts_three_hours_and_is_logged_as_emergency(cast, cast_family):
    with time_machine.travel(START, tick=False):
        glass = _break(cast.outsider, cast_family)
        assert glass.expires_at - glass.started_at == timedelta(hours=3)
        assert active_break_the_glass(cast.outsider, cast_family) == glass

        assert get_family_for_user(cast.outsider, cast_family.pk, "R") == cast_family
        event = AccessEvent.objects.latest("id")
        assert event.ground == "break_the_glass"
        assert event.ground_detail.startswith("Acute zorgsituatie: Cliënt belt")
        assert event.emergency
        assert event.authorisation
        assert not event.treatment_relationship

    with time_machine.travel(glass.started_at + timedelta(hours=2, minutes=59), tick=False):
        assert Family.objects.visible_to(cast.outsider).exists()

    with time_machine.travel(glass.expires_at, tick=False):
        assert not Family.objects.visible_to(cast.outsider).exists()
        assert active_break_the_glass(cast.outsider, cast_family) is None
        with pytest.raises(Http404):
            get_family_for_user(cast.outsider, cast_family.pk, "R")


def test_the_duration_is_configurable(cast, cast_family, settings):
    settings.BREAK_THE_GLASS_HOURS = 1
    glass = _break(cast.outsider, cast_family)
    assert glass.expires_at - glass.started_at == timedelta(hours=1)


@pytest.mark.parametrize("actor", ["other_coalition_professional", "coordinator", "administrator"])
def test_only_professionals_of_the_coalition_can_break_the_glass(cast, cast_family, actor):
    with pytest.raises(Http404):
        _break(getattr(cast, actor), cast_family)
    assert not BreakTheGlass.objects.exists()


def test_a_reason_and_an_explanation_are_required(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        break_the_glass_start(
            user=cast.outsider, family_pk=cast_family.pk, reason="curious", explanation="kijken"
        )
    assert error.value.message_dict == {
        "reason": ["Kies een reden voor de noodtoegang."],
        "explanation": ["Licht in minstens één zin toe waarom je noodtoegang nodig hebt."],
    }


def test_the_care_team_ground_wins_when_both_hold(cast, cast_family):
    _break(cast.care_team_member, cast_family)
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    assert AccessEvent.objects.latest("id").ground == "care_team"
