"""A published MDO meeting for the API tests.

The cast's coordinator manages the series, the outsider (a midwife of the coalition, off
every care team) is its standing member. On the agenda: a family with consent for named
discussion and one without (anonymous), both submitted by their case director.
"""

from dataclasses import dataclass

from kansrijk.families.models import Family
from kansrijk.mdo import services
from kansrijk.mdo.models import AgendaItem, MdoMeeting, MdoSeries, MeetingStatus
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

API = "/api/v1/mdo"


@dataclass
class Agenda:
    series: MdoSeries
    meeting: MdoMeeting
    named_family: Family
    anonymous_family: Family
    named: AgendaItem
    anonymous: AgendaItem


def make_agenda(cast, *, publish: bool = True) -> Agenda:
    series = make_series(cast)
    meeting = plan_meeting(cast, series)
    named_family = make_family(cast)
    consent_to_named_discussion(cast, named_family)
    anonymous_family = make_family(cast)
    named = submit(cast, named_family, meeting)
    anonymous = submit(cast, anonymous_family, meeting)
    if publish:
        meeting = services.meeting_transition(
            actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
        )
    return Agenda(series, meeting, named_family, anonymous_family, named, anonymous)
