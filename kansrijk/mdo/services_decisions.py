"""What the MDO decides about an agenda item, and what that sets in motion (being written)."""

from .models import AgendaItem, MdoMeeting


def review_items_due(meeting: MdoMeeting) -> list[AgendaItem]:
    """Families that an earlier decision sent back to the agenda by `meeting`'s date, as new
    (unsaved) candidate items of `meeting`."""
    return []
