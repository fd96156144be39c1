"""The family's own Positive Health scores: whole numbers from 0 to 10 on the six dimensions,
at a dated moment, with clear Dutch messages next to the field and the input kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kansrijk.care import services_plan
from kansrijk.care.models import HealthDimension, HealthScore
from kansrijk.families.models import TimelineEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

SCORES = {
    "bodily_functions": 6,
    "mental_wellbeing": 4,
    "meaningfulness": 7,
    "quality_of_life": 5,
    "participation": 3,
    "daily_functioning": 8,
}


def record(cast, family, scores, **kwargs):
    return services_plan.health_score_record(
        actor=cast.case_director,
        family_pk=family.pk,
        measured_on=kwargs.pop("measured_on", timezone.localdate()),
        respondent=kwargs.pop("respondent", "moeder"),
        scores=scores,
        **kwargs,
    )


def test_a_moment_is_recorded_with_who_gave_the_scores(cast, cast_family):
    score = record(cast, cast_family, SCORES)
    assert score.scores() == SCORES
    assert (score.respondent, score.recorded_by) == ("moeder", cast.case_director)
    event = TimelineEvent.objects.get(family=cast_family, kind="health_score_recorded")
    assert "ingevuld door moeder" in event.summary
    assert "Mentaal welbevinden 4" in event.summary


@pytest.mark.parametrize("value", [-1, 11, 7.5, "7", None, True])
def test_a_score_outside_0_to_10_is_refused_in_dutch(cast, cast_family, value):
    with pytest.raises(ValidationError) as error:
        record(cast, cast_family, {**SCORES, "mental_wellbeing": value})
    messages = error.value.message_dict
    assert list(messages) == ["mental_wellbeing"]
    assert "Mentaal welbevinden" in messages["mental_wellbeing"][0]
    assert "0 tot en met 10" in messages["mental_wellbeing"][0]
    assert not HealthScore.objects.exists()


@pytest.mark.parametrize("value", [0, 10])
def test_0_and_10_are_valid_scores(cast, cast_family, value):
    score = record(cast, cast_family, {**SCORES, "participation": value})
    assert score.participation == value


def test_a_missing_dimension_a_future_date_and_no_respondent_each_get_a_message(cast, cast_family):
    scores = {k: v for k, v in SCORES.items() if k != "meaningfulness"}
    with pytest.raises(ValidationError) as error:
        record(
            cast,
            cast_family,
            scores,
            measured_on=timezone.localdate() + timedelta(days=1),
            respondent=" ",
        )
    assert error.value.message_dict == {
        "meaningfulness": ["Vul een score in voor Zingeving (0 tot en met 10)."],
        "measured_on": ["De datum kan niet in de toekomst liggen."],
        "respondent": ["Vul in wie van het gezin de scores gaf."],
    }


def test_the_page_shows_the_message_next_to_the_field_and_keeps_the_input(cast, cast_family):
    data = {"measured_on": timezone.localdate().isoformat(), "respondent": "vader", **SCORES}
    data["quality_of_life"] = "12"
    response = logged_in_client(cast.case_director).post(
        reverse("care:score_add", args=[cast_family.pk]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul voor Kwaliteit van leven een heel getal van 0 tot en met 10 in." in page
    assert 'id="id_quality_of_life_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="12"' in page
    assert 'value="vader"' in page
    assert not HealthScore.objects.exists()


def test_the_page_records_a_moment_and_returns_to_the_spider_web(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    data = {"measured_on": timezone.localdate().isoformat(), "respondent": "moeder", **SCORES}
    response = client.post(reverse("care:score_add", args=[cast_family.pk]), data)
    assert response.status_code == 302
    assert response["Location"].endswith("/plan/#positieve-gezondheid")
    assert HealthScore.objects.get().scores() == SCORES
    page = client.get(response["Location"]).content.decode()
    assert "De scores zijn vastgelegd." in page
    assert 'data-testid="spider-web-svg"' in page
    for dimension in HealthDimension:
        assert str(dimension.label) in page
