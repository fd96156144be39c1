"""Reading instrument files: YAML, then the JSON Schema, then the rules, then the model.

Files live at `data/<key>/v<version>.yaml`; an assessment keeps the key and version it
used, so old versions are never edited or removed, only added to. Loading is strict
because a file that loads must mean exactly one thing to every professional who acts on
its result: YAML is read with a safe loader (nothing is evaluated) that also refuses
duplicate keys and does not turn `yes`/`no` into booleans, and every problem is reported
with the file name in plain words.
"""

import functools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..levels import Level
from .errors import InstrumentError
from .model import NO_LABEL, YES_LABEL, Band, Domain, Instrument, Item, Option, Threshold
from .rules import problems_in
from .schema_messages import describe

SCHEMA_PATH = Path(__file__).with_name("schema.json")
FILE_NAME = re.compile(r"v([1-9][0-9]*)\.yaml")
YAML_SUFFIXES = {".yaml", ".yml"}


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate keys and reads only true/false as booleans.

    PyYAML silently keeps the last of two equal keys, and YAML 1.1 reads yes/no/on/off as
    booleans, which would turn the answer key `no` into False.
    """


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen = set()
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load_instrument(path: Path | str) -> Instrument:
    """Read, validate and build one instrument file; raises InstrumentError."""
    path = Path(path)
    data = _read_yaml(path)
    problems = [describe(error, data) for error in _validator().iter_errors(data)]
    if problems:
        raise InstrumentError(path, list(dict.fromkeys(problems)))
    problems = _file_name_problems(data, path) + problems_in(data)
    if problems:
        raise InstrumentError(path, problems)
    return _build(data, path)


def scan_directory(
    directory: Path | str,
) -> tuple[dict[tuple[str, int], Instrument], list[InstrumentError]]:
    """Every instrument under `directory`, and an error for every file that fails.

    The system check uses this to report each broken file, not only the first.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return {}, [InstrumentError(directory, ["the instrument directory does not exist"])]
    instruments: dict[tuple[str, int], Instrument] = {}
    errors: list[InstrumentError] = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_file() and entry.suffix in YAML_SUFFIXES:
            errors.append(
                InstrumentError(
                    entry, ["instrument files belong in a folder named after the instrument key"]
                )
            )
        if not entry.is_dir():
            continue
        for path in sorted(entry.iterdir()):
            if path.suffix not in YAML_SUFFIXES or path.name.startswith("."):
                continue
            try:
                instrument = load_instrument(path)
            except InstrumentError as error:
                errors.append(error)
            else:
                instruments[instrument.key, instrument.version] = instrument
    return instruments, errors


def load_directory(directory: Path | str) -> dict[tuple[str, int], Instrument]:
    """Every instrument under `directory` by (key, version); any broken file raises."""
    instruments, errors = scan_directory(directory)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InstrumentError(directory, [str(error) for error in errors])
    return instruments


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstrumentError(path, [f"cannot be read: {error}"]) from error
    try:
        # _StrictLoader is a SafeLoader: it builds plain data and never runs code.
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (_StrictLoader is a SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InstrumentError(path, [f"is not valid YAML: {error.problem}{at}"]) from error
    except yaml.YAMLError as error:
        raise InstrumentError(path, [f"is not valid YAML: {error}"]) from error
    if data is None:
        raise InstrumentError(path, ["the file is empty"])
    return data


def _file_name_problems(data: dict[str, Any], path: Path) -> list[str]:
    """The file must sit at <key>/v<version>.yaml, so a stored (key, version) finds it."""
    match = FILE_NAME.fullmatch(path.name)
    if not match:
        return [f"the file name must be v<version>.yaml, e.g. v{data['version']}.yaml"]
    problems = []
    if int(match[1]) != data["version"]:
        problems.append(
            f"wrong version: the file says version {data['version']}, "
            f"but its name says {int(match[1])}"
        )
    if path.parent.name != data["key"]:
        problems.append(
            f"wrong key: the file says key {data['key']!r}, "
            f"but it is in the folder {path.parent.name!r}"
        )
    return problems


# -- Building the model ----------------------------------------------------------------


def _level(value: str | None) -> Level | None:
    return Level(value) if value is not None else None


def _thresholds(data: list[dict[str, Any]]) -> tuple[Threshold, ...]:
    return tuple(Threshold(Level(t["level"]), t["min"], t.get("max")) for t in data)


def _answer_option(key: str, label: dict[str, str], data: dict[str, Any] | None) -> Option:
    data = data or {}
    return Option(key, label, data.get("weight", 0), _level(data.get("sets_level")))


def _build_item(data: dict[str, Any], domain_key: str) -> Item:
    item_type = data["type"]
    options: tuple[Option, ...] = ()
    if item_type == "yes_no":
        options = (
            _answer_option("yes", YES_LABEL, data.get("yes")),
            _answer_option("no", NO_LABEL, data.get("no")),
        )
    elif item_type == "choice":
        options = tuple(_answer_option(o["key"], o["label"], o) for o in data["options"])
    bands = tuple(
        Band(b["min"], b["max"], b.get("weight", 0), _level(b.get("sets_level")))
        for b in sorted(data.get("bands", []), key=lambda band: band["min"])
    )
    return Item(
        key=data["key"],
        domain_key=domain_key,
        type=item_type,
        text=data["text"],
        help=data.get("help"),
        respondent=data.get("respondent", "client"),
        answered_by=data.get("answered_by", "professional"),
        required=data.get("required", True),
        options=options,
        min=data.get("min"),
        max=data.get("max"),
        bands=bands,
    )


def _build(data: dict[str, Any], path: Path) -> Instrument:
    domains = tuple(
        Domain(
            key=domain["key"],
            title=domain["title"],
            items=tuple(_build_item(item, domain["key"]) for item in domain["items"]),
            thresholds=_thresholds(domain["thresholds"]) if "thresholds" in domain else None,
        )
        for domain in data["domains"]
    )
    return Instrument(
        key=data["key"],
        version=data["version"],
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        source=data["source"],
        source_url=data.get("source_url", ""),
        validated=data["validated"],
        domains=domains,
        thresholds=_thresholds(data["thresholds"]),
        path=path,
    )
