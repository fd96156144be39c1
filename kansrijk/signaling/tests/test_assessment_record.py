"""Recording an assessment: the level is computed on finishing, the version is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from kansrijk.families.models import TimelineEvent
from kansrijk.signaling import services
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import AssessmentStatus

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def test_finishing_a_draft_computes_and_keeps_the_level(cast, pregnant_family, answers):
    draft = services.assessment_start(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=R4U,
        pregnancy_pk=pregnant_family.pregnancies.get().pk,
    )
    assert draft.status == AssessmentStatus.DRAFT
    assert draft.gestational_age_days == 70
    chosen = answers(Level.POTENTIALLY_VULNERABLE)
    half = dict(list(chosen.items())[:3])
    draft = services.assessment_save_draft(
        actor=cast.case_director,
        assessment_pk=draft.pk,
        answers=half,
        partner_present=False,
        expected_version=draft.version,
    )
    assert draft.answers == half
    assert draft.level == ""

    done = services.assessment_finish(
        actor=cast.case_director,
        assessment_pk=draft.pk,
        answers=chosen,
        partner_present=False,
        expected_version=draft.version,
    )
    assert done.status == AssessmentStatus.FINAL
    assert done.level == Level.POTENTIALLY_VULNERABLE
    assert done.instrument_version == 1
    assert done.result["level"] == Level.POTENTIALLY_VULNERABLE
    assert TimelineEvent.objects.filter(family=pregnant_family, kind="assessment_recorded").exists()


def test_finishing_with_missing_answers_names_them_in_dutch(cast, pregnant_family):
    draft = services.assessment_start(
        actor=cast.case_director, family_pk=pregnant_family.pk, instrument_key=R4U
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_finish(
            actor=cast.case_director,
            assessment_pk=draft.pk,
            answers={},
            partner_present=False,
            expected_version=draft.version,
        )
    messages = error.value.message_dict
    assert "gs_onveilig_thuis" in messages
    assert any("antwoord" in m.lower() for m in messages["gs_onveilig_thuis"])


def test_a_stale_draft_save_is_a_conflict_not_an_overwrite(cast, pregnant_family, answers):
    draft = services.assessment_start(
        actor=cast.case_director, family_pk=pregnant_family.pk, instrument_key=R4U
    )
    first = dict(list(answers(Level.NONE).items())[:2])
    services.assessment_save_draft(
        actor=cast.case_director,
        assessment_pk=draft.pk,
        answers=first,
        partner_present=False,
        expected_version=draft.version,
    )
    with pytest.raises(services.AssessmentConflict):
        services.assessment_save_draft(
            actor=cast.care_team_member,
            assessment_pk=draft.pk,
            answers={},
            partner_present=False,
            expected_version=draft.version,
        )
    draft.refresh_from_db()
    assert draft.answers == first


def test_a_professional_off_the_care_team_cannot_assess(cast, pregnant_family):
    with pytest.raises(Http404):
        services.assessment_start(
            actor=cast.outsider, family_pk=pregnant_family.pk, instrument_key=R4U
        )
    assert not pregnant_family.assessments.exists()


def test_an_instrument_switched_off_cannot_be_started(cast, pregnant_family):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=cast.case_director, family_pk=pregnant_family.pk, instrument_key=JUDGEMENT
        )
    assert "instrument" in error.value.message_dict


def test_the_last_instrument_in_use_cannot_be_switched_off(cast):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    with pytest.raises(ValidationError):
        services.instrument_set_enabled(
            actor=cast.coordinator, coalition=cast.coalition, instrument_key=R4U, enabled=False
        )
