"""The published document: suppressed figures only, following its documented schema, signed
over its canonical JSON."""

import json

import pytest
from django.test import override_settings
from jsonschema import Draft202012Validator

from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import (
    build_document,
    publisher_id,
    schema,
    schema_errors,
)
from kansrijk.monitoring.indicators import Cell
from kansrijk.monitoring.periods import Period
from kansrijk.testing.monitoring_federation import fake_indicators_fixture, new_key  # noqa: F401

pytestmark = pytest.mark.django_db
Q3 = Period.parse("2026-Q3")


def _cells(document, code):
    return next(i for i in document["indicators"] if i["code"] == code)["cells"]


def test_the_schema_is_a_documented_json_schema_2020_12():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema()["description"]
    for definition in schema()["$defs"].values():
        assert definition["description"]


def test_the_document_holds_the_suppressed_figures_and_follows_the_schema(cast, fake_indicators):
    document = build_document(cast.coalition, Q3, version=1)

    assert schema_errors(document) == []
    assert document["publisher"] == {
        "id": publisher_id(cast.coalition),
        "name": "Kansrijke Start Eerstedorp",
    }
    assert document["region"] == "Testregio"
    assert (document["period"], document["version"], document["schema_version"]) == (
        "2026-Q3",
        1,
        1,
    )
    assert [i["code"] for i in document["indicators"]] == [
        "fake_families",
        "fake_early",
        "fake_days",
        "fake_levels",
    ]
    assert _cells(document, "fake_families") == [
        {"key": "all", "label": "Alle gezinnen", "numerator": 42}
    ]
    assert _cells(document, "fake_early") == [
        {
            "key": "before_16",
            "label": "Voor 16 weken",
            "numerator": 12,
            "denominator": 30,
            "share": 0.4,
        }
    ]
    assert _cells(document, "fake_days")[0]["value"] == 95.5
    # 4 is small; 13 is hidden as well, else 42 - 25 - 13 would give the 4 away.
    assert [c["numerator"] for c in _cells(document, "fake_levels")] == [25, "<10", "x"]
    assert {c["denominator"] for c in _cells(document, "fake_levels")} == {42}


def test_a_small_count_hides_its_share_and_a_small_group_its_median(cast, fake_indicators):
    fake_indicators.set(cast.coalition, "fake_early", [Cell("b", "B", numerator=3, denominator=40)])
    fake_indicators.set(cast.coalition, "fake_days", [Cell("m", "M", denominator=7, value=12)])
    fake_indicators.set(cast.coalition, "fake_families", [Cell("all", "Alle", numerator=0)])

    document = build_document(cast.coalition, Q3, version=1)

    assert _cells(document, "fake_early") == [
        {"key": "b", "label": "B", "numerator": "<10", "denominator": 40}
    ]
    assert _cells(document, "fake_days") == [{"key": "m", "label": "M", "denominator": "<10"}]
    assert _cells(document, "fake_families")[0]["numerator"] == "<10"
    assert schema_errors(document) == []


def test_no_count_under_10_appears_anywhere_in_the_document(cast, fake_indicators):
    for code in ("fake_families", "fake_levels"):
        fake_indicators.set(
            cast.coalition, code, [Cell(str(n), f"Cel {n}", numerator=n) for n in range(0, 15)]
        )
    document = build_document(cast.coalition, Q3, version=1)
    counts = [
        cell[name]
        for indicator in document["indicators"]
        for cell in indicator["cells"]
        for name in ("numerator", "denominator")
        if name in cell
    ]
    assert all(count in ("<10", "x") or count >= 10 for count in counts)
    assert counts.count("<10") == 20


def test_the_schema_refuses_a_small_count_a_share_of_a_suppressed_cell_and_extra_fields():
    from kansrijk.testing.monitoring_federation import sample_document

    document = sample_document()
    document["indicators"][0]["cells"][0]["numerator"] = 4
    assert schema_errors(document)

    document = sample_document()
    document["indicators"][1]["cells"][0]["numerator"] = "<10"
    assert any("cells/0/numerator" in error for error in schema_errors(document))

    document = sample_document()
    document["indicators"][0]["cells"][0]["reference"] = "KR-0001"
    assert schema_errors(document)

    assert schema_errors(sample_document(schema_version=2))


def test_the_signature_covers_the_canonical_json_and_checks_with_the_public_key(
    cast, fake_indicators
):
    document = build_document(cast.coalition, Q3, version=1)
    signature = signing.sign(document)
    public_key = signing.public_key_text()

    reordered = json.loads(json.dumps(document, indent=4, sort_keys=False))
    assert signing.verify(reordered, signature, public_key)
    changed = json.loads(json.dumps(document))
    changed["indicators"][0]["cells"][0]["numerator"] = 43
    assert not signing.verify(changed, signature, public_key)
    assert not signing.verify(document, signature, new_key()[1])
    assert signing.canonical_bytes({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_the_signing_key_comes_from_the_setting(cast, fake_indicators):
    private, public = new_key()
    with override_settings(MONITORING_SIGNING_KEY=private):
        assert signing.public_key_text() == public
        assert signing.verify({"a": 1}, signing.sign({"a": 1}), public)


def test_the_registered_indicators_make_a_valid_document(cast):
    """With the real indicators (not the fakes) and a few families: the schema holds."""
    from kansrijk.monitoring import indicators as registry
    from kansrijk.testing.monitoring import monitored_family

    for _number in range(3):
        monitored_family(cast.coalition, cast.case_director)
    document = build_document(cast.coalition, Q3, version=1)

    assert schema_errors(document) == []
    assert [i["code"] for i in document["indicators"]] == [i.code for i in registry.indicators()]
