"""Authorization matrix rows for the meeting itself through the API (an item's discussion and
the minutes: kansrijk/mdo/api_meeting_write.py); merged into the matrix test.

The world's series is the coordinator's, with the outsider as standing member; its meeting
is published with one family on the agenda. The minutes are read by the coordinator and the
outsider (a participant); everyone else gets 403, analysts and administrators too, and
without a session or token 401. Only the coordinator writes: the outsider (a member, not
chair or secretary) gets 403 before the input is looked at. The rows send no input, so the
coordinator's answer is the pages' Dutch message (400). Changing the meeting (PATCH on
api:mdo_meeting_detail, whose row is its GET) and the writes themselves are in
test_api_meeting_write_*.py.
"""

from kansrijk.mdo import services
from kansrijk.mdo.models import MeetingStatus
from kansrijk.testing.families import make_family
from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.mdo import make_series, plan_meeting, submit

READERS = ["coordinator", "outsider"]


def _published_item(world: World) -> dict:
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = submit(world.cast, make_family(world.cast), meeting)
    services.meeting_transition(
        actor=world.cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return {"pk": meeting.pk, "item_pk": item.pk}


def _published_meeting(world: World) -> dict:
    return {"pk": _published_item(world)["pk"]}


def _coordinator(outcome) -> dict:
    return only(["coordinator"], outcome, anonymous=401)


ROWS: dict[str, Row] = {
    "api:mdo_item_discussion": Row(_coordinator(400), method="post", kwargs=_published_item),
    "api:mdo_minutes": Row(only(READERS, anonymous=401), kwargs=_published_meeting),
    "api:mdo_minutes_generate": Row(_coordinator(400), method="post", kwargs=_published_meeting),
    "api:mdo_minutes_finalise": Row(_coordinator(400), method="post", kwargs=_published_meeting),
}
