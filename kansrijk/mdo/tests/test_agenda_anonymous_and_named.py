"""An item is shown by name (reference and a link to the file) only when the family's consent
for named MDO discussion is in force and the viewer may see the family; otherwise the
anonymous summary: age band, phase, level and route, and nothing that identifies."""

from datetime import date

import pytest
from django.urls import reverse

from kansrijk.families.models import ConsentPurpose
from kansrijk.families.services import consent_withdraw
from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.mdo.selectors import age_band, agenda_rows
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit

from .agenda_support import CLIENT_FIRST_NAME, CLIENT_LAST_NAME, family_with_summary, publish

pytestmark = pytest.mark.django_db


def identifying(family) -> list[str]:
    client = family.persons.get(role="client")
    return [
        family.reference,
        CLIENT_FIRST_NAME,
        CLIENT_LAST_NAME,
        family.postcode,
        reverse("families:detail", args=[family.pk]),
        client.date_of_birth.strftime("%d-%m-%Y"),
        client.date_of_birth.isoformat(),
        f"{client.date_of_birth.day} januari {client.date_of_birth.year}",
    ]


def agenda_html(actor, meeting) -> str:
    response = logged_in_client(actor).get(reverse("mdo:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def meeting_with_both(cast):
    """A draft meeting with a named and an anonymous family; the care-team member is a
    guest so that someone who may see both families views the agenda too."""
    named = family_with_summary(cast, age=24)
    anonymous = family_with_summary(cast, age=17, postcode="9999 ZZ")
    consent_to_named_discussion(cast, named)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, named, meeting, "Wie neemt de regie?")
    submit(cast, anonymous, meeting, "Is VoorZorg passend?")
    services.meeting_participant_add(
        actor=cast.coordinator,
        meeting_pk=meeting.pk,
        professional=cast.care_team_member,
        role=ParticipantRole.GUEST,
    )
    return meeting, named, anonymous


@pytest.mark.parametrize("viewer", ["coordinator", "outsider", "care_team_member"])
def test_an_anonymous_item_never_shows_what_identifies_the_family(cast, meeting_with_both, viewer):
    meeting, _named, anonymous = meeting_with_both
    meeting = publish(cast, meeting)
    html = agenda_html(getattr(cast, viewer), meeting)
    for text in identifying(anonymous):
        assert text not in html, text
    assert "Anoniem" in html
    assert "Cliënt jonger dan 20 · Zwangerschap, 2e trimester" in html
    assert "Kwetsbaar" in html
    assert "Route 3" in html
    assert "Is VoorZorg passend?" in html


def test_a_named_item_shows_its_reference_to_the_care_team(cast, meeting_with_both):
    meeting, named, _anonymous = meeting_with_both
    html = agenda_html(cast.care_team_member, meeting)
    assert f"Gezin {named.reference}" in html
    assert reverse("families:detail", args=[named.pk]) in html
    # Named, yet still only the summary: no client name or date of birth on the agenda.
    assert CLIENT_LAST_NAME not in html


def test_a_participant_sees_the_reference_only_once_the_agenda_is_published(
    cast, meeting_with_both
):
    meeting, named, _anonymous = meeting_with_both
    draft = agenda_html(cast.outsider, meeting)
    assert named.reference not in draft
    assert "Met naam" in draft
    published = agenda_html(cast.outsider, publish(cast, meeting))
    assert f"Gezin {named.reference}" in published
    assert reverse("families:detail", args=[named.pk]) in published


def test_the_coordinator_sees_no_reference_without_a_ground(cast, meeting_with_both):
    meeting, named, _anonymous = meeting_with_both
    html = agenda_html(cast.coordinator, publish(cast, meeting))
    for text in identifying(named):
        assert text not in html, text
    assert "je hebt geen toegang tot het dossier" in html


def test_withdrawn_consent_makes_the_item_anonymous_at_once(cast, meeting_with_both):
    meeting, named, _anonymous = meeting_with_both
    meeting = publish(cast, meeting)
    consent_withdraw(actor=cast.case_director, family_pk=named.pk, purpose=ConsentPurpose.MDO_NAMED)
    html = agenda_html(cast.outsider, meeting)
    for text in identifying(named):
        assert text not in html, text


def test_the_rows_carry_the_summary(cast, meeting_with_both):
    meeting, named, anonymous = meeting_with_both
    rows = {row.item.family_id: row for row in agenda_rows(meeting, cast.care_team_member)}
    assert rows[named.pk].identified
    assert rows[named.pk].reference == named.reference
    assert not rows[anonymous.pk].named
    assert rows[anonymous.pk].reference == ""
    assert rows[anonymous.pk].age_band == "jonger dan 20"
    assert rows[anonymous.pk].level == "vulnerable"
    assert rows[anonymous.pk].route == 3
    assert rows[anonymous.pk].phase.code == "trimester_2"


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2007, 3, 2), "jonger dan 20"),
        (date(2006, 3, 1), "20\N{EN DASH}29"),
        (date(1996, 3, 2), "20\N{EN DASH}29"),
        (date(1996, 3, 1), "30\N{EN DASH}39"),
        (date(1986, 3, 1), "40 of ouder"),
        (None, "leeftijd onbekend"),
    ],
)
def test_age_bands(born, band):
    assert age_band(born, on=date(2026, 3, 1)) == band
