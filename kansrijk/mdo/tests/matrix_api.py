"""Authorization matrix rows for the MDO (api, and the series overview page); merged into
the matrix test.

The world's series is organised by the cast's coordinator, with the outsider (a midwife of
the coalition off the family's care team) as standing member; its meetings copy the outsider
as participant. Series and meetings are read by the coordinator and the participants; the
meeting is managed by the coordinator (the series has no chair here). A family is submitted
by its care team only: whoever may not see it gets the logged 404, break-the-glass sees it
but is not on the care team (403). The overview is for the coordinator (and a chair or
secretary). Analysts and administrators get nothing (403); without a session the API answers
401.
"""

from kansrijk.mdo import services
from kansrijk.mdo.models import MeetingStatus
from kansrijk.testing.matrix import Row, World, everyone, only
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

READERS = ["coordinator", "outsider"]


def _api(expect: dict) -> dict:
    return {**expect, "anonymous": 401}


def _series(world: World) -> dict:
    return {"pk": make_series(world.cast).pk}


def _draft_meeting(world: World) -> dict:
    return {"pk": plan_meeting(world.cast, make_series(world.cast)).pk}


class _WorldFamily:
    """The world's family id in a row's (static) form data: the row's kwargs function sets
    it before the requests, and the test client turns it into text when it posts."""

    pk: int | None = None

    def __str__(self) -> str:
        return str(self.pk)


WORLD_FAMILY = _WorldFamily()


def _meeting_for_submission(world: World) -> dict:
    WORLD_FAMILY.pk = world.family.pk
    return _draft_meeting(world)


def _published_named_item(world: World) -> dict:
    """A published meeting with the world's family on it by name: the outsider takes part."""
    consent_to_named_discussion(world.cast, world.family)
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = submit(world.cast, world.family, meeting)
    services.meeting_transition(
        actor=world.cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return {"pk": meeting.pk, "item_pk": item.pk}


ROWS: dict[str, Row] = {
    "api:mdo_series_list": Row(everyone(200, anonymous=401, analyst=403, administrator=403)),
    "api:mdo_series_detail": Row(_api(only(READERS)), kwargs=_series),
    "api:mdo_series_meetings": Row(_api(only(READERS)), kwargs=_series),
    "api:mdo_meeting_detail": Row(_api(only(READERS)), kwargs=_draft_meeting),
    # The case director puts the family on the draft agenda; the care-team member's
    # question then joins the same item (201 both).
    "api:mdo_meeting_items": Row(
        _api(
            {
                **only(["case_director", "care_team_member"], 201, others=404),
                "break_the_glass": 403,
                "analyst": 403,
                "administrator": 403,
            }
        ),
        method="post",
        kwargs=_meeting_for_submission,
        data={"family": WORLD_FAMILY, "question": "Wie neemt de regie?"},
    ),
    # The coordinator cancels the draft (version 1); the participant may not.
    "api:mdo_meeting_transition": Row(
        _api(only(["coordinator"])),
        method="post",
        kwargs=_draft_meeting,
        data={"status": MeetingStatus.CANCELLED.value, "version": "1"},
    ),
    "api:mdo_item_decisions": Row(_api(only(READERS)), kwargs=_published_named_item),
    "mdo:series_overview": Row(only(["coordinator"]), kwargs=_series),
}
