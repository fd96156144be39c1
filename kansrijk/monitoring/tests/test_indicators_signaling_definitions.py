"""Every signaling indicator is registered with a complete definition in Dutch, and its
source fields name real model fields."""

import pytest
from django.apps import apps

from kansrijk.monitoring.indicators import indicators

SIGNALING = [indicator for indicator in indicators() if indicator.group == "signaling"]


def test_the_signaling_group_has_its_indicators_in_order():
    assert [indicator.code for indicator in SIGNALING] == [
        "families_by_phase",
        "pregnancies_signalled",
        "gestational_age_at_first_signaling",
        "level_distribution",
        "route_distribution",
        "route2_jgz_prenatal_visit",
        "signaling_to_case_director",
        "route3_mdo_within_4_weeks",
    ]


@pytest.mark.parametrize("indicator", SIGNALING, ids=lambda indicator: indicator.code)
def test_an_indicator_has_a_complete_definition(indicator):
    definition = indicator.definition

    assert indicator.version == 1
    assert indicator.kind in ("count", "share", "median", "distribution")
    assert indicator.unit in ("", "weeks", "days")
    for text in (
        indicator.title,
        definition.numerator,
        definition.denominator,
        definition.period,
        definition.inclusion,
    ):
        assert len(str(text)) > 10
    assert "toestemming voor monitoring" in str(definition.inclusion)
    assert definition.sources


@pytest.mark.parametrize("indicator", SIGNALING, ids=lambda indicator: indicator.code)
def test_the_sources_are_model_fields(indicator):
    models = {model.__name__: model for model in apps.get_models()}
    for source in indicator.definition.sources:
        model_name, field_name = source.split(".")
        assert models[model_name]._meta.get_field(field_name)
