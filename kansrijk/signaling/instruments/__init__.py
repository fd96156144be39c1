"""Screening instruments as versioned data files, their loader and the scoring engine.

An instrument is a YAML file at `data/<key>/v<version>.yaml`, validated on load (JSON
Schema in `schema.json`, then `rules.py`); nothing in it is evaluated. See DESIGN.md §4.
"""

from .answers import validate_answers
from .errors import InstrumentError
from .loader import load_directory, load_instrument, scan_directory
from .model import Band, Domain, Instrument, Item, Option, Threshold, t
from .registry import all_instruments, get_instrument, latest_instruments
from .scoring import DomainResult, Driver, Result, score

__all__ = [
    "Band",
    "Domain",
    "DomainResult",
    "Driver",
    "Instrument",
    "InstrumentError",
    "Item",
    "Option",
    "Result",
    "Threshold",
    "all_instruments",
    "get_instrument",
    "latest_instruments",
    "load_directory",
    "load_instrument",
    "scan_directory",
    "score",
    "t",
    "validate_answers",
]
