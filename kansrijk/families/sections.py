"""Sections that later apps add to the top of the family file.

`families` must not import the apps above it (DESIGN.md section 2), yet the file shows their
state first: the vulnerability level and route (signaling), later the case director and the
plan (care). Each such app registers a section from its `AppConfig.ready`: a template and a
function that builds that template's context for the family the page already fetched through
the access policy. A section's function does its own reads (a few queries, whatever the
family's size) and may return None to show nothing. It may also be a reader
(`kansrijk.core.together`): a generator that asks its queries, yields, and returns the
context; the sections' queries of a step then go to the database together.
"""

from collections.abc import Callable
from dataclasses import dataclass
from inspect import isgenerator

from kansrijk.core.together import Reader, answered, read_now, side_by_side


@dataclass(frozen=True)
class FileSection:
    code: str
    template: str
    # (request, family) -> context or None, or a reader of it
    context: Callable[[object, object], dict | Reader | None]
    order: int = 50


_sections: dict[str, FileSection] = {}


def register_file_section(section: FileSection) -> None:
    """Add (or replace, on a reload) a section; called from `AppConfig.ready`."""
    _sections[section.code] = section


def file_sections(request, family) -> list[dict]:
    """The registered sections for this family, in order, as {template, context} dicts."""
    return read_now(_file_sections_reads(request, family))


def _file_sections_reads(request, family) -> Reader:
    """Every section side by side: their queries of a step in one round trip."""
    ordered = sorted(_sections.values(), key=lambda s: (s.order, s.code))
    contexts = yield from side_by_side(_reader(s.context(request, family)) for s in ordered)
    return [
        {"template": section.template, "context": context}
        for section, context in zip(ordered, contexts, strict=True)
        if context is not None
    ]


def _reader(context) -> Reader:
    return context if isgenerator(context) else answered(context)
