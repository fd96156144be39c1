"""Extra sections of the governance report, added by later apps (which monitoring may not
import): the klantroute's improvement agreements, for one.

A section is a template and a function `(coalition, municipality) -> dict | None` giving its
context; None leaves the section out. Sections are rendered after the indicators, in the
order of `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable
    order: int = 100


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections_for(coalition, municipality=None) -> list[tuple[str, dict]]:
    """(template, context) of every registered section with something to show."""
    found = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(coalition, municipality)
        if context is not None:
            found.append((section.template, context))
    return found
