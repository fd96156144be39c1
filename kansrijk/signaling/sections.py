"""The signaling section at the top of the family file (registered in `SignalingConfig`)."""

from django.utils import timezone

from kansrijk.core.together import Reader

from . import instruments as registry
from .levels import Level
from .selectors import family_signaling_reads


def signaling_section(request, family) -> Reader:
    """Current level and route with the open next steps, and the history of levels (a
    reader: `kansrijk.core.together`)."""
    summary = yield from family_signaling_reads(family)
    latest = summary.latest
    instrument = None
    if latest is not None:
        try:
            instrument = registry.get_instrument(latest.instrument_key, latest.instrument_version)
        except LookupError:
            instrument = None
    return {
        "family": family,
        "summary": summary,
        "level": Level(latest.level) if latest else None,
        "instrument": instrument,
        "today": timezone.localdate(),
        "next": request.get_full_path(),
    }
