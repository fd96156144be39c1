"""The family's access report ("wie keek in ons dossier?"): every access event of their own
family, newest first, in plain words, with a question button; the query count does not grow
with the number of events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import access_event_record

from .choices_world import choices_world

pytestmark = pytest.mark.django_db


def _looks(cast, family, number: int) -> None:
    for _index in range(number):
        get_family_for_user(cast.care_team_member, family.pk, AccessEvent.Action.READ)


def test_the_family_sees_who_looked_when_and_why(cast):
    world = choices_world(cast)
    _looks(cast, world.family, 1)
    access_event_record(
        user=cast.coordinator,
        action=AccessEvent.Action.EXPORT,
        family=world.family,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=True,
        ground="break_the_glass",
        ground_detail="Acute zorg: niemand van het zorgteam bereikbaar",
    )
    response = world.client.get(reverse("portal:access_report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert cast.care_team_member.get_full_name() in page
    assert "JGZ Eerstedorp" in page
    assert "heeft in jullie dossier gekeken" in page
    assert "zit in jullie zorgteam" in page
    assert "heeft gegevens uit jullie dossier opgehaald" in page
    assert "noodtoegang: Acute zorg" in page
    # The explanation a professional typed stays in the professionals' report.
    assert "niemand van het zorgteam bereikbaar" not in page
    # Their own look at the report is the newest line, as "jijzelf", without a question button.
    first = page.index('data-testid="access-event"')
    assert "jijzelf" in page[first : first + 600]
    own = AccessEvent.objects.filter(family=world.family, ground=SELF_GROUND).latest("id")
    assert reverse("portal:access_question", args=[own.pk]) not in page
    looked = AccessEvent.objects.filter(user=cast.care_team_member, family=world.family).first()
    assert reverse("portal:access_question", args=[looked.pk]) in page


def test_the_report_never_shows_what_a_professional_wrote_as_detail(cast):
    world = choices_world(cast)
    get_family_for_user(
        cast.case_director,
        world.family.pk,
        AccessEvent.Action.READ,
        detail="Veiligheidsplan ingezien",
    )
    page = world.client.get(reverse("portal:access_report")).content.decode()
    assert "Veiligheidsplan" not in page


def test_another_familys_events_are_not_shown(cast):
    world = choices_world(cast)
    other = choices_world(cast, first_name="Noor", email="noor@example.org")
    _looks(cast, other.family, 2)
    page = world.client.get(reverse("portal:access_report")).content.decode()
    assert cast.care_team_member.get_full_name() not in page


def test_the_report_is_paginated(cast):
    world = choices_world(cast)
    _looks(cast, world.family, 55)
    page = world.client.get(reverse("portal:access_report")).content.decode()
    assert page.count('data-testid="access-event"') == 50
    assert "Volgende pagina" in page
    second = world.client.get(reverse("portal:access_report"), {"pagina": 2}).content.decode()
    assert second.count('data-testid="access-event"') > 0


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("portal:access_report")).status_code == 200
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_the_events(cast):
    world = choices_world(cast)
    _looks(cast, world.family, 2)
    few = _queries(world.client)
    _looks(cast, world.family, 30)
    # Session and account, the own-access event, the count and one page of events, the
    # family's questions: the same for 3 events as for 30.
    assert _queries(world.client) == few
