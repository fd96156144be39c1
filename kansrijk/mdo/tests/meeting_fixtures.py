"""Test data for the meeting itself (decisions, meeting mode, minutes).

`mdo_registrations` registers what `MdoConfig.ready` / `WorklistConfig.ready` register once
the lead wires them (the MDO decision ground, the MDO timeline kinds, the chain-signals
panel); importing it into a test module makes it autouse there. `published_meeting` gives a
meeting in 7 days with a chair (a midwife of the coalition), one route-3 family discussed by
name and one anonymous family, agenda published.
"""

from dataclasses import dataclass

import pytest

from kansrijk.families.models import Family
from kansrijk.mdo import decision_ground, services
from kansrijk.mdo import timeline as mdo_timeline
from kansrijk.mdo.models import AgendaItem, MdoMeeting, MeetingStatus, ParticipantRole
from kansrijk.organisations.models import Discipline, Professional
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import Cast
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory, TOTPDeviceFactory
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit
from kansrijk.worklist import mdo_panel


@pytest.fixture(autouse=True)
def mdo_registrations():
    decision_ground.register()
    mdo_timeline.register()
    mdo_panel.register()


def make_professional(cast: Cast, username: str, *, discipline=Discipline.MIDWIFE) -> Professional:
    professional = ProfessionalFactory(
        username=username, first_name=username.title(), last_name="Testpersoon"
    )
    MembershipFactory(
        professional=professional,
        coalition=cast.coalition,
        organisation=cast.outsider.memberships.get().organisation,
        discipline=discipline,
    )
    TOTPDeviceFactory(user=professional)
    return professional


def route_three(cast: Cast, family: Family) -> None:
    """A professional judgement "vulnerable" with route 3 chosen: the family awaits an MDO."""
    assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "vulnerable", "reden": "Veel zorgen, weinig steun."},
        route=3,
    )


@dataclass
class Meeting:
    meeting: MdoMeeting
    chair: Professional
    named: Family
    anonymous: Family
    named_item: AgendaItem
    anonymous_item: AgendaItem


def setup_meeting(cast: Cast, *, publish: bool = True, extra_named: int = 0) -> Meeting:
    named, anonymous = make_family(cast), make_family(cast)
    route_three(cast, named)
    consent_to_named_discussion(cast, named)
    series = make_series(cast)
    chair = make_professional(cast, "voorzitter")
    services.series_participant_add(
        actor=cast.coordinator, series=series, professional=chair, role=ParticipantRole.CHAIR
    )
    meeting = plan_meeting(cast, series)
    named_item = submit(cast, named, meeting, "Wie neemt de regie?")
    anonymous_item = submit(cast, anonymous, meeting, "Is VoorZorg passend?")
    for _number in range(extra_named):
        family = make_family(cast)
        consent_to_named_discussion(cast, family)
        submit(cast, family, meeting)
    if publish:
        meeting = services.meeting_transition(
            actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
        )
    return Meeting(meeting, chair, named, anonymous, named_item, anonymous_item)


@pytest.fixture
def held(cast) -> Meeting:
    """A published meeting with a chair, a named route-3 family and an anonymous one (for
    modules that import it; the modules of the meeting itself define their own)."""
    return setup_meeting(cast)
