"""The instruments shipped in `data/`, loaded once per process.

Every version stays available: an assessment is re-read with the version it was made with.
New assessments use the latest version of an instrument.
"""

import functools
from pathlib import Path

from .loader import load_directory
from .model import Instrument

DATA_DIRECTORY = Path(__file__).with_name("data")


@functools.cache
def _instruments() -> dict[tuple[str, int], Instrument]:
    return load_directory(DATA_DIRECTORY)


def clear_cache() -> None:
    """Forget the loaded instruments (for tests that point DATA_DIRECTORY elsewhere)."""
    _instruments.cache_clear()


def all_instruments() -> list[Instrument]:
    """Every version of every instrument, by key and then version."""
    return [instrument for _, instrument in sorted(_instruments().items())]


def latest_instruments() -> list[Instrument]:
    """The newest version of each instrument, by key."""
    latest: dict[str, Instrument] = {}
    for instrument in all_instruments():
        latest[instrument.key] = instrument
    return list(latest.values())


def get_instrument(key: str, version: int | None = None) -> Instrument:
    """One version of an instrument, the latest when `version` is None.

    Raises LookupError for an unknown key or version.
    """
    instruments = _instruments()
    if version is None:
        versions = [v for (k, v) in instruments if k == key]
        if not versions:
            raise LookupError(f"unknown screening instrument {key!r}")
        version = max(versions)
    try:
        return instruments[key, version]
    except KeyError:
        raise LookupError(f"unknown screening instrument {key!r} version {version}") from None
