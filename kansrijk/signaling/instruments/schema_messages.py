"""JSON Schema errors in plain words, located by domain and item key.

jsonschema's own messages name JSON paths ("$.domains[3].items[1]"); the person fixing an
instrument file thinks in domains and items, so the location is spelled out with their keys.
"""

from typing import Any

import jsonschema

_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
}
_ENUM_WORDS = {
    "type": "item type",
    "kind": "kind",
    "level": "level",
    "sets_level": "level",
    "respondent": "respondent",
    "answered_by": "answered_by",
}
_LIST_ENTRIES = {
    "domains": "domain",
    "items": "item",
    "options": "option",
    "thresholds": "threshold",
    "bands": "band",
}


def _where(data: Any, path: Any) -> str:
    """A JSON path as words: `domain 'leefstijl', item 'lf_roken', text`."""
    parts: list[str] = []
    node = data
    parent = None
    for step in path:
        if isinstance(step, int) and isinstance(node, list):
            node = node[step]
            key = node.get("key") if isinstance(node, dict) else None
            noun = _LIST_ENTRIES.get(parent, f"{parent} entry")
            if parts and parts[-1] == parent:
                parts.pop()
            parts.append(f"{noun} {key!r}" if isinstance(key, str) else f"{noun} #{step + 1}")
        else:
            node = node[step] if isinstance(node, dict) else None
            parts.append(str(step))
        parent = step
    return ", ".join(parts)


def describe(error: jsonschema.ValidationError, data: Any) -> str:
    """One problem, e.g. "domain 'thuis', item 'geweld', text: missing 'en'"."""
    where = _where(data, error.absolute_path)
    problem = _problem(error)
    return f"{where}: {problem}" if where else problem


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _problem(error: jsonschema.ValidationError) -> str:
    instance, value = error.instance, error.validator_value
    if error.validator == "required":
        missing = [name for name in value if name not in instance]
        hint = (
            " (every text needs Dutch (nl) and English (en))" if set(value) == {"nl", "en"} else ""
        )
        return f"missing {', '.join(repr(name) for name in missing)}{hint}"
    if error.validator == "additionalProperties":
        unknown = sorted(set(instance) - set(error.schema.get("properties", {})), key=str)
        return f"unknown field {', '.join(repr(name) for name in unknown)}"
    if error.validator == "enum":
        name = error.absolute_path[-1] if error.absolute_path else ""
        noun = _ENUM_WORDS.get(str(name), str(name))
        return f"unknown {noun} {_short(instance)} (expected one of: {', '.join(value)})"
    if error.validator == "type":
        expected = _TYPE_WORDS.get(value, value)
        return f"must be {expected}, not {_short(instance)}"
    if error.validator in ("minItems", "minLength"):
        return "must not be empty" if value == 1 else f"needs at least {value} entries"
    if error.validator == "minimum":
        return f"must be {value} or more, not {_short(instance)}"
    if error.validator == "maximum":
        return f"must be {value} or less, not {_short(instance)}"
    if error.validator == "pattern":
        expected = error.schema.get("description", f"the form {value}")
        return f"{_short(instance)} is not valid: use {expected}"
    return error.message
