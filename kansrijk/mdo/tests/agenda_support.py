"""Data for the agenda page tests: families with a client, a pregnancy, a level and a route,
and meetings in each status."""

from datetime import date, timedelta

from django.utils import timezone

from kansrijk.families.models import Person
from kansrijk.families.services import pregnancy_add
from kansrijk.mdo import services
from kansrijk.mdo.models import MdoMeeting, MeetingStatus
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family

CLIENT_FIRST_NAME = "Annemarie"
CLIENT_LAST_NAME = "Vlietstra"


def family_with_summary(cast: Cast, *, age: int = 24, route: int | None = 3, **data):
    """A family with a named client of `age`, a pregnancy in the second trimester, and a
    final assessment "kwetsbaar" with route `route`."""
    family = make_family(cast, **data)
    today = timezone.localdate()
    Person.objects.create(
        family=family,
        coalition=family.coalition,
        role="client",
        first_name=CLIENT_FIRST_NAME,
        last_name=CLIENT_LAST_NAME,
        date_of_birth=date(today.year - age, 1, 1) if today >= date(today.year, 1, 1) else None,
    )
    pregnancy_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"due_date": today + timedelta(days=120), "gravidity": 1, "parity": 0},
    )
    assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "vulnerable", "reden": "Weinig steun, schulden."},
        route=route,
    )
    return family


def publish(cast: Cast, meeting: MdoMeeting) -> MdoMeeting:
    return services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
