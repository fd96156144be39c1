import pytest
from django.core.exceptions import ValidationError

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.models import Consent, ConsentPurpose
from kansrijk.families.services import consent_record, consent_withdraw


def _record(cast, family, purpose=ConsentPurpose.CARE_TEAM, given=True):
    return consent_record(
        actor=cast.case_director,
        family_pk=family.pk,
        purpose=purpose,
        given=given,
        method="written",
    )


def test_withdrawal_takes_effect_at_once(cast, cast_family):
    consent = _record(cast, cast_family)
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    assert AccessEvent.objects.filter(action="R").latest("id").consent is True

    withdrawn = consent_withdraw(
        actor=cast.care_team_member, family_pk=cast_family.pk, purpose=ConsentPurpose.CARE_TEAM
    )

    assert withdrawn.pk == consent.pk
    assert withdrawn.withdrawn_by == cast.care_team_member
    assert not Consent.objects.given().filter(family=cast_family).exists()
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    assert AccessEvent.objects.filter(action="R").latest("id").consent is False


def test_a_new_decision_replaces_the_one_in_force_and_keeps_it(cast, cast_family):
    first = _record(cast, cast_family, ConsentPurpose.MDO_NAMED, given=False)
    second = _record(cast, cast_family, ConsentPurpose.MDO_NAMED, given=True)

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    in_force = Consent.objects.in_force().get(family=cast_family, purpose=ConsentPurpose.MDO_NAMED)
    assert in_force == second
    assert Consent.objects.filter(family=cast_family).count() == 2


def test_nothing_to_withdraw_gives_a_dutch_message(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        consent_withdraw(
            actor=cast.case_director, family_pk=cast_family.pk, purpose=ConsentPurpose.MONITORING
        )
    assert error.value.messages == [
        "Er is geen gegeven toestemming voor 'Meetellen in de monitoring' om in te trekken."
    ]
