"""Authorization matrix rows for the MDO (meeting); merged into the matrix test.

The world's family is on the agenda of a published meeting by name (consent given). The
meeting's managers are the coalition's coordinator (no professional role: the anonymous
summary only); the outsider is a standing member (a participant: reads). Nobody else takes
part: everyone else gets 403, analysts and administrators too.
"""

from kansrijk.mdo import services
from kansrijk.mdo.models import MeetingStatus
from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

MANAGER = "coordinator"
PARTICIPANT = "outsider"
# The meeting's version after planning (1) and publishing (2).
PUBLISHED_VERSION = 2


def _published(world: World):
    consent_to_named_discussion(world.cast, world.family)
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = submit(world.cast, world.family, meeting)
    meeting = services.meeting_transition(
        actor=world.cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return meeting, item


def _meeting(world: World) -> dict:
    meeting, _item = _published(world)
    return {"pk": meeting.pk}


def _item(world: World) -> dict:
    meeting, item = _published(world)
    return {"pk": meeting.pk, "item_pk": item.pk}


def _readers(outcome=200) -> dict:
    return only([MANAGER, PARTICIPANT], outcome)


ROWS: dict[str, Row] = {
    "mdo:discuss": Row(_readers(), kwargs=_meeting),
    "mdo:item": Row(_readers(), kwargs=_item),
    "mdo:item_discussion": Row(
        only([MANAGER], 302),
        method="post",
        kwargs=_item,
        data={"discussion": "Besproken.", "version": 1},
    ),
    "mdo:decision_add": Row(
        only([MANAGER], 302),
        method="post",
        kwargs=_item,
        data={"kind": "advice", "text": "Overweeg VoorZorg."},
    ),
    "mdo:attendance": Row(_readers(), kwargs=_meeting),
    "mdo:minutes": Row(_readers(), kwargs=_meeting),
    "mdo:minutes_generate": Row(
        only([MANAGER], 302), method="post", kwargs=_meeting, data={"version": PUBLISHED_VERSION}
    ),
    "mdo:minutes_finalise": Row(only([MANAGER]), kwargs=_meeting),
    "mdo:minutes_print": Row(_readers(), kwargs=_meeting),
}
