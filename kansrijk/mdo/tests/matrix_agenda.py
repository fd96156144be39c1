"""Authorization matrix rows for the MDO (agenda); merged into the matrix test.

The world's series is organised by the cast's coordinator, with the outsider (a midwife of
the coalition off the family's care team) as standing member; its meeting copies the
outsider as participant. Series and meetings are managed by the coordinator (who alone gets
the names suggested for a new participant); the meeting's participants read its page; the
family is submitted from its file by its care team only. Analysts and administrators get
nothing (403).
"""

from kansrijk.mdo.models import AgendaItem, ItemSource, ItemStatus
from kansrijk.testing.matrix import (
    CARE_TEAM,
    Row,
    World,
    everyone,
    family_kwargs,
    family_only,
    only,
)
from kansrijk.testing.mdo import make_series, plan_meeting, submit

COORDINATOR = ["coordinator"]
MEETING_READERS = ["coordinator", "outsider"]


def _series(world: World) -> dict:
    return {"pk": make_series(world.cast).pk}


def _standing_participant(world: World) -> dict:
    series = make_series(world.cast)
    return {"pk": series.pk, "participant_pk": series.participants.get().pk}


def _meeting(world: World) -> dict:
    return {"pk": plan_meeting(world.cast, make_series(world.cast)).pk}


def _publish(world: World) -> dict:
    return {**_meeting(world), "action": "publiceren"}


def _item(world: World) -> dict:
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = submit(world.cast, world.family, meeting)
    return {"pk": meeting.pk, "item_pk": item.pk}


def _candidate(world: World) -> dict:
    meeting = plan_meeting(world.cast, make_series(world.cast))
    item = AgendaItem.objects.create(
        meeting=meeting,
        family=world.family,
        coalition=world.family.coalition,
        source=ItemSource.ROUTE_3,
        status=ItemStatus.CANDIDATE,
        position=1,
    )
    return {"pk": meeting.pk, "item_pk": item.pk}


ROWS: dict[str, Row] = {
    # The MDO area: professionals and coordinators of the active coalition.
    "mdo:home": Row(everyone(200, analyst=403, administrator=403)),
    "mdo:series_add": Row(only(COORDINATOR)),
    "mdo:series": Row(only(MEETING_READERS), kwargs=_series),
    "mdo:series_edit": Row(only(COORDINATOR), kwargs=_series),
    "mdo:series_participant_add": Row(only(COORDINATOR), kwargs=_series),
    "mdo:series_participant_remove": Row(only(COORDINATOR), kwargs=_standing_participant),
    # Suggestions for the add-participant pages: for whoever may add one there.
    "mdo:series_participant_search": Row(
        only(COORDINATOR), kwargs=_series, data={"q": "Testpersoon"}
    ),
    "mdo:meeting_add": Row(only(COORDINATOR), kwargs=_series),
    "mdo:meeting": Row(only(MEETING_READERS), kwargs=_meeting),
    "mdo:meeting_edit": Row(only(COORDINATOR), kwargs=_meeting),
    # The confirmation page; the POST goes through the same check.
    "mdo:meeting_transition": Row(only(COORDINATOR), kwargs=_publish),
    "mdo:meeting_participant_add": Row(only(COORDINATOR), kwargs=_meeting),
    "mdo:meeting_participant_search": Row(
        only(COORDINATOR), kwargs=_meeting, data={"q": "Testpersoon"}
    ),
    "mdo:agenda_item_move": Row(
        only(COORDINATOR, 302), method="post", kwargs=_item, data={"richting": "omhoog"}
    ),
    "mdo:agenda_item_schedule": Row(only(COORDINATOR, 302), method="post", kwargs=_candidate),
    "mdo:agenda_item_withdraw": Row(only(COORDINATOR), kwargs=_item),
    # The family's policy; someone with a ground but off the care team (break-the-glass)
    # reads nothing more here and may not submit.
    "mdo:submit": Row({**family_only(CARE_TEAM), "break_the_glass": 403}, kwargs=family_kwargs),
}
