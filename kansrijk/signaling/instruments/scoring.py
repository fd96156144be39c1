"""Scoring: from answers to a level per domain and overall, and the answers that drove it.

The overall level is the highest of the level whose threshold range contains the total and
every level an answer sets on its own ("urgent on its own" for acute unsafety). Weights are
never negative and thresholds increase, so more risk never gives a lower level. The result
is a proposal, never a verdict: the professional chooses the route and records why
(DESIGN.md §4). It is stored as JSON with the assessment, hence `as_dict`/`from_dict`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..levels import Level
from .model import Answer, Domain, Instrument, threshold_level


@dataclass(frozen=True)
class Driver:
    """An answer that counted: it added weight or set a level on its own."""

    item_key: str
    domain_key: str
    answer: Answer
    weight: int
    sets_level: Level | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "item_key": self.item_key,
            "domain_key": self.domain_key,
            "answer": self.answer,
            "weight": self.weight,
            "sets_level": self.sets_level.value if self.sets_level else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Driver":
        sets_level = data["sets_level"]
        return cls(
            item_key=data["item_key"],
            domain_key=data["domain_key"],
            answer=data["answer"],
            weight=data["weight"],
            sets_level=Level(sets_level) if sets_level is not None else None,
        )


@dataclass(frozen=True)
class DomainResult:
    key: str
    score: int
    level: Level
    answered: int
    total_items: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "score": self.score,
            "level": self.level.value,
            "answered": self.answered,
            "total_items": self.total_items,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DomainResult":
        return cls(
            key=data["key"],
            score=data["score"],
            level=Level(data["level"]),
            answered=data["answered"],
            total_items=data["total_items"],
        )


@dataclass(frozen=True)
class Result:
    instrument_key: str
    instrument_version: int
    total: int
    level: Level
    domains: tuple[DomainResult, ...]
    drivers: tuple[Driver, ...]
    urgent_items: tuple[str, ...]

    def domain(self, key: str) -> DomainResult:
        for domain in self.domains:
            if domain.key == key:
                return domain
        raise KeyError(f"no result for domain {key!r}")

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON types only, for the assessment's JSONField."""
        return {
            "instrument_key": self.instrument_key,
            "instrument_version": self.instrument_version,
            "total": self.total,
            "level": self.level.value,
            "domains": [domain.as_dict() for domain in self.domains],
            "drivers": [driver.as_dict() for driver in self.drivers],
            "urgent_items": list(self.urgent_items),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Result":
        return cls(
            instrument_key=data["instrument_key"],
            instrument_version=data["instrument_version"],
            total=data["total"],
            level=Level(data["level"]),
            domains=tuple(DomainResult.from_dict(domain) for domain in data["domains"]),
            drivers=tuple(Driver.from_dict(driver) for driver in data["drivers"]),
            urgent_items=tuple(data["urgent_items"]),
        )


def score(instrument: Instrument, answers: Mapping[str, object]) -> Result:
    """Score `answers` (item key → value); unanswered items count 0.

    Validate with `validate_answers` first: an unknown item or an impossible answer raises
    ValueError here, because a silently skipped answer could hide a risk.
    """
    unknown = sorted(set(answers) - {item.key for item in instrument.items})
    if unknown:
        raise ValueError(f"{instrument.key} v{instrument.version} has no items {unknown}")
    domain_results = []
    drivers: list[Driver] = []
    for domain in instrument.domains:
        domain_result, domain_drivers = _score_domain(domain, answers)
        domain_results.append(domain_result)
        drivers += domain_drivers
    total = sum(result.score for result in domain_results)
    level = Level.highest(
        threshold_level(instrument.thresholds, total),
        *(driver.sets_level for driver in drivers if driver.sets_level is not None),
    )
    urgent_items = tuple(d.item_key for d in drivers if d.sets_level == Level.URGENT)
    # Stable sort: equally heavy drivers keep the order of the instrument.
    drivers.sort(key=lambda d: (-(d.sets_level.rank if d.sets_level else -1), -d.weight))
    return Result(
        instrument_key=instrument.key,
        instrument_version=instrument.version,
        total=total,
        level=level,
        domains=tuple(domain_results),
        drivers=tuple(drivers),
        urgent_items=urgent_items,
    )


def _score_domain(
    domain: Domain, answers: Mapping[str, object]
) -> tuple[DomainResult, list[Driver]]:
    points = answered = 0
    drivers = []
    for item in domain.items:
        answer = item.parse_answer(answers.get(item.key))
        if answer is None:
            continue
        answered += 1
        weight, sets_level = item.weight_for(answer), item.sets_level_for(answer)
        points += weight
        if weight > 0 or sets_level is not None:
            drivers.append(Driver(item.key, domain.key, answer, weight, sets_level))
    if domain.thresholds:
        base = threshold_level(domain.thresholds, points)
    else:
        base = Level.POTENTIALLY_VULNERABLE if points > 0 else Level.NONE
    level = Level.highest(base, *(d.sets_level for d in drivers if d.sets_level is not None))
    result = DomainResult(domain.key, points, level, answered, len(domain.items))
    return result, drivers
