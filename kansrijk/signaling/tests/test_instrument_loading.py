"""Instrument files load only when they mean exactly one thing; otherwise they say why."""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kansrijk.signaling.instruments import (
    InstrumentError,
    all_instruments,
    get_instrument,
    latest_instruments,
    load_directory,
    load_instrument,
    registry,
)
from kansrijk.signaling.instruments.checks import check_instruments
from kansrijk.signaling.levels import Level

GOOD: dict[str, Any] = {
    "key": "proef",
    "version": 1,
    "kind": "questionnaire",
    "title": {"nl": "Proef", "en": "Trial"},
    "description": {"nl": "Voor de tests.", "en": "For the tests."},
    "source": "kansrijk tests",
    "validated": False,
    "thresholds": [
        {"level": "none", "min": 0, "max": 1},
        {"level": "potentially_vulnerable", "min": 2, "max": 3},
        {"level": "vulnerable", "min": 4},
    ],
    "domains": [
        {
            "key": "thuis",
            "title": {"nl": "Thuis", "en": "Home"},
            "items": [
                {
                    "key": "geweld",
                    "type": "yes_no",
                    "text": {"nl": "Is er geweld?", "en": "Is there violence?"},
                    "yes": {"weight": 3, "sets_level": "urgent"},
                },
                {
                    "key": "wonen",
                    "type": "choice",
                    "text": {"nl": "Woonsituatie?", "en": "Housing?"},
                    "options": [
                        {"key": "goed", "label": {"nl": "Goed", "en": "Good"}, "weight": 0},
                        {"key": "slecht", "label": {"nl": "Slecht", "en": "Bad"}, "weight": 2},
                    ],
                },
                {
                    "key": "stemming",
                    "type": "scale",
                    "min": 0,
                    "max": 10,
                    "text": {"nl": "Stemming?", "en": "Mood?"},
                    "bands": [
                        {"min": 0, "max": 4, "weight": 2},
                        {"min": 5, "max": 10, "weight": 0},
                    ],
                },
                {
                    "key": "toelichting",
                    "type": "text",
                    "required": False,
                    "text": {"nl": "Toelichting", "en": "Notes"},
                },
            ],
        }
    ],
}


