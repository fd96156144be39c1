"""The rules an instrument file must follow that JSON Schema cannot express.

They exist so that scoring can never be ambiguous: threshold ranges start at 0, touch
without gaps or overlap and end open-ended (weights are never negative), so every total
has exactly one level; keys are unique, so an answer belongs to exactly one item; free text
is never scored. Each rule returns problems in plain words; the loader adds the file name.
The input is the parsed file after it passed the schema.
"""

from collections import Counter
from itertools import pairwise
from typing import Any

from ..levels import LEVEL_ORDER, Level

# Fields that only some item types can have; every item may have key, type, text, help,
# respondent, answered_by and required.
TYPE_FIELDS = {
    "yes_no": {"yes", "no"},
    "choice": {"options"},
    "scale": {"min", "max", "bands"},
    "text": set(),
}
SCORING_FIELDS = {"yes", "no", "options", "min", "max", "bands", "weight", "sets_level"}

JUDGEMENT_LEVEL_ITEM = "niveau"
JUDGEMENT_REASON_ITEM = "reden"

Data = dict[str, Any]


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(Level(level))


def _span(threshold: Data) -> str:
    if "max" not in threshold:
        return f"{threshold['min']} and up"
    return f"{threshold['min']}-{threshold['max']}"


def threshold_problems(thresholds: list[Data], where: str) -> list[str]:
    """Ranges in increasing level order, from 0, contiguous, the last one open-ended."""
    problems = []
    if thresholds[0]["min"] != 0:
        problems.append(
            f"{where}: the first range must start at 0, but {thresholds[0]['level']} "
            f"starts at {thresholds[0]['min']}"
        )
    for threshold in thresholds:
        if "max" in threshold and threshold["max"] < threshold["min"]:
            problems.append(
                f"{where}: the range of {threshold['level']} ends ({threshold['max']}) "
                f"before it starts ({threshold['min']})"
            )
    for level, count in Counter(threshold["level"] for threshold in thresholds).items():
        if count > 1:
            problems.append(f"{where}: level {level} appears {count} times; levels must be unique")
    for previous, following in pairwise(thresholds):
        if _rank(following["level"]) < _rank(previous["level"]):
            problems.append(
                f"{where}: levels must go from low to high risk "
                f"(none, potentially_vulnerable, vulnerable, urgent), "
                f"but {following['level']} comes after {previous['level']}"
            )
        if "max" not in previous:
            problems.append(
                f"{where}: only the last range may be open-ended, "
                f"but {previous['level']} has no max"
            )
        elif following["min"] <= previous["max"]:
            problems.append(
                f"{where}: the ranges overlap: {previous['level']} ({_span(previous)}) "
                f"and {following['level']} ({_span(following)})"
            )
        elif following["min"] > previous["max"] + 1:
            problems.append(
                f"{where}: there is a gap between {previous['level']} ({_span(previous)}) "
                f"and {following['level']} ({_span(following)}): totals "
                f"{previous['max'] + 1}-{following['min'] - 1} have no level"
            )
    if "max" in thresholds[-1]:
        problems.append(
            f"{where}: the last range ({thresholds[-1]['level']}) must be open-ended "
            "(remove its max), so that every total has a level"
        )
    return problems


def item_problems(item: Data, where: str) -> list[str]:
    """Which fields fit the item's type, and whether its answers are complete."""
    item_type = item["type"]
    present = SCORING_FIELDS & item.keys()
    if item_type == "text":
        if present:
            return [
                f"{where}: a text item cannot have {_names(present)}: "
                "free text is never scored, so it has no weights, levels or options"
            ]
        return []
    problems = []
    if present & {"weight", "sets_level"}:
        problems.append(
            f"{where}: weights and levels belong on the answers "
            f"({_answers_field(item_type)}), not on the item itself"
        )
    for name in sorted(present - TYPE_FIELDS[item_type] - {"weight", "sets_level"}):
        problems.append(f"{where}: field {name!r} does not apply to a {item_type} item")
    if item_type == "choice":
        problems += _choice_problems(item, where)
    if item_type == "scale":
        problems += _scale_problems(item, where)
    return problems


def _answers_field(item_type: str) -> str:
    return {"yes_no": "yes: and no:", "choice": "options", "scale": "bands"}[item_type]


