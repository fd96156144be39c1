"""The need source of signaling: the domains of the family's newest final assessment whose
level is above "none" give needs, with the domain as the reason; items that point at another
need (housing in the family situation) give that need instead."""

from datetime import timedelta

import pytest

from kansrijk.care.needs import family_needs
from kansrijk.signaling import services
from kansrijk.signaling.demo import answers_for_level
from kansrijk.signaling.levels import Level
from kansrijk.signaling.needs import assessment_needs

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def _calm(r4u) -> dict:
    """Every client question answered with its lowest-risk answer: no domain above none."""
    return answers_for_level(r4u, Level.NONE)


def _record(cast, family, answers, **kwargs):
    return services.assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key=kwargs.pop("instrument_key", R4U),
        answers=answers,
        **kwargs,
    )


def test_a_domain_above_none_gives_its_need_with_the_domain_as_reason(
    cast, cast_family, r4u, django_assert_num_queries
):
    _record(cast, cast_family, {**_calm(r4u), "wi_rondkomen": "moeilijk"})

    with django_assert_num_queries(1):  # the newest final assessment's result
        needs = assessment_needs(cast_family)

    assert needs == {"finances": ["signalering: domein Werk en inkomen"]}


def test_items_that_point_at_another_need_replace_the_domains_default(cast, cast_family, r4u):
    _record(
        cast,
        cast_family,
        {**_calm(r4u), "gs_woonsituatie": "onzeker", "mw_psychische_klachten": "yes"},
    )

    needs = assessment_needs(cast_family)

    # The family situation domain was raised by housing only: not "social network".
    assert needs["housing"] == ["signalering: domein Gezinssituatie"]
    assert "social_network" not in needs
    assert needs["mental_health"] == ["signalering: domein Mentaal welzijn"]


def test_only_the_newest_final_assessment_counts_and_a_draft_says_nothing(
    cast, cast_family, r4u, today
):
    _record(
        cast,
        cast_family,
        {**_calm(r4u), "wi_rondkomen": "moeilijk"},
        assessed_on=today - timedelta(days=30),
    )
    _record(cast, cast_family, {**_calm(r4u), "co_taal": "tolk_nodig"}, assessed_on=today)
    services.assessment_start(
        actor=cast.case_director, family_pk=cast_family.pk, instrument_key=R4U
    )

    assert set(assessment_needs(cast_family)) == {"language"}


def test_a_professional_judgement_names_no_need(cast, cast_family):
    _record(
        cast,
        cast_family,
        {"niveau": "vulnerable", "reden": "Veel zorgen."},
        instrument_key=JUDGEMENT,
    )

    assert assessment_needs(cast_family) == {}


def test_without_assessments_there_are_no_needs(cast_family):
    assert assessment_needs(cast_family) == {}


def test_the_source_is_registered_for_the_social_map(cast, cast_family, r4u):
    _record(cast, cast_family, {**_calm(r4u), "ho_band_met_baby": "no"})

    assert family_needs(cast_family)["parenting"] == ["signalering: domein Hechting en ouderschap"]
