"""System check: every shipped instrument file loads.

A broken file would otherwise surface only when a professional opens an assessment; the
check makes `manage.py check` and the deploy fail first, with one error per file.
"""

from pathlib import Path
from typing import Any

from django.core.checks import Error

from . import registry
from .loader import scan_directory


def check_instruments(
    app_configs: Any = None, *, directory: Path | None = None, **kwargs: Any
) -> list[Error]:
    """One `signaling.E001` per instrument file that cannot be loaded."""
    _, errors = scan_directory(directory or registry.DATA_DIRECTORY)
    return [
        Error(
            f"Screening instrument cannot be loaded: {error}",
            hint="Fix the file; its structure is described in "
            "kansrijk/signaling/instruments/schema.json.",
            obj=str(error.path),
            id="signaling.E001",
        )
        for error in errors
    ]
