"""Scoring holds for every combination of answers: one level, and more risk never less.

The instrument is small but has every kind of item: yes_no with an answer that is urgent
on its own, a choice with a level-setting answer, a scale with bands, a yes_no where "no"
is the risk, free text, and one domain with its own thresholds.
"""

import json
import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from kansrijk.signaling.instruments import Instrument, Item, Result, load_instrument, score
from kansrijk.signaling.instruments.model import threshold_level
from kansrijk.signaling.levels import Level

SMALL_INSTRUMENT = """
key: klein
version: 1
kind: questionnaire
title: {nl: Klein, en: Small}
description: {nl: Voor de tests., en: For the tests.}
source: kansrijk tests
validated: false
thresholds:
  - {level: none, min: 0, max: 1}
  - {level: potentially_vulnerable, min: 2, max: 4}
  - {level: vulnerable, min: 5, max: 8}
  - {level: urgent, min: 9}
domains:
  - key: thuis
    title: {nl: Thuis, en: Home}
    items:
      - key: geweld
        type: yes_no
        text: {nl: 'Is er geweld?', en: 'Is there violence?'}
        yes: {weight: 1, sets_level: urgent}
      - key: wonen
        type: choice
        text: {nl: 'Woonsituatie?', en: 'Housing?'}
        options:
          - {key: goed, label: {nl: Goed, en: Good}, weight: 0}
          - {key: krap, label: {nl: Krap, en: Cramped}, weight: 1}
          - {key: onzeker, label: {nl: Onzeker, en: Uncertain}, weight: 2}
          - {key: dakloos, label: {nl: Dakloos, en: Homeless}, weight: 3, sets_level: vulnerable}
  - key: welzijn
    title: {nl: Welzijn, en: Well-being}
    thresholds:
      - {level: none, min: 0, max: 0}
      - {level: potentially_vulnerable, min: 1, max: 2}
      - {level: vulnerable, min: 3}
    items:
      - key: stemming
        type: scale
        min: 0
        max: 10
        text: {nl: 'Stemming?', en: 'Mood?'}
        bands:
          - {min: 0, max: 3, weight: 2}
          - {min: 4, max: 6, weight: 1}
          - {min: 7, max: 10, weight: 0}
      - key: steun
        type: yes_no
        respondent: partner
        text: {nl: 'Voelt de partner zich gesteund?', en: 'Does the partner feel supported?'}
        no: {weight: 2}
      - key: notitie
        type: text
        required: false
        text: {nl: Notitie, en: Note}
"""


def _load_small_instrument() -> Instrument:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "klein" / "v1.yaml"
        path.parent.mkdir()
        path.write_text(SMALL_INSTRUMENT, encoding="utf-8")
        return load_instrument(path)


INSTRUMENT = _load_small_instrument()
SCORED_ITEMS = [item for item in INSTRUMENT.items if item.type != "text"]


def given_answers(item: Item) -> st.SearchStrategy[object]:
    """Any answer the item accepts, as a form or the database would send it."""
    if item.type == "scale":
        number = st.integers(item.min, item.max)
        return st.one_of(number, number.map(str))
    if item.type == "text":
        return st.text(max_size=20).filter(str.strip)
    return st.sampled_from([option.key for option in item.options])


def maybe_answered(item: Item) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), st.just(""), given_answers(item))


answer_sets = st.fixed_dictionaries({item.key: maybe_answered(item) for item in INSTRUMENT.items})


def rank(level: Level | None) -> int:
    return level.rank if level is not None else -1


def at_least_as_risky(item: Item, new: object, old: object) -> bool:
    """`new` weighs at least as much as `old` and sets at least as high a level."""
    return item.weight_for(new) >= item.weight_for(old) and rank(item.sets_level_for(new)) >= rank(
        item.sets_level_for(old)
    )


@given(answers=answer_sets)
def test_every_combination_of_answers_gives_exactly_one_level(answers):
    result = score(INSTRUMENT, answers)

    assert result.level in list(Level)
    assert sum(threshold.contains(result.total) for threshold in INSTRUMENT.thresholds) == 1
    set_levels = [item.sets_level_for(answers[item.key]) for item in INSTRUMENT.items]
    expected = Level.highest(
        threshold_level(INSTRUMENT.thresholds, result.total),
        *(level for level in set_levels if level is not None),
    )
    assert result.level == expected
    assert result.total == sum(item.weight_for(answers[item.key]) for item in INSTRUMENT.items)
    assert result.total == sum(domain.score for domain in result.domains)


@given(answers=answer_sets, data=st.data())
def test_a_riskier_answer_never_lowers_the_level_or_the_total(answers, data):
    item = data.draw(st.sampled_from(SCORED_ITEMS))
    riskier = data.draw(given_answers(item))
    assume(at_least_as_risky(item, riskier, answers[item.key]))

    before = score(INSTRUMENT, answers)
    after = score(INSTRUMENT, {**answers, item.key: riskier})

    assert after.total >= before.total
    assert after.level.rank >= before.level.rank
    for domain_before, domain_after in zip(before.domains, after.domains, strict=True):
        assert domain_after.level.rank >= domain_before.level.rank


@given(answers=answer_sets, data=st.data())
def test_answering_an_item_never_lowers_the_level(answers, data):
    """Unanswered counts as the lowest answer: whatever is filled in can only add risk."""
    item = data.draw(st.sampled_from(INSTRUMENT.items))
    answer = data.draw(given_answers(item))

    unanswered = score(INSTRUMENT, {**answers, item.key: None})
    answered = score(INSTRUMENT, {**answers, item.key: answer})

    assert answered.total >= unanswered.total
    assert answered.level.rank >= unanswered.level.rank


LIGHTEST_ANSWER = {"geweld": "no", "wonen": "goed", "stemming": 10, "steun": "yes"}


@given(answers=answer_sets, data=st.data())
def test_an_unanswered_item_counts_as_its_lightest_answer(answers, data):
    key = data.draw(st.sampled_from(sorted(LIGHTEST_ANSWER)))

    unanswered = score(INSTRUMENT, {**answers, key: ""})
    lightest = score(INSTRUMENT, {**answers, key: LIGHTEST_ANSWER[key]})

    assert (unanswered.total, unanswered.level) == (lightest.total, lightest.level)
    assert unanswered.drivers == lightest.drivers


@given(answers=answer_sets)
def test_drivers_are_the_answers_that_counted_heaviest_first(answers):
    result = score(INSTRUMENT, answers)

    counted = {
        item.key
        for item in INSTRUMENT.items
        if item.weight_for(answers[item.key]) > 0 or item.sets_level_for(answers[item.key])
    }
    assert {driver.item_key for driver in result.drivers} == counted
    order = [(rank(driver.sets_level), driver.weight) for driver in result.drivers]
    assert order == sorted(order, reverse=True)
    assert result.urgent_items == (("geweld",) if answers["geweld"] == "yes" else ())


@given(answers=answer_sets)
def test_a_result_survives_its_trip_through_json(answers):
    result = score(INSTRUMENT, answers)

    stored = json.loads(json.dumps(result.as_dict()))

    assert Result.from_dict(stored) == result