def _choice_problems(item: Data, where: str) -> list[str]:
    options = item.get("options") or []
    if len(options) < 2:
        return [f"{where}: a choice item needs options, at least two (found {len(options)})"]
    return [
        f"{where}: option key {key!r} is used {count} times"
        for key, count in Counter(option["key"] for option in options).items()
        if count > 1
    ]


def _scale_problems(item: Data, where: str) -> list[str]:
    if "min" not in item or "max" not in item:
        return [f"{where}: a scale item needs both min and max"]
    low, high = item["min"], item["max"]
    if low >= high:
        return [f"{where}: the scale's min ({low}) must be below its max ({high})"]
    bands = sorted(item.get("bands", []), key=lambda band: band["min"])
    if not bands:
        return []
    covered = [band["min"] <= band["max"] for band in bands]
    starts_and_ends = bands[0]["min"] == low and bands[-1]["max"] == high
    contiguous = all(b["min"] == a["max"] + 1 for a, b in pairwise(bands))
    if all(covered) and starts_and_ends and contiguous:
        return []
    return [
        f"{where}: the bands must cover every answer from {low} to {high} exactly once, "
        "without gaps or overlap"
    ]


def key_problems(data: Data) -> list[str]:
    """Domain keys and item keys are unique; item keys across the whole instrument."""
    problems = []
    domain_keys = Counter(domain["key"] for domain in data["domains"])
    for key, count in domain_keys.items():
        if count > 1:
            problems.append(f"domain key {key!r} is used {count} times")
    item_domains: dict[str, list[str]] = {}
    for domain in data["domains"]:
        for item in domain["items"]:
            item_domains.setdefault(item["key"], []).append(domain["key"])
    for key, domains in item_domains.items():
        if len(domains) > 1:
            where = "domain" if len(set(domains)) == 1 else "domains"
            problems.append(
                f"item key {key!r} is used {len(domains)} times (in {where} "
                f"{_names(set(domains))}); item keys must be unique in the instrument"
            )
    return problems


def judgement_problems(data: Data) -> list[str]:
    """A judgement is one required level choice and one required reason, nothing scored."""
    items = {item["key"]: item for domain in data["domains"] for item in domain["items"]}
    problems = []
    if set(items) != {JUDGEMENT_LEVEL_ITEM, JUDGEMENT_REASON_ITEM}:
        problems.append(
            "a judgement instrument has exactly two items: "
            f"{JUDGEMENT_LEVEL_ITEM!r} (choice) and {JUDGEMENT_REASON_ITEM!r} (text), "
            f"found {_names(items) or 'none'}"
        )
    level_item = items.get(JUDGEMENT_LEVEL_ITEM)
    if level_item:
        if level_item["type"] != "choice" or not level_item.get("required", True):
            problems.append(f"item {JUDGEMENT_LEVEL_ITEM!r} must be a required choice item")
        for option in level_item.get("options", []):
            if option.get("weight", 0) != 0 or "sets_level" not in option:
                problems.append(
                    f"option {option['key']!r} of {JUDGEMENT_LEVEL_ITEM!r} must have weight 0 "
                    "and a sets_level: the professional chooses the level itself"
                )
    reason_item = items.get(JUDGEMENT_REASON_ITEM)
    if reason_item and (reason_item["type"] != "text" or not reason_item.get("required", True)):
        problems.append(f"item {JUDGEMENT_REASON_ITEM!r} must be a required text item")
    if data["thresholds"] != [{"level": "none", "min": 0}]:
        problems.append("a judgement instrument has the single threshold {level: none, min: 0}")
    return problems


def problems_in(data: Data) -> list[str]:
    """Every rule, over the whole parsed file."""
    problems = threshold_problems(data["thresholds"], "thresholds")
    for domain in data["domains"]:
        where = f"domain {domain['key']!r}"
        if "thresholds" in domain:
            problems += threshold_problems(domain["thresholds"], f"{where}, thresholds")
        for item in domain["items"]:
            problems += item_problems(item, f"{where}, item {item['key']!r}")
    problems += key_problems(data)
    if data["kind"] == "judgement":
        problems += judgement_problems(data)
    return problems


def _names(names: Any) -> str:
    return ", ".join(repr(name) for name in sorted(names))
