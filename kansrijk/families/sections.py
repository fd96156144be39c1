"""Sections that later apps add to the top of the family file.

`families` must not import the apps above it (DESIGN.md section 2), yet the file shows their
state first: the vulnerability level and route (signaling), later the case director and the
plan (care). Each such app registers a section from its `AppConfig.ready`: a template and a
function that builds that template's context for the family the page already fetched through
the access policy. A section's function does its own reads (a few queries, whatever the
family's size) and may return None to show nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FileSection:
    code: str
    template: str
    context: Callable[[object, object], dict | None]  # (request, family) -> context or None
    order: int = 50


_sections: dict[str, FileSection] = {}


def register_file_section(section: FileSection) -> None:
    """Add (or replace, on a reload) a section; called from `AppConfig.ready`."""
    _sections[section.code] = section


def file_sections(request, family) -> list[dict]:
    """The registered sections for this family, in order, as {template, context} dicts."""
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.code)):
        context = section.context(request, family)
        if context is not None:
            rendered.append({"template": section.template, "context": context})
    return rendered
