"""Authorization matrix rows for managing an MDO through the API (kansrijk/mdo/api_manage.py);
merged into the matrix test.

The world's series is the coordinator's, with the outsider as standing member, and its
meeting (a draft) has one family on the agenda. Only the coordinator manages: the outsider (a
member, not chair or secretary) and every other professional get 403 before their input is
looked at, analysts and administrators 403, without a session or token 401. The rows send no
input, so the coordinator's answer is the pages' Dutch message (400); removing the outsider as
standing participant succeeds (204). The writes themselves are in test_api_manage.py.
"""

from kansrijk.testing.families import make_family
from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.mdo import make_series, plan_meeting, submit


def _series(world: World) -> dict:
    return {"pk": make_series(world.cast).pk}


def _participant(world: World) -> dict:
    series = make_series(world.cast)
    return {"pk": series.pk, "participant_pk": series.participants.get().pk}


def _meeting(world: World) -> dict:
    return {"pk": plan_meeting(world.cast, make_series(world.cast)).pk}


def _item(world: World) -> dict:
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = submit(world.cast, make_family(world.cast), meeting)
    return {"pk": meeting.pk, "item_pk": item.pk}


def _coordinator(outcome) -> dict:
    return only(["coordinator"], outcome, anonymous=401)


ROWS: dict[str, Row] = {
    "api:mdo_series_participants": Row(_coordinator(400), method="post", kwargs=_series),
    "api:mdo_series_participant_detail": Row(
        _coordinator(204), method="delete", kwargs=_participant
    ),
    "api:mdo_meeting_participants": Row(_coordinator(400), method="post", kwargs=_meeting),
    # The test client sends PUT data as it is: `{}` with its JSON content type.
    "api:mdo_attendance": Row(
        _coordinator(400),
        method="put",
        kwargs=_meeting,
        headers={"Content-Type": "application/json"},
    ),
    "api:mdo_item_move": Row(_coordinator(400), method="post", kwargs=_item),
    "api:mdo_item_schedule": Row(_coordinator(400), method="post", kwargs=_item),
    "api:mdo_item_withdraw": Row(_coordinator(400), method="post", kwargs=_item),
}
