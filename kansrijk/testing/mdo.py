"""MDO test data: a series of the cast's coalition with the coordinator managing it, the
outsider (a midwife of the coalition off every care team) as standing member, and meetings."""

from datetime import timedelta

from django.utils import timezone

from kansrijk.families.models import ConsentPurpose
from kansrijk.mdo import services
from kansrijk.mdo.models import AgendaItem, MdoMeeting, MdoSeries, MeetingStatus, ParticipantRole
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import consent_given, make_family


def make_series(cast: Cast, *, name: str = "MDO Zwangeren Eerstedorp", **data) -> MdoSeries:
    series = services.series_save(
        actor=cast.coordinator,
        coalition=cast.coalition,
        data={"name": name, "recurrence": "monthly", **data},
    )
    services.series_participant_add(
        actor=cast.coordinator,
        series=series,
        professional=cast.outsider,
        role=ParticipantRole.MEMBER,
    )
    return series


def plan_meeting(cast: Cast, series: MdoSeries, *, in_days: int = 7) -> MdoMeeting:
    return services.meeting_plan(
        actor=cast.coordinator,
        series=series,
        data={"starts_at": timezone.now() + timedelta(days=in_days), "place": "Wijkcentrum"},
    )


def submit(cast: Cast, family, meeting: MdoMeeting, question: str = "") -> AgendaItem:
    return services.agenda_item_submit(
        actor=cast.case_director,
        family_pk=family.pk,
        meeting_pk=meeting.pk,
        question=question or "Wie neemt de regie, en is VoorZorg passend?",
    )


def consent_to_named_discussion(cast: Cast, family) -> None:
    consent_given(cast, family, ConsentPurpose.MDO_NAMED)


def on_published_agenda_by_name(cast: Cast):
    """A new family of the cast, with consent for named discussion, on the published agenda
    of a meeting in 7 days: its participants (the outsider, a standing member) may read the
    file on the MDO ground."""
    family = make_family(cast)
    consent_to_named_discussion(cast, family)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, family, meeting)
    services.meeting_transition(
        actor=cast.coordinator, meeting_pk=meeting.pk, to_status=MeetingStatus.PUBLISHED
    )
    return family
