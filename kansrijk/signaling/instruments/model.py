"""A screening instrument once loaded: frozen, plain data.

Instruments are data, not code (DESIGN.md §4): the R4U weights are not public and its
original scoring predicted poorly, so every instrument is a versioned file that states its
source and whether it is validated. The loader builds these classes from a validated file;
nothing here evaluates anything that came from the file. Texts are `{nl: ..., en: ...}`
mappings; `t()` picks the active language. Dict fields are left out of hashing so that
options and items can still be used in sets.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.utils.translation import get_language

from ..levels import Level

ITEM_TYPES = ("yes_no", "choice", "scale", "text")
RESPONDENTS = ("client", "partner")
ANSWERED_BY = ("professional", "self_report")
KINDS = ("questionnaire", "judgement")

Answer = str | int
"""A parsed answer: an option key ("yes"/"no" for yes_no), an int for scale, text."""

YES_LABEL = {"nl": "Ja", "en": "Yes"}
NO_LABEL = {"nl": "Nee", "en": "No"}

_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def t(text: dict[str, str] | None) -> str:
    """The text in the active language: English when "en" is active, Dutch otherwise."""
    if not text:
        return ""
    language = (get_language() or "nl").split("-")[0]
    if language == "en" and text.get("en"):
        return text["en"]
    return text.get("nl", "")


@dataclass(frozen=True)
class Option:
    """One answer to a yes_no or choice item, with what choosing it weighs."""

    key: str
    label: dict[str, str] = field(hash=False)
    weight: int = 0
    sets_level: Level | None = None


@dataclass(frozen=True)
class Band:
    """The weight of a range of scale answers (`min` to `max`, both included)."""

    min: int
    max: int
    weight: int = 0
    sets_level: Level | None = None

    def contains(self, value: int) -> bool:
        return self.min <= value <= self.max


@dataclass(frozen=True)
class Threshold:
    """Totals from `min` to `max` (both included; `max` None is open-ended) give `level`."""

    level: Level
    min: int
    max: int | None = None

    def contains(self, total: int) -> bool:
        return total >= self.min and (self.max is None or total <= self.max)


def threshold_level(thresholds: tuple[Threshold, ...], total: int) -> Level:
    """The level of the one range that contains `total`.

    The loader guarantees the ranges start at 0, are contiguous and end open-ended, and
    weights are never negative, so exactly one range matches.
    """
    for threshold in thresholds:
        if threshold.contains(total):
            return threshold.level
    raise ValueError(f"no threshold range contains the total {total}")


@dataclass(frozen=True)
class Item:
    """One question. Weights live on its answers: options, or bands for a scale."""

    key: str
    domain_key: str
    type: str
    text: dict[str, str] = field(hash=False)
    help: dict[str, str] | None = field(hash=False)
    respondent: str
    answered_by: str
    required: bool
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    bands: tuple[Band, ...] = ()

    @property
    def is_partner_item(self) -> bool:
        return self.respondent == "partner"

    def option(self, key: str) -> Option:
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(f"item {self.key!r} has no option {key!r}")

    def parse_answer(self, value: object) -> Answer | None:
        """The answer in its canonical form, None when unanswered.

        Forms send strings, so a scale accepts "7" as well as 7. Raises ValueError for an
        answer this item cannot have.
        """
        if value is None:
            return None
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
        if self.type == "text":
            if not isinstance(value, str):
                raise ValueError(f"{self.key}: a text answer must be text")
            return value
        if self.type == "scale":
            return self._parse_scale(value)
        if not isinstance(value, str) or value not in {option.key for option in self.options}:
            raise ValueError(f"{self.key}: {value!r} is not one of its answers")
        return value

    def _parse_scale(self, value: object) -> int:
        if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{self.key}: a scale answer must be a whole number")
        if self.min is None or self.max is None or not self.min <= value <= self.max:
            raise ValueError(f"{self.key}: {value} is outside {self.min}-{self.max}")
        return value

    def _scored(self, answer: object) -> Option | Band | None:
        parsed = self.parse_answer(answer)
        if parsed is None or self.type == "text":
            return None
        if self.type == "scale":
            return next((band for band in self.bands if band.contains(int(parsed))), None)
        return self.option(str(parsed))

    def weight_for(self, answer: object) -> int:
        """What the answer adds to the score; unanswered and text answers add 0."""
        scored = self._scored(answer)
        return scored.weight if scored else 0

    def sets_level_for(self, answer: object) -> Level | None:
        """The level this answer sets on its own (e.g. urgent for acute unsafety), if any."""
        scored = self._scored(answer)
        return scored.sets_level if scored else None

    @property
    def max_weight(self) -> int:
        weights = [option.weight for option in self.options] + [b.weight for b in self.bands]
        return max(weights, default=0)


@dataclass(frozen=True)
class Domain:
    """A group of items; its own thresholds are optional."""

    key: str
    title: dict[str, str] = field(hash=False)
    items: tuple[Item, ...] = ()
    thresholds: tuple[Threshold, ...] | None = None


@dataclass(frozen=True)
class Instrument:
    """One version of a screening instrument, as loaded from `data/<key>/v<version>.yaml`.

    An assessment stores `key` and `version`, so every version stays loadable and scores
    the same way forever.
    """

    key: str
    version: int
    kind: str
    title: dict[str, str] = field(hash=False)
    description: dict[str, str] = field(hash=False)
    source: str
    source_url: str
    validated: bool
    domains: tuple[Domain, ...]
    thresholds: tuple[Threshold, ...]
    path: Path | None = field(default=None, compare=False)

    @cached_property
    def items(self) -> tuple[Item, ...]:
        """Every item, in the order of the file."""
        return tuple(item for domain in self.domains for item in domain.items)

    @cached_property
    def _items_by_key(self) -> dict[str, Item]:
        return {item.key: item for item in self.items}

    def item(self, key: str) -> Item:
        try:
            return self._items_by_key[key]
        except KeyError:
            raise KeyError(f"instrument {self.key} v{self.version} has no item {key!r}") from None

    def domain(self, key: str) -> Domain:
        for domain in self.domains:
            if domain.key == key:
                return domain
        raise KeyError(f"instrument {self.key} v{self.version} has no domain {key!r}")

    @property
    def is_judgement(self) -> bool:
        return self.kind == "judgement"

    @property
    def has_partner_items(self) -> bool:
        return any(item.is_partner_item for item in self.items)

    @property
    def max_score(self) -> int:
        """The highest total possible: the heaviest answer to every item."""
        return sum(item.max_weight for item in self.items)