def write(directory: Path, data: Any, *, folder: str = "proef", name: str = "v1.yaml") -> Path:
    path = directory / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def changed(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["domains"][0]["items"]


def test_the_shipped_instruments_all_load():
    instruments = load_directory(registry.DATA_DIRECTORY)

    assert set(instruments) == {("r4u-kansrijk", 1), ("professioneel-oordeel", 1)}
    for (key, version), instrument in instruments.items():
        assert instrument.path == registry.DATA_DIRECTORY / key / f"v{version}.yaml"


def test_a_good_file_loads_into_the_model(tmp_path):
    instrument = load_instrument(write(tmp_path, GOOD))

    assert (instrument.key, instrument.version, instrument.kind) == ("proef", 1, "questionnaire")
    assert [item.key for item in instrument.items] == ["geweld", "wonen", "stemming", "toelichting"]
    geweld = instrument.item("geweld")
    assert [option.key for option in geweld.options] == ["yes", "no"]
    assert geweld.options[0].label == {"nl": "Ja", "en": "Yes"}
    assert geweld.weight_for("yes") == 3
    assert geweld.sets_level_for("yes") == Level.URGENT
    assert geweld.weight_for("no") == 0
    assert instrument.item("stemming").weight_for(4) == 2
    assert instrument.item("stemming").weight_for("7") == 0
    assert instrument.item("toelichting").weight_for("wat dan ook") == 0
    assert instrument.max_score == 3 + 2 + 2
    assert not instrument.has_partner_items


def test_yes_and_no_stay_text_in_yaml(tmp_path):
    """YAML 1.1 reads `no` as false; instrument files would lose their answer keys."""
    text = yaml.safe_dump(GOOD).replace("'yes':", "yes:")
    instrument = load_instrument(write(tmp_path, text))

    assert instrument.item("geweld").option("yes").weight == 3


BAD_FILES = [
    pytest.param(
        changed(lambda d: items(d)[0].update(type="slider")),
        "unknown item type 'slider'",
        id="unknown item type",
    ),
    pytest.param(
        changed(lambda d: d.pop("thresholds")),
        "missing 'thresholds'",
        id="missing thresholds",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"][1].update(min=1)),
        "the ranges overlap: none (0-1) and potentially_vulnerable (1-3)",
        id="overlapping ranges",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"][2].update(min=6)),
        "gap between potentially_vulnerable (2-3) and vulnerable (6 and up): totals 4-5",
        id="gap in ranges",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"][0].update(min=1)),
        "the first range must start at 0",
        id="first range not at 0",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"][2].update(max=99)),
        "the last range (vulnerable) must be open-ended",
        id="closed last range",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"].reverse()),
        "levels must go from low to high risk",
        id="levels out of order",
    ),
    pytest.param(
        changed(lambda d: d["thresholds"][1].update(level="none")),
        "level none appears 2 times",
        id="duplicate level",
    ),
    pytest.param(
        changed(lambda d: d.update(version=2)),
        "wrong version: the file says version 2, but its name says 1",
        id="wrong version",
    ),
    pytest.param(
        changed(lambda d: d.update(key="ander")),
        "wrong key: the file says key 'ander', but it is in the folder 'proef'",
        id="wrong key",
    ),
    pytest.param(
        changed(lambda d: items(d)[1].update(key="geweld")),
        "item key 'geweld' is used 2 times",
        id="duplicate item key",
    ),
    pytest.param(
        changed(lambda d: items(d)[1]["options"][1].update(key="goed")),
        "option key 'goed' is used 2 times",
        id="duplicate option key",
    ),
    pytest.param(
        changed(lambda d: items(d)[3].update(weight=2)),
        "a text item cannot have 'weight': free text is never scored",
        id="weight on a text item",
    ),
    pytest.param(
        changed(lambda d: items(d)[3].update(options=items(d)[1]["options"])),
        "a text item cannot have 'options'",
        id="options on a text item",
    ),
    pytest.param(
        changed(lambda d: items(d)[1].pop("options")),
        "a choice item needs options, at least two (found 0)",
        id="choice without options",
    ),
    pytest.param(
        changed(lambda d: items(d)[0].update(options=items(d)[1]["options"])),
        "field 'options' does not apply to a yes_no item",
        id="options on a yes_no item",
    ),
    pytest.param(
        changed(lambda d: items(d)[0].update(weight=1)),
        "weights and levels belong on the answers (yes: and no:), not on the item itself",
        id="weight on the item",
    ),
    pytest.param(
        changed(lambda d: items(d)[1]["options"][1].update(sets_level="heel_urgent")),
        "unknown level 'heel_urgent'",
        id="sets_level with an unknown level",
    ),
    pytest.param(
        changed(lambda d: items(d)[1]["options"][1].update(weight=-2)),
        "must be 0 or more",
        id="negative weight",
    ),
    pytest.param(
        changed(lambda d: items(d)[0]["text"].pop("en")),
        "domain 'thuis', item 'geweld', text: missing 'en'",
        id="missing English text",
    ),
    pytest.param(
        changed(lambda d: items(d)[2].pop("max")),
        "a scale item needs both min and max",
        id="scale without max",
    ),
    pytest.param(
        changed(lambda d: items(d)[2]["bands"][1].update(min=6)),
        "the bands must cover every answer from 0 to 10 exactly once",
        id="gap in scale bands",
    ),
    pytest.param(
        changed(lambda d: d.update(colour="blue")),
        "unknown field 'colour'",
        id="unknown field",
    ),
    pytest.param(
        changed(
            lambda d: d["domains"][0].update(thresholds=[{"level": "none", "min": 0, "max": 2}])
        ),
        "domain 'thuis', thresholds: the last range (none) must be open-ended",
        id="closed domain thresholds",
    ),
    pytest.param(
        "key: proef\nversion: 1\n  kind: questionnaire\n",
        "is not valid YAML",
        id="YAML syntax error",
    ),
    pytest.param(
        "key: proef\nversion: 1\nkey: ander\n",
        "duplicate key 'key' (line 3, column 1)",
        id="duplicate YAML key",
    ),
    pytest.param("", "the file is empty", id="empty file"),
    pytest.param("- een lijst\n", "must be a mapping", id="not a mapping"),
]


@pytest.mark.parametrize(("data", "problem"), BAD_FILES)
def test_it_rejects_a_broken_file_naming_the_file_and_the_problem(tmp_path, data, problem):
    path = write(tmp_path, data)

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert str(raised.value).startswith(str(path))
    assert problem in str(raised.value)
    assert raised.value.path == path


def test_it_rejects_overlapping_thresholds(tmp_path):
    path = write(tmp_path, changed(lambda d: d["thresholds"][2].update(min=3)))

    with pytest.raises(InstrumentError, match="overlap"):
        load_instrument(path)


def test_it_reports_every_problem_of_a_file_at_once(tmp_path):
    def break_twice(data: dict[str, Any]) -> None:
        data["thresholds"][2]["min"] = 6
        items(data)[3]["weight"] = 1

    with pytest.raises(InstrumentError) as raised:
        load_instrument(write(tmp_path, changed(break_twice)))

    assert len(raised.value.problems) == 2
    assert "2 problems" in str(raised.value)


def test_it_rejects_a_file_not_named_after_its_version(tmp_path):
    path = write(tmp_path, GOOD, name="eerste.yaml")

    with pytest.raises(InstrumentError, match=r"file name must be v<version>\.yaml"):
        load_instrument(path)


def test_it_rejects_a_judgement_that_scores_or_lacks_a_reason(tmp_path):
    judgement = yaml.safe_load(
        (registry.DATA_DIRECTORY / "professioneel-oordeel" / "v1.yaml").read_text()
    )
    judgement["domains"][0]["items"][0]["options"][1]["weight"] = 2
    judgement["domains"][0]["items"].pop()
    path = write(tmp_path, judgement, folder="professioneel-oordeel")

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert "exactly two items: 'niveau' (choice) and 'reden' (text)" in str(raised.value)
    assert "must have weight 0 and a sets_level" in str(raised.value)


def test_load_directory_names_every_broken_file(tmp_path):
    write(tmp_path, GOOD)
    first = write(tmp_path, changed(lambda d: d.update(version=3)), name="v2.yaml")
    second = write(tmp_path, "key: [", folder="kapot")

    with pytest.raises(InstrumentError) as raised:
        load_directory(tmp_path)

    assert str(first) in str(raised.value)
    assert str(second) in str(raised.value)


def test_the_system_check_passes_for_the_shipped_instruments():
    assert check_instruments() == []


def test_the_system_check_reports_each_broken_file(tmp_path):
    write(tmp_path, GOOD)
    write(tmp_path, changed(lambda d: d.update(key="ander")), folder="ander")
    wrong_version = write(tmp_path, changed(lambda d: d.update(version=3)), name="v2.yaml")
    no_yaml = write(tmp_path, "key: [", folder="zz-kapot")

    errors = check_instruments(directory=tmp_path)

    assert [error.id for error in errors] == ["signaling.E001", "signaling.E001"]
    assert [error.obj for error in errors] == [str(wrong_version), str(no_yaml)]
    assert "wrong version" in errors[0].msg
    assert "is not valid YAML" in errors[1].msg


def test_the_system_check_reads_the_registry_directory(tmp_path, monkeypatch):
    write(tmp_path, changed(lambda d: d["thresholds"].pop()))
    monkeypatch.setattr(registry, "DATA_DIRECTORY", tmp_path)

    [error] = check_instruments()

    assert "must be open-ended" in error.msg


@pytest.fixture
def two_versions(tmp_path, monkeypatch):
    """A data directory with versions 1 and 2 of `proef` and version 1 of `ander`."""
    write(tmp_path, GOOD)
    write(tmp_path, changed(lambda d: d.update(version=2)), name="v2.yaml")
    write(tmp_path, changed(lambda d: d.update(key="ander")), folder="ander")
    monkeypatch.setattr(registry, "DATA_DIRECTORY", tmp_path)
    registry.clear_cache()
    yield
    registry.clear_cache()


@pytest.mark.usefixtures("two_versions")
def test_the_registry_keeps_every_version_and_knows_the_latest():
    assert [(i.key, i.version) for i in all_instruments()] == [
        ("ander", 1),
        ("proef", 1),
        ("proef", 2),
    ]
    assert [(i.key, i.version) for i in latest_instruments()] == [("ander", 1), ("proef", 2)]
    assert get_instrument("proef").version == 2
    assert get_instrument("proef", 1).version == 1


@pytest.mark.usefixtures("two_versions")
@pytest.mark.parametrize(("key", "version"), [("onbekend", None), ("proef", 3)])
def test_the_registry_refuses_an_unknown_instrument(key, version):
    with pytest.raises(LookupError):
        get_instrument(key, version)


def test_the_registry_serves_the_shipped_instruments():
    registry.clear_cache()

    assert [i.key for i in latest_instruments()] == ["professioneel-oordeel", "r4u-kansrijk"]
    assert get_instrument("r4u-kansrijk", 1) is get_instrument("r4u-kansrijk")
